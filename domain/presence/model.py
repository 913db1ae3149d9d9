"""KommeGå's vocabulary and its state machine: a child's status through one day at one institution."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind


class Status(StrEnum):
    """Where a child is in its day."""

    NOT_ARRIVED = "ikke_kommet"
    PRESENT = "til_stede"
    SLEEPING = "sover"
    ON_TRIP = "paa_tur"
    AT_LOCATION = "lokation"
    PICKED_UP = "hentet"
    SICK = "syg"
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


S, A = Status, Action
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.NOT_ARRIVED, A.CHECK_IN): S.PRESENT,
    (S.NOT_ARRIVED, A.REPORT_SICK): S.SICK,
    (S.NOT_ARRIVED, A.REPORT_VACATION): S.VACATION,
    (S.PRESENT, A.CHECK_OUT): S.PICKED_UP,
    (S.PRESENT, A.SLEEP): S.SLEEPING,
    (S.PRESENT, A.TRIP): S.ON_TRIP,
    (S.PRESENT, A.GO_TO_LOCATION): S.AT_LOCATION,
    (S.PRESENT, A.REPORT_SICK): S.SICK,  # fell ill during the day and was sent home
    (S.SLEEPING, A.WAKE): S.PRESENT,
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
