"""The rollout plan: programmes with dated tracks, phases and milestones; edits by the project team."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.dates import show_day
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.rollout.model import Area, MilestoneStatus, PlanChanged, SpanKind, effective_status
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.rollout import Milestone, Programme, Span


@dataclass(frozen=True)
class SpanView:
    """A dated stretch of a track or phase."""

    id: int
    programme_id: int
    kind: SpanKind
    key: str
    label: str
    start: date
    end: date

    def covers(self, day: date) -> bool:
        """Whether the span includes a day."""
        return self.start <= day <= self.end


@dataclass(frozen=True)
class MilestoneView:
    """A milestone with its status as of today (late computed)."""

    id: int
    programme_id: int
    phase_id: int | None
    title: str
    owner: str
    due: date
    status: MilestoneStatus
    stored_status: MilestoneStatus
    notes: str


@dataclass(frozen=True)
class ProgrammeView:
    """A programme with its spans and milestones."""

    id: int
    area: Area
    name: str
    start: date
    end: date
    spans: tuple[SpanView, ...]
    milestones: tuple[MilestoneView, ...]


async def plan(actor: Actor, today: date) -> list[ProgrammeView]:
    """Every programme with spans and milestones, in three queries."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    programmes = await Programme.all().order_by("start")
    spans: dict[int, list[SpanView]] = defaultdict(list)
    for s in await Span.all().order_by("kind", "start"):
        spans[s.programme_id].append(SpanView(s.id, s.programme_id, SpanKind(s.kind), s.key, s.label, s.start, s.end))
    stones: dict[int, list[MilestoneView]] = defaultdict(list)
    for m in await Milestone.all().order_by("due"):
        stored = MilestoneStatus(m.status)
        stones[m.programme_id].append(MilestoneView(m.id, m.programme_id, m.phase_id, m.title, m.owner, m.due,
                                                    effective_status(stored, m.due, today), stored, m.notes))
    return [ProgrammeView(p.id, Area(p.area), p.name, p.start, p.end, tuple(spans[p.id]), tuple(stones[p.id]))
            for p in programmes]


@dataclass(frozen=True)
class MilestoneDraft:
    """What the edit dialog sends."""

    programme_id: int
    phase_id: int | None
    title: str
    owner: str
    due: date
    status: MilestoneStatus
    notes: str = ""


async def check_milestone(actor: Actor, draft: MilestoneDraft) -> None:
    """Refuse edits by others, empty titles, a stored 'late', and a due date outside its phase."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    if not draft.title.strip():
        raise DomainError("rollout.error.title_required")
    if len(draft.title) > 160 or len(draft.owner) > 120 or len(draft.notes) > 2000:
        raise DomainError("rollout.error.too_long")
    if draft.status is MilestoneStatus.LATE:
        raise DomainError("rollout.error.late_is_computed")
    programme = await Programme.get_or_none(id=draft.programme_id)
    if programme is None:
        raise NotFound("error.not_found")
    if draft.due < programme.start:
        raise DomainError("rollout.error.due_before_programme", start=show_day(programme.start))
    if draft.due > programme.end:
        raise DomainError("rollout.error.due_after_programme", end=show_day(programme.end))
    if draft.phase_id is not None:
        phase = await Span.get_or_none(id=draft.phase_id, programme_id=draft.programme_id, kind=SpanKind.PHASE)
        if phase is None:
            raise DomainError("rollout.error.unknown_phase")
        if draft.due < phase.start:
            raise DomainError("rollout.error.due_before_phase", phase=phase.label, start=show_day(phase.start))


async def do_save_milestone(actor: Actor, draft: MilestoneDraft, milestone_id: int | None = None) -> int:
    """Create or update a milestone after the checks; returns its id."""
    check_typed_text(draft)
    await check_milestone(actor, draft)
    fields: dict[str, Any] = {
        "programme_id": draft.programme_id, "phase_id": draft.phase_id, "title": draft.title.strip(),
        "owner": draft.owner.strip(), "due": draft.due, "status": draft.status, "notes": draft.notes}
    async with committing(transaction) as outbox:
        if milestone_id is None:
            milestone_id = (await Milestone.create(**fields)).id
        elif not await Milestone.filter(id=milestone_id).update(**fields):
            raise NotFound("error.not_found")
        outbox.add(PlanChanged(draft.programme_id))
    return milestone_id


async def do_delete_milestone(actor: Actor, milestone_id: int) -> MilestoneDraft:
    """Remove a milestone (the project team only); returns the draft that saves it again, for undo."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    milestone = await Milestone.get_or_none(id=milestone_id)
    if milestone is None:
        raise NotFound("error.not_found")
    async with committing(transaction) as outbox:
        await milestone.delete()
        outbox.add(PlanChanged(milestone.programme_id))
    return MilestoneDraft(milestone.programme_id, milestone.phase_id, milestone.title, milestone.owner, milestone.due,
                          MilestoneStatus(milestone.status), milestone.notes)
