"""KommeGå's vocabulary and its state machine: a child's status through one day at one institution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from functools import lru_cache
from typing import Any

from domain.errors import DomainError
from domain.events import Event
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind

# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.
WALL_SCREENS_TOPIC = "wallscreens"  # The leaders' list of wall screens.


def presence_topic(institution_id: int) -> str:
    """The boards and wall screens of an institution."""
    return f"presence:{institution_id}"


def child_topic(child_id: int) -> str:
    """The guardians' pages of one child."""
    return f"presence-child:{child_id}"


def settings_topic(institution_id: int) -> str:
    """What follows an institution's KommeGå settings."""
    return f"presence-settings:{institution_id}"


def wall_screen_topic(wall_screen_id: int) -> str:
    """One wall screen's own page."""
    return f"wallscreen:{wall_screen_id}"


class Status(StrEnum):
    """Where a child is in its day."""

    NOT_ARRIVED = "ikke_kommet"
    PRESENT = "til_stede"
    SLEEPING = "sover"
    ON_TRIP = "paa_tur"
    AT_LOCATION = "lokation"
    PICKED_UP = "hentet"
    SICK = "syg"
    SICK_HERE = "syg_her"  # fell ill in the house: still here (and counted) until someone picks the child up
    VACATION = "ferie"


class Action(StrEnum):
    """What a tablet, the wall screen or a parent's phone asks for."""

    CHECK_IN = "tjek_ind"
    CHECK_OUT = "tjek_ud"
    SLEEP = "sov"
    WAKE = "vaagn"
    TRIP = "tur"
    GO_TO_LOCATION = "lokation"
    RETURN = "retur"
    REPORT_SICK = "syg"
    REPORT_VACATION = "ferie"
    CLEAR_ABSENCE = "fjern_fravaer"


class DeviceKind(StrEnum):
    """The kind of device a change came from (recorded with each change)."""

    TABLET = "tablet"
    KIOSK = "kiosk"
    PHONE = "phone"


class ConsentKind(StrEnum):
    """What a guardian can consent to for a child."""

    GO_HOME_ALONE = "gaa_hjem_selv"


S, A = Status, Action
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.NOT_ARRIVED, A.CHECK_IN): S.PRESENT,
    (S.NOT_ARRIVED, A.REPORT_SICK): S.SICK,
    (S.NOT_ARRIVED, A.REPORT_VACATION): S.VACATION,
    (S.PRESENT, A.CHECK_OUT): S.PICKED_UP,
    (S.PRESENT, A.SLEEP): S.SLEEPING,
    (S.PRESENT, A.TRIP): S.ON_TRIP,
    (S.PRESENT, A.GO_TO_LOCATION): S.AT_LOCATION,
    (S.PRESENT, A.REPORT_SICK): S.SICK_HERE,  # fell ill during the day: stays here until picked up
    (S.SICK_HERE, A.CHECK_OUT): S.PICKED_UP,
    (S.SICK_HERE, A.CLEAR_ABSENCE): S.PRESENT,  # not sick after all
    (S.SLEEPING, A.WAKE): S.PRESENT,
    (S.SLEEPING, A.CHECK_OUT): S.PICKED_UP,  # picked up from the nap: the check-out is the wake-up time
    (S.ON_TRIP, A.RETURN): S.PRESENT,
    (S.ON_TRIP, A.CHECK_OUT): S.PICKED_UP,  # picked up where the trip went
    (S.AT_LOCATION, A.RETURN): S.PRESENT,
    (S.AT_LOCATION, A.GO_TO_LOCATION): S.AT_LOCATION,
    (S.AT_LOCATION, A.CHECK_OUT): S.PICKED_UP,
    (S.PICKED_UP, A.CHECK_IN): S.PRESENT,  # came back the same day
    (S.SICK, A.CHECK_IN): S.PRESENT,
    (S.SICK, A.CLEAR_ABSENCE): S.NOT_ARRIVED,
    (S.VACATION, A.CHECK_IN): S.PRESENT,
    (S.VACATION, A.CLEAR_ABSENCE): S.NOT_ARRIVED,
}

# Why a refused action is refused, so the screen can say it in the user's language.
REFUSALS: dict[Action, str] = {
    A.CHECK_IN: "presence.error.already_checked_in",
    A.CHECK_OUT: "presence.error.not_checked_in",
    A.SLEEP: "presence.error.not_present",
    A.WAKE: "presence.error.not_sleeping",
    A.TRIP: "presence.error.not_present",
    A.GO_TO_LOCATION: "presence.error.not_present",
    A.RETURN: "presence.error.not_away",
    A.REPORT_SICK: "presence.error.already_gone",
    A.REPORT_VACATION: "presence.error.already_arrived",
    A.CLEAR_ABSENCE: "presence.error.not_absent",
}

SLEEP_KINDS = DAYCARE_KINDS


def allowed_actions(status: Status, kind: InstitutionKind) -> list[Action]:
    """The actions a tile's panel offers in a state (sleeping only in daycare)."""
    return [a for (s, a) in TRANSITIONS if s is status and (a is not A.SLEEP or kind in SLEEP_KINDS)]


def next_status(status: Status, action: Action, kind: InstitutionKind) -> Status:
    """The status after an action, or a DomainError naming why the action is refused."""
    if action is A.SLEEP and kind not in SLEEP_KINDS:
        raise DomainError("presence.error.no_sleep_here")
    target = TRANSITIONS.get((status, action))
    if target is None:
        raise DomainError(REFUSALS[action])
    return target


