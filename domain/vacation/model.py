"""Vacation requests: the answer of one day, read models for the pages, and the event after an answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.events import Event

MAX_PERIOD_DAYS = 92
TITLE_MAX = 200
NOTE_MAX = 2000


# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def vacation_topic(request_id: int) -> str:
    """The staff's overview of one vacation request."""
    return f"vacation:{request_id}"


@dataclass(frozen=True)
class DayAnswer:
    """Whether the child comes on a day, and optionally when ("HH:MM" texts, empty means as usual)."""

    comes: bool
    arrival: str = ""
    pickup: str = ""


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as stored: minutes after midnight instead of texts."""

    comes: bool
    arrival_min: int | None = None
    pickup_min: int | None = None


@dataclass(frozen=True)
class RequestInfo:
    """A vacation request as a list or a page shows it."""

    id: int
    title: str
    note: str
    first_day: date
    last_day: date
    deadline: datetime
    author_name: str
    institution_ids: tuple[int, ...]
    group_ids: tuple[int, ...]
    target_names: tuple[str, ...] = ()

    def open_at(self, now: datetime) -> bool:
        """Whether guardians may still answer."""
        return now < self.deadline

    def days(self) -> list[date]:
        """Every date of the period."""
        return [date.fromordinal(d) for d in range(self.first_day.toordinal(), self.last_day.toordinal() + 1)]


@dataclass(frozen=True)
class DayView:
    """One day of the period for one child: closed (with why) or open, with the answer so far."""

    day: date
    closed: str = ""
    answer: StoredAnswer | None = None


@dataclass(frozen=True)
class ChildForm:
    """What a guardian fills in for one child: the days, the institution's hours and earlier answers."""

    child_id: int
    first_name: str
    institution_name: str
    opens: str
    closes: str
    days: tuple[DayView, ...]

    @property
    def open_days(self) -> list[date]:
        """The days that can be answered."""
        return [d.day for d in self.days if not d.closed]

    @property
    def answered(self) -> int:
        """How many open days have an answer."""
        return sum(1 for d in self.days if d.answer is not None and not d.closed)


@dataclass(frozen=True)
class DayCount:
    """Expected attendance on one day: comes, away (ferie), not answered; children whose place is closed."""

    day: date
    comes: int = 0
    away: int = 0
    missing: int = 0
    closed: int = 0


@dataclass(frozen=True)
class Attendance:
    """Expected attendance per day and who has not answered every open day."""

    request: RequestInfo
    children: int
    days: tuple[DayCount, ...]
    unanswered: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Pending:
    """A request that waits for a guardian's answer for some of their children."""

    request_id: int
    title: str
    first_day: date
    last_day: date
    deadline: datetime
    child_names: tuple[str, ...]
    waiting: tuple[str, ...]


@dataclass(frozen=True)
class VacationAnswered(Event):
    """A guardian answered (or changed) days of a request; the staff's chart redraws."""

    request_id: int
    child_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Everyone looking at this request."""
        return (vacation_topic(self.request_id),)
