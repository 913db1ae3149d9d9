"""Rollout vocabulary: areas, tracks, phases, milestones, readiness items, surveys; pure rules."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from domain.events import Event
from domain.organisation.model import InstitutionKind

# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.
ROLLOUT_TOPIC = "rollout"  # The rollout pages: plans, readiness, adoption.
SURVEYS_TOPIC = "surveys"  # The survey pages: a survey was created or sent.


class Area(StrEnum):
    """The three areas the deck plans separately."""

    DAGTILBUD = "dagtilbud"
    BFO_KLUB = "bfo_klub"
    SKOLE = "skole"


AREA_OF_KIND = {
    InstitutionKind.VUGGESTUE: Area.DAGTILBUD,
    InstitutionKind.BOERNEHAVE: Area.DAGTILBUD,
    InstitutionKind.INTEGRERET: Area.DAGTILBUD,
    InstitutionKind.DAGPLEJE: Area.DAGTILBUD,
    InstitutionKind.BFO: Area.BFO_KLUB,
    InstitutionKind.KLUB: Area.BFO_KLUB,
    InstitutionKind.SKOLE: Area.SKOLE,
}


class SpanKind(StrEnum):
    """A dated span is either a track (spor) or a phase (fase)."""

    TRACK = "track"
    PHASE = "phase"


class Track(StrEnum):
    """The deck's tracks (spor)."""

    ANVENDELSESSTRATEGI = "anvendelsesstrategi"
    IT_DATA = "it_data"
    KURSER_INFO = "kurser_info"
    SUPPORT = "support"


class Phase(StrEnum):
    """The deck's phases (faser)."""

    UDRULNING = "udrulning"
    TILPASNING_DRIFT = "tilpasning_drift"
    SUPPORT = "support"
    EVALUERING = "evaluering"


class MilestoneStatus(StrEnum):
    """What the owner says; 'late' is never stored, it is computed from the date."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LATE = "late"


def effective_status(stored: MilestoneStatus, due: date, today: date) -> MilestoneStatus:
    """A milestone not done by its due date is late."""
    if stored is not MilestoneStatus.DONE and due < today:
        return MilestoneStatus.LATE
    return stored


class ReadinessItem(StrEnum):
    """The six items of the first, fixed checklist (migrations 0002 and 0015 name them; now demo data)."""

    SUPERUSERS = "superusers"
    STAFF_TRAINED = "staff_trained"
    GUARDIANS_INFORMED = "guardians_informed"
    WALL_SCREEN_PAIRED = "wall_screen_paired"
    KOMMEGAA_IN_USE = "kommegaa_in_use"
    FIRST_MESSAGE = "first_message"


class ObservedKey(StrEnum):
    """What Sammen can see for itself; a checklist item with one of these keys ticks itself."""

    SUPERUSERS = "superusers"
    WALL_SCREEN_PAIRED = "wall_screen_paired"
    KOMMEGAA_IN_USE = "kommegaa_in_use"
    FIRST_MESSAGE = "first_message"


# Kept for older callers: the first checklist's items Sammen can observe.
OBSERVABLE_ITEMS = frozenset({ReadinessItem.SUPERUSERS, ReadinessItem.WALL_SCREEN_PAIRED,
                              ReadinessItem.KOMMEGAA_IN_USE, ReadinessItem.FIRST_MESSAGE})


class CellStatus(StrEnum):
    """Where an institution stands on an item (or a set of items): done, missing, or missing past the deadline."""

    DONE = "done"
    MISSING = "missing"
    LATE = "late"


def cell_status(done: bool, deadline: date | None, today: date) -> CellStatus:
    """An item not done by its deadline is late."""
    if done:
        return CellStatus.DONE
    return CellStatus.LATE if deadline is not None and deadline < today else CellStatus.MISSING


class ChecklistAction(StrEnum):
    """What one entry in a cell's history did."""

    TICK = "tick"
    UNTICK = "untick"
    COMMENT = "comment"