# Institutions where children check in and out (school itself does not), and where children may go home alone.
PRESENCE_KINDS = DAYCARE_KINDS | {InstitutionKind.BFO, InstitutionKind.KLUB}
SELF_LEAVE_KINDS = frozenset({InstitutionKind.BFO, InstitutionKind.KLUB})
HERE = frozenset({S.PRESENT, S.SLEEPING, S.ON_TRIP, S.AT_LOCATION, S.SICK_HERE})
ABSENT = frozenset({S.SICK, S.VACATION})
# Every open board reads every tile's status at each change: look the enum up instead of constructing it.
STATUS_OF = {s.value: s for s in Status}
HERE_VALUES = frozenset(s.value for s in HERE)
KIOSK_ACTIONS = frozenset({A.CHECK_IN, A.CHECK_OUT, A.GO_TO_LOCATION, A.RETURN})
PARENT_ACTIONS = frozenset({A.REPORT_SICK, A.REPORT_VACATION, A.CLEAR_ABSENCE})
NO_SHOW_AFTER_MIN = 30
OVERDUE_AFTER_MIN = 15
UNDO_SECONDS = 10
# An undo offer the user kept open (focus in the bar, WCAG 2.2.1) stays good this long; it must still be the latest.
UNDO_HELD_SECONDS = 600


# The key and the stored label of a child going home by itself (labels are kept in history rows as they were).
ALONE_KEY = "alone"
ALONE_LABEL = "går selv"


def hhmm(minutes: int | None) -> str:
    """Minutes after midnight as "07:45" ("" when unset)."""
    return "" if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=4096)  # every open board reads every tile's times at each change: parse each text once
def minutes_of(value: str | time | None) -> int | None:
    """A "HH:MM" text or a time as minutes after midnight (None when empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    hours, _, mins = value.strip().partition(":")
    try:
        h, m = int(hours), int(mins or 0)
    except ValueError as error:
        raise DomainError("presence.error.bad_time", value=value) from error
    if not (0 <= h < 24 and 0 <= m < 60):
        raise DomainError("presence.error.bad_time", value=value)
    return h * 60 + m


@dataclass(frozen=True)
class Pickup:
    """Who picks the child up now, as every screen says it: a person, the child alone, or who already took it."""

    key: str = ""  # an authorised person's key ("g:5", "p:3"), ALONE_KEY, or "" when no one from the list is named
    label: str = ""  # "Farmor"; ALONE_LABEL when the child goes alone; "" when no one is named
    at: str = ""  # the planned time ("15:30"), or when the child left
    done: bool = False  # the child has gone home: label and at say who took it and when

    @property
    def alone(self) -> bool:
        """The child goes (or went) home by itself."""
        return self.key == ALONE_KEY


@dataclass(frozen=True)
class Tile:
    """Everything a board, the wall screen or a parent's phone shows of one child today (plain values only)."""

    child_id: int
    institution_id: int
    day: str
    first_name: str
    initials: str
    photo_url: str
    group_id: int
    group_name: str
    status: str
    location: str = ""
    arrival: str = ""
    pickup: str = ""
    pickup_by: str = ""
    alone: str = ""
    pickup_key: str = ""
    left: str = ""  # set when pickup_by names who took the child home (at this time), not who is planned
    with_child: str = ""
    has_note: bool = False
    since: str = ""
    changed_by: str = ""
    version: int = 0

    @property
    def state(self) -> Status:
        """The status as its enum."""
        return STATUS_OF[self.status]

    @property
    def is_here(self) -> bool:
        """Present in the house, asleep, on a trip or at a location."""
        return self.status in HERE_VALUES

    @property
    def pickup_now(self) -> Pickup:
        """Who picks the child up now (decided once, in domain.presence.tiles.who_picks_up)."""
        if self.state in ABSENT:
            return Pickup()
        if self.left:
            return Pickup(self.pickup_key, self.pickup_by, self.left, done=True)
        return Pickup(self.pickup_key, self.pickup_by, self.alone if self.pickup_key == ALONE_KEY else self.pickup)

    def wire(self) -> dict[str, Any]:
        """The tile as a plain dict for the event bus."""
        return dict(self.__dict__)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Tile:
        """A tile from its wire form."""
        return cls(**data)


@dataclass(frozen=True)
class PresenceChanged(Event):
    """A child's day changed; the tile carries its new state so no screen has to ask the database."""

    institution_id: int
    child_id: int
    tile: dict[str, Any]

    @property
    def topics(self) -> tuple[str, ...]:
        """Boards and wall screens of the institution, and the child's own guardians."""
        return (presence_topic(self.institution_id), child_topic(self.child_id))


@dataclass(frozen=True)
class StaffDutyChanged(Event):
    """A member of staff came on or went off duty in a room."""

    institution_id: int
    person_id: int
    name: str
    group_id: int | None
    on_duty: bool

    @property
    def topics(self) -> tuple[str, ...]:
        """Boards of the institution."""
        return (presence_topic(self.institution_id),)


@dataclass(frozen=True)
class WallScreenChanged(Event):
    """A wall screen was paired or revoked; the device's page reacts at once."""

    wall_screen_id: int
    institution_id: int | None
    paired: bool
    revoked: bool

    @property
    def topics(self) -> tuple[str, ...]:
        """The device itself and the leader's list of screens."""
        return (wall_screen_topic(self.wall_screen_id), WALL_SCREENS_TOPIC)
