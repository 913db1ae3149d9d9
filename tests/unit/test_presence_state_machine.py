"""KommeGå's state machine: every allowed and every refused transition, named."""

from __future__ import annotations

import pytest

from domain.errors import DomainError
from domain.organisation.model import InstitutionKind
from domain.presence.model import TRANSITIONS, Action, Status, allowed_actions, next_status

S, A = Status, Action
BFO, BOERNEHAVE = InstitutionKind.BFO, InstitutionKind.BOERNEHAVE

ALLOWED = [
    (S.NOT_ARRIVED, A.CHECK_IN, S.PRESENT),
    (S.NOT_ARRIVED, A.REPORT_SICK, S.SICK),
    (S.NOT_ARRIVED, A.REPORT_VACATION, S.VACATION),
    (S.PRESENT, A.CHECK_OUT, S.PICKED_UP),
    (S.PRESENT, A.SLEEP, S.SLEEPING),
    (S.PRESENT, A.TRIP, S.ON_TRIP),
    (S.PRESENT, A.GO_TO_LOCATION, S.AT_LOCATION),
    (S.PRESENT, A.REPORT_SICK, S.SICK_HERE),  # fell ill here: stays (and is counted) until picked up
    (S.SICK_HERE, A.CHECK_OUT, S.PICKED_UP),
    (S.SICK_HERE, A.CLEAR_ABSENCE, S.PRESENT),
    (S.SLEEPING, A.WAKE, S.PRESENT),
    (S.SLEEPING, A.CHECK_OUT, S.PICKED_UP),  # picked up from the nap in two taps
    (S.ON_TRIP, A.RETURN, S.PRESENT),
    (S.ON_TRIP, A.CHECK_OUT, S.PICKED_UP),
    (S.AT_LOCATION, A.RETURN, S.PRESENT),
    (S.AT_LOCATION, A.GO_TO_LOCATION, S.AT_LOCATION),
    (S.AT_LOCATION, A.CHECK_OUT, S.PICKED_UP),
    (S.PICKED_UP, A.CHECK_IN, S.PRESENT),
    (S.SICK, A.CHECK_IN, S.PRESENT),
    (S.SICK, A.CLEAR_ABSENCE, S.NOT_ARRIVED),
    (S.VACATION, A.CHECK_IN, S.PRESENT),
    (S.VACATION, A.CLEAR_ABSENCE, S.NOT_ARRIVED),
]
REFUSED = [(s, a) for s in Status for a in Action if (s, a) not in {(x, y) for x, y, _ in ALLOWED}]


@pytest.mark.parametrize(("status", "action", "target"), ALLOWED)
def test_allowed_transition(status: Status, action: Action, target: Status) -> None:
    assert next_status(status, action, BOERNEHAVE) is target


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_refused_transition_names_its_reason(status: Status, action: Action) -> None:
    with pytest.raises(DomainError) as refused:
        next_status(status, action, BOERNEHAVE)
    assert refused.value.key.startswith("presence.error.")


def test_the_table_holds_exactly_the_allowed_transitions() -> None:
    assert {(s, a): t for s, a, t in ALLOWED} == TRANSITIONS
    assert len(ALLOWED) + len(REFUSED) == len(Status) * len(Action)


def test_a_double_check_in_says_already_checked_in_and_a_check_out_before_check_in_is_refused() -> None:
    with pytest.raises(DomainError, match="already_checked_in"):
        next_status(S.PRESENT, A.CHECK_IN, BFO)
    with pytest.raises(DomainError, match="not_checked_in"):
        next_status(S.NOT_ARRIVED, A.CHECK_OUT, BFO)


def test_children_sleep_only_in_daycare() -> None:
    with pytest.raises(DomainError, match="no_sleep_here"):
        next_status(S.PRESENT, A.SLEEP, BFO)
    assert A.SLEEP in allowed_actions(S.PRESENT, BOERNEHAVE)
    assert A.SLEEP not in allowed_actions(S.PRESENT, BFO)


def test_every_refusal_has_danish_and_english_text() -> None:
    from domain.presence.model import REFUSALS
    from ui.texts import TEXTS

    for key in [*REFUSALS.values(), "presence.error.no_sleep_here"]:
        assert key in TEXTS, key
