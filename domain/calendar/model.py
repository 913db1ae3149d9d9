"""The calendar's vocabulary: scopes, answers, the items a calendar view shows, one event's detail, events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.events import Event

# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def calendar_institution_topic(institution_id: int) -> str:
    """Calendars reaching an institution."""
    return f"calendar-inst:{institution_id}"


def calendar_group_topic(group_id: int) -> str:
    """Calendars reaching a group."""
    return f"calendar-group:{group_id}"


def calendar_person_topic(person_id: int) -> str:
    """One person's calendar."""
    return f"calendar-person:{person_id}"


def calendar_municipality_topic(municipality_id: int) -> str:
    """Calendars of a whole municipality."""
    return f"calendar-municipality:{municipality_id}"


def event_topic(event_id: int) -> str:
    """The open dialogs of one event."""
    return f"event:{event_id}"


class Scope(StrEnum):
    """Whose calendar an event belongs to."""

    PERSON = "person"
    GROUP = "group"
    INSTITUTION = "institution"
    MUNICIPALITY = "municipality"


class Answer(StrEnum):
    """An invitee's answer; NOT_ANSWERED is how a view shows an invitation without one (stored as "")."""

    JA = "ja"
    NEJ = "nej"
    MAASKE = "maaske"
    NOT_ANSWERED = "ingen"


class Repeat(StrEnum):
    """How an event repeats ("" for not at all)."""

    NONE = ""
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"


class ItemKind(StrEnum):
    """What a calendar item is."""

    EVENT = "event"
    HOLIDAY = "holiday"
    CLOSING_DAY = "closing_day"
    CONFERENCE = "conference"
    FORM_DEADLINE = "form_deadline"
    VACATION_DEADLINE = "vacation_deadline"


TITLE_MAX = 200
PLACE_MAX = 200
DESCRIPTION_MAX = 5000
REMINDER_MIN_MINUTES = 5
REMINDER_MAX_MINUTES = 14 * 24 * 60
MAX_RECURRENCE_YEARS = 5

# Every DomainError key the calendar raises, so the UI's text table can be checked against it.
ERROR_KEYS = (
    "calendar.end_before_start", "calendar.title_empty", "calendar.title_too_long",
    "calendar.place_too_long", "calendar.description_too_long", "calendar.bad_repeat",
    "calendar.recurrence_too_long", "calendar.repeat_until_before_start", "calendar.bad_reminder",
    "calendar.bad_scope", "calendar.invite_needs_group", "calendar.not_found",
    "calendar.bad_answer", "calendar.no_such_occurrence", "calendar.feed_not_found", "calendar.too_wide",
)


@dataclass(frozen=True)
class CalendarItem:
    """One thing on a day of a calendar view; all-day items run from local midnight to the next (exclusive)."""

    kind: str
    key: str
    title: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    place: str = ""
    event_id: int | None = None
    scope_label: str = ""
    institution_id: int | None = None
    child_ids: tuple[int, ...] = ()
    my_answer: str = ""
    organiser_name: str = ""
    can_edit: bool = False
    description: str = ""
    url: str = ""
    scope: str = ""
    recurring: bool = False
    private: bool = False


@dataclass(frozen=True)
class InvitationCounts:
    """How the invitees answered so far."""

    ja: int = 0
    nej: int = 0
    maaske: int = 0
    not_answered: int = 0

    @property
    def invited(self) -> int:
        """Everyone invited."""
        return self.ja + self.nej + self.maaske + self.not_answered


@dataclass(frozen=True)
class EventDetail:
    """One event as its page shows it (the first occurrence's times; recurrence in words and as fields)."""

    event_id: int
    title: str
    description: str
    place: str
    all_day: bool
    starts_at: datetime
    ends_at: datetime
    scope: str
    scope_label: str
    person_id: int | None
    group_id: int | None
    institution_id: int | None
    organiser_id: int | None
    organiser_name: str
    private: bool
    repeat: str
    repeat_until: date | None
    recurrence_text: str
    skipped: tuple[str, ...]
    invite: bool
    reminder_minutes: int | None
    my_answer: str
    counts: InvitationCounts | None
    can_edit: bool
    cancelled: bool


@dataclass(frozen=True)
class CalendarChanged(Event):
    """Events of these scopes changed, so open calendars showing them reload."""

    event_id: int
    municipality_id: int | None = None
    institution_ids: tuple[int, ...] = ()
    group_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()

    @property
    def topics(self) -> tuple[str, ...]:
        """One topic per scope touched, and the event's own page."""
        found = [calendar_institution_topic(i) for i in self.institution_ids]
        found += [calendar_group_topic(g) for g in self.group_ids]
        found += [calendar_person_topic(p) for p in self.person_ids]
        if self.municipality_id is not None:
            found.append(calendar_municipality_topic(self.municipality_id))
        return (*found, event_topic(self.event_id))


@dataclass(frozen=True)
class InvitationAnswered(Event):
    """An invitee answered; the organiser's page shows the new counts without asking the database."""

    event_id: int
    person_id: int
    answer: str
    ja: int
    nej: int
    maaske: int
    not_answered: int

    @property
    def topics(self) -> tuple[str, ...]:
        """The event's page, and the answering person's own calendars."""
        return (event_topic(self.event_id), calendar_person_topic(self.person_id))

    @property
    def counts(self) -> InvitationCounts:
        """The counts as a value."""
        return InvitationCounts(self.ja, self.nej, self.maaske, self.not_answered)