class Audience(StrEnum):
    """Who an evaluation survey asks."""

    STAFF = "staff"
    GUARDIANS = "guardians"


class QuestionKind(StrEnum):
    """What a question asks for; the stored value (SurveyAnswer.value) is told beside each."""

    SCALE = "scale"  # 1-5, the points named by the survey's anchors
    TEXT = "text"  # free text (SurveyAnswer.text)
    CHOICE = "choice"  # one of the question's options: the option's index from 0
    CHOICES = "choices"  # several options: one row per chosen option, each the option's index from 0
    YES_NO = "yes_no"  # 1 yes, 0 no
    ZERO_TEN = "zero_ten"  # 0-10


SCALE_MIN, SCALE_MAX = 1, 5
ZERO_TEN_MIN, ZERO_TEN_MAX = 0, 10
YES, NO = 1, 0
# The points of a 1-5 scale as a survey names them unless its team writes its own (Survey.anchors).
DEFAULT_ANCHORS = ("Meget uenig", "Uenig", "Hverken enig eller uenig", "Enig", "Meget enig")
OPTION_KINDS = frozenset({QuestionKind.CHOICE, QuestionKind.CHOICES})
# An anonymous survey shows no figure built from fewer answers than this: it could be one person's answer.
MIN_GROUP = 5

K = TypeVar("K", bound=Hashable)


def too_few(answers: int) -> bool:
    """Whether a group of answers is too small to show (1-4; an empty group shows nothing anyway)."""
    return 0 < answers < MIN_GROUP


def shown_groups(counts: Mapping[K, int]) -> frozenset[K]:
    """The groups whose figures may stand beside the total of them all, in an anonymous survey.

    A group of 1-4 answers is hidden; and while the hidden groups hold 1-4 answers together, the smallest shown
    group is hidden too, since the total minus the shown groups would otherwise give the hidden ones away.
    """
    shown = {k for k, n in counts.items() if not too_few(n)}
    hidden = sum(n for k, n in counts.items() if k not in shown)
    for k in sorted((k for k in counts if k in shown and counts[k]), key=counts.__getitem__):
        if not too_few(hidden):
            break
        shown.discard(k)
        hidden += counts[k]
    return frozenset(shown)


@dataclass(frozen=True)
class ReadinessCell:
    """One institution's state on one checklist item."""

    institution_id: int
    item_id: int
    ticked: bool
    by_name: str
    at: datetime | None
    comment: str
    observed: bool


@dataclass(frozen=True)
class ReadinessChanged(Event):
    """A checklist item was ticked, unticked or commented at one institution; carries the cell's new state."""

    institution_id: int
    item_id: int
    ticked: bool
    was_ticked: bool
    by_name: str
    at: str
    comment: str
    observed: bool

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open rollout pages."""
        return (ROLLOUT_TOPIC,)

    def cell(self) -> ReadinessCell:
        """The cell's new state."""
        return ReadinessCell(self.institution_id, self.item_id, self.ticked, self.by_name,
                             datetime.fromisoformat(self.at) if self.at else None, self.comment, self.observed)


@dataclass(frozen=True)
class ChecklistChanged(Event):
    """The project team added, changed, moved or removed a checklist item of a programme."""

    programme_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open rollout pages."""
        return (ROLLOUT_TOPIC,)


@dataclass(frozen=True)
class PlanChanged(Event):
    """A span or milestone of a programme changed."""

    programme_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open rollout pages."""
        return (ROLLOUT_TOPIC,)


@dataclass(frozen=True)
class SurveyAnswered(Event):
    """Someone answered an evaluation survey."""

    survey_id: int
    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open rollout pages."""
        return (ROLLOUT_TOPIC,)


@dataclass(frozen=True)
class SurveyCreated(Event):
    """The project team sent out a survey; open answer pages of its audience look for it."""

    survey_id: int
    audience: str
    institution_ids: tuple[int, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to open answer pages and the team's survey list."""
        return (SURVEYS_TOPIC,)
