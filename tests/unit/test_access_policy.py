"""The role x resource matrix of the need-to-know policy."""

from __future__ import annotations

import pytest

from domain import access
from domain.identity.model import Actor, ChildFacts, Role

CHILD = ChildFacts(child_id=1, institution_ids=frozenset({10}))
GROUP = access.GroupFacts(group_id=5, institution_id=10)
CROSS_GROUP = access.GroupFacts(group_id=6, institution_id=None, member_institution_ids=frozenset({10, 30}))


def actor(role: Role, **facts: object) -> Actor:
    """An actor wearing one role, with the given facts."""
    return Actor(person_id=int(str(facts.pop("person_id", 100))), name="Test", role=role,
                 roles=frozenset({role}), **facts)  # type: ignore[arg-type]


ACTORS = {
    "parent_of_child": actor(Role.PARENT, guardian_of=frozenset({1})),
    "parent_of_other_family": actor(Role.PARENT, guardian_of=frozenset({2})),
    "former_guardian": actor(Role.PARENT, guardian_of=frozenset()),
    "staff_same_institution": actor(Role.STAFF, staff_institutions=frozenset({10})),
    "staff_other_institution": actor(Role.STAFF, staff_institutions=frozenset({20})),
    "leader_same_institution": actor(Role.LEADER, staff_institutions=frozenset({10}),
                                     leader_institutions=frozenset({10})),
    "leader_other_institution": actor(Role.LEADER, staff_institutions=frozenset({20}),
                                      leader_institutions=frozenset({20})),
    "admin": actor(Role.ADMIN),
    "project_team": actor(Role.PROJECT_TEAM),
    "ppr_with_case": actor(Role.PPR, ppr_children=frozenset({1})),
    "ppr_without_case": actor(Role.PPR, ppr_children=frozenset({2})),
    "the_child_itself": actor(Role.CHILD, person_id=1),
    "another_child": actor(Role.CHILD, person_id=3),
    "staff_member_who_is_parent_acting_as_parent": Actor(
        person_id=7, name="T", role=Role.PARENT, roles=frozenset({Role.PARENT, Role.STAFF}),
        guardian_of=frozenset({2}), staff_institutions=frozenset({10})),
}

# actor -> (view child, view group, view cross group, view institution, administer institution,
#           administer municipality, view rollout)
MATRIX = {
    "parent_of_child":                  (1, 0, 0, 0, 0, 0, 0),
    "parent_of_other_family":           (0, 0, 0, 0, 0, 0, 0),
    "former_guardian":                  (0, 0, 0, 0, 0, 0, 0),
    "staff_same_institution":           (1, 1, 1, 1, 0, 0, 0),
    "staff_other_institution":          (0, 0, 0, 0, 0, 0, 0),
    "leader_same_institution":          (1, 1, 1, 1, 1, 0, 0),
    "leader_other_institution":         (0, 0, 0, 0, 0, 0, 0),
    "admin":                            (1, 1, 1, 1, 1, 1, 1),
    "project_team":                     (0, 0, 0, 1, 0, 0, 1),
    "ppr_with_case":                    (1, 0, 0, 0, 0, 0, 0),
    "ppr_without_case":                 (0, 0, 0, 0, 0, 0, 0),
    "the_child_itself":                 (1, 0, 0, 0, 0, 0, 0),
    "another_child":                    (0, 0, 0, 0, 0, 0, 0),
    "staff_member_who_is_parent_acting_as_parent": (0, 0, 0, 0, 0, 0, 0),
}


def decisions(a: Actor) -> tuple[int, ...]:
    """Every decision of the policy for one actor, as 0/1."""
    return tuple(int(d.allowed) for d in (
        access.can_view_child(a, CHILD),
        access.can_view_group(a, GROUP),
        access.can_view_group(a, CROSS_GROUP),
        access.can_view_institution(a, 10),
        access.can_administer_institution(a, 10),
        access.can_administer_municipality(a),
        access.can_view_rollout(a),
    ))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_policy_matrix(name: str) -> None:
    assert decisions(ACTORS[name]) == MATRIX[name]


def test_every_refusal_carries_a_reason_for_the_audit_log() -> None:
    for a in ACTORS.values():
        d = access.can_view_child(a, CHILD)
        assert d.reason, a


def test_a_cross_group_reaches_staff_of_any_member_institution() -> None:
    other = actor(Role.STAFF, staff_institutions=frozenset({30}))
    assert access.can_view_group(other, CROSS_GROUP)
    assert not access.can_view_group(other, GROUP)
