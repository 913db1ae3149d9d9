"""Read models and events of conference booking (plain values only)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from domain.clock import COPENHAGEN
from domain.events import Event

# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def conference_topic(round_id: int) -> str:
    """The pages of one round of conferences."""
    return f"conference:{round_id}"


def conference_group_topic(group_id: int) -> str:
    """The rounds of a group."""
    return f"conference-group:{group_id}"


@dataclass(frozen=True)
class SlotView:
    """One slot as a screen shows it; a guardian sees names only on their own children's slots."""

    slot_id: int
    starts_at: datetime
    ends_at: datetime
    taken: bool
    child_id: int | None = None
    child_name: str = ""
    booked_by_name: str = ""

    @property
    def local_day(self) -> date:
        """The Copenhagen date of the slot."""
        return self.starts_at.astimezone(COPENHAGEN).date()


@dataclass(frozen=True)
class ChildChoice:
    """A child who should have a slot in the round, and the slot they hold (if any)."""

    child_id: int
    name: str
    slot_id: int | None
    slot_start: datetime | None = None


@dataclass(frozen=True)
class RoundView:
    """A round with its slots, for the organiser's schedule or a guardian's booking page."""

    round_id: int
    group_id: int
    group_name: str
    title: str
    place: str
    organiser_name: str
    slot_minutes: int
    child_takes_part: bool
    booking_deadline: datetime
    reminder_hours: int | None
    closed: bool
    slots: tuple[SlotView, ...]
    children: tuple[ChildChoice, ...]
    organiser_view: bool

    def open_at(self, now: datetime) -> bool:
        """Guardians may book, move and cancel until the deadline of an open round."""
        return not self.closed and now < self.booking_deadline

    def with_changes(self, changes: tuple[dict[str, Any], ...], mine: frozenset[int]) -> RoundView:
        """The round after a SlotsChanged event; names kept only for the organiser and for one's own children."""
        by_id = {s.slot_id: s for s in self.slots}
        for change in changes:
            slot = by_id.get(int(change["slot_id"]))
            if slot is None:
                continue
            child_id = change.get("child_id")
            visible = child_id is not None and (self.organiser_view or child_id in mine)
            by_id[slot.slot_id] = replace(
                slot, taken=child_id is not None, child_id=child_id if visible else None,
                child_name=str(change.get("child_name", "")) if visible else "",
                booked_by_name=str(change.get("booked_by_name", "")) if visible else "")
        held = {s.child_id: s.slot_id for s in by_id.values() if s.child_id is not None}
        children = tuple(replace(c, slot_id=held.get(c.child_id)) for c in self.children)
        return replace(self, slots=tuple(sorted(by_id.values(), key=lambda s: s.starts_at)), children=children)


@dataclass(frozen=True)
class RoundSummary:
    """A line in a list of rounds."""

    round_id: int
    title: str
    group_name: str
    first_start: datetime | None
    last_start: datetime | None
    booking_deadline: datetime
    booked: int
    total: int
    closed: bool


@dataclass(frozen=True)
class PendingBooking:
    """A round where a guardian's child still has no slot, before the deadline."""

    round_id: int
    child_id: int
    child_first_name: str
    title: str
    booking_deadline: datetime


@dataclass(frozen=True)
class SlotsChanged(Event):
    """Slots of a round were booked, moved or freed; each change carries the slot's new holder (or none)."""

    round_id: int
    changes: tuple[dict[str, Any], ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """Every open booking page and schedule of the round."""
        return (conference_topic(self.round_id),)


@dataclass(frozen=True)
class RoundsChanged(Event):
    """A round was created or closed in a group; lists of rounds refresh."""

    round_id: int
    group_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """The group's lists of rounds, and the round's own pages."""
        return (conference_group_topic(self.group_id), conference_topic(self.round_id))
