"""Who ticks an institution's checklist, roles x institutions: the team all, a leader or superuser their own only."""

from __future__ import annotations

import pytest

from domain import access
from domain.identity.model import Actor, Role

HERE, ELSEWHERE = 10, 20


def actor(role: Role, **facts: object) -> Actor:
    """An actor wearing one role, with the given facts."""
    return Actor(person_id=100, name="Test", role=role, roles=frozenset({role}), **facts)  # type: ignore[arg-type]


# name -> (actor, superuser at, may tick here, may tick elsewhere); whoever may tick sees, and so does staff here
CASES = {
    "project_team": (actor(Role.PROJECT_TEAM), frozenset(), True, True),
    "admin": (actor(Role.ADMIN), frozenset(), True, True),
    "leader_here": (actor(Role.LEADER, leader_institutions=frozenset({HERE})), frozenset(), True, False),
    "superuser_here": (actor(Role.STAFF, staff_institutions=frozenset({HERE})), frozenset({HERE}), True, False),
    "staff_here": (actor(Role.STAFF, staff_institutions=frozenset({HERE})), frozenset(), False, False),
    # A leader acting as staff ticks only as a superuser would: the hat worn decides.
    "leader_as_staff": (actor(Role.STAFF, leader_institutions=frozenset({HERE})), frozenset(), False, False),
    "parent": (actor(Role.PARENT, guardian_of=frozenset({1})), frozenset(), False, False),
    "ppr": (actor(Role.PPR), frozenset(), False, False),
    "child": (actor(Role.CHILD), frozenset(), False, False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_who_ticks_which_institution(name: str) -> None:
    who, superuser_at, here, elsewhere = CASES[name]
    assert access.can_tick_readiness(who, HERE, superuser_at).allowed is here
    decision = access.can_tick_readiness(who, ELSEWHERE, superuser_at)
    assert decision.allowed is elsewhere
    if not elsewhere:
        assert decision.reason == "not_own_institution"


@pytest.mark.parametrize("name", sorted(CASES))
def test_who_sees_which_institutions_checklist(name: str) -> None:
    who, superuser_at, here, elsewhere = CASES[name]
    staff_here = who.role is Role.STAFF and HERE in who.staff_institutions
    assert access.can_view_readiness(who, HERE, superuser_at).allowed is (here or staff_here)
    assert access.can_view_readiness(who, ELSEWHERE, superuser_at).allowed is elsewhere
