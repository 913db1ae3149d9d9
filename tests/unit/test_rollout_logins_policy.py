"""The never-logged-in lists' policy, roles x scopes: the team all, a leader their institution, staff their group."""

from __future__ import annotations

import pytest

from domain import access
from domain.identity.model import Actor, Role

INSTITUTION = access.LoginListScope(institution_id=10)
OWN_GROUP = access.LoginListScope(institution_id=10, group_id=5, member=True)
OTHER_GROUP = access.LoginListScope(institution_id=10, group_id=6, member=False)
ELSEWHERE = access.LoginListScope(institution_id=20, group_id=7, member=False)


def actor(role: Role, **facts: object) -> Actor:
    """An actor wearing one role, with the given facts."""
    return Actor(person_id=100, name="Test", role=role, roles=frozenset({role}), **facts)  # type: ignore[arg-type]


ACTORS = {
    "project_team": actor(Role.PROJECT_TEAM),
    "admin": actor(Role.ADMIN),
    "leader_here": actor(Role.LEADER, staff_institutions=frozenset({10}), leader_institutions=frozenset({10})),
    "leader_elsewhere": actor(Role.LEADER, staff_institutions=frozenset({20}), leader_institutions=frozenset({20})),
    "staff_here": actor(Role.STAFF, staff_institutions=frozenset({10})),
    "staff_elsewhere": actor(Role.STAFF, staff_institutions=frozenset({20})),
    "parent": actor(Role.PARENT, guardian_of=frozenset({1})),
    "ppr": actor(Role.PPR, ppr_children=frozenset({1})),
    "child": actor(Role.CHILD),
}

# actor -> (whole institution, own group, another group here, a group elsewhere)
MATRIX = {
    "project_team":     (1, 1, 1, 1),
    "admin":            (1, 1, 1, 1),
    "leader_here":      (1, 1, 1, 0),
    "leader_elsewhere": (0, 0, 0, 1),
    "staff_here":       (0, 1, 0, 0),
    "staff_elsewhere":  (0, 0, 0, 0),
    "parent":           (0, 0, 0, 0),
    "ppr":              (0, 0, 0, 0),
    "child":            (0, 0, 0, 0),
}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_sees_which_never_logged_in_list(name: str) -> None:
    a = ACTORS[name]
    seen = tuple(int(access.can_see_login_list(a, s).allowed) for s in (INSTITUTION, OWN_GROUP, OTHER_GROUP, ELSEWHERE))
    assert seen == MATRIX[name]


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_whoever_sees_a_list_may_remind_it_and_nobody_else(name: str) -> None:
    a = ACTORS[name]
    for scope in (INSTITUTION, OWN_GROUP, OTHER_GROUP, ELSEWHERE):
        assert access.can_remind_login_list(a, scope).allowed == access.can_see_login_list(a, scope).allowed


def test_staff_are_refused_the_whole_institution_with_a_reason_for_the_audit_log() -> None:
    decision = access.can_see_login_list(ACTORS["staff_here"], INSTITUTION)
    assert not decision and decision.reason == "staff_sees_own_groups_only"
    assert access.can_see_login_list(ACTORS["staff_here"], OTHER_GROUP).reason == "not_own_group"
