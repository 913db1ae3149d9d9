"""The access matrix extended to tværgående grupper: list, shape, manage and see, for the same actors."""

from __future__ import annotations

import pytest

from domain.crossgroups import policy
from domain.identity.model import Actor, Role
from tests.unit.test_access_policy import ACTORS, actor

# A group touching institution 10 with child 1 as a member; another touching 10 and 20; the owner is person 555.
HERE = policy.CrossFacts(owner_id=555, institution_ids=frozenset({10}), member_ids=frozenset({1}))
WIDE = policy.CrossFacts(owner_id=555, institution_ids=frozenset({10, 20}), member_ids=frozenset({1}))

# actor -> (open the list, create at 10, manage HERE, manage WIDE, see HERE)
MATRIX = {
    "parent_of_child":                  (0, 0, 0, 0, 1),
    "parent_of_other_family":           (0, 0, 0, 0, 0),
    "former_guardian":                  (0, 0, 0, 0, 0),
    "staff_same_institution":           (0, 0, 0, 0, 0),
    "staff_other_institution":          (0, 0, 0, 0, 0),
    "leader_same_institution":          (1, 1, 1, 0, 1),
    "leader_other_institution":         (1, 0, 0, 0, 0),
    "admin":                            (1, 1, 1, 1, 1),
    "project_team":                     (0, 0, 0, 0, 0),
    "ppr_with_case":                    (0, 0, 0, 0, 0),
    "ppr_without_case":                 (0, 0, 0, 0, 0),
    "the_child_itself":                 (0, 0, 0, 0, 1),
    "another_child":                    (0, 0, 0, 0, 0),
    "staff_member_who_is_parent_acting_as_parent": (0, 0, 0, 0, 0),
}


def decisions(a: Actor) -> tuple[int, ...]:
    """Every cross-group decision for one actor, as 0/1."""
    return tuple(int(d.allowed) for d in (
        policy.can_list(a), policy.can_shape(a, frozenset({10})), policy.can_manage(a, HERE),
        policy.can_manage(a, WIDE), policy.can_see(a, HERE)))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_crossgroups_matrix(name: str) -> None:
    assert decisions(ACTORS[name]) == MATRIX[name]


def test_the_owner_manages_and_a_staff_member_sees_a_group_they_belong_to() -> None:
    owner = actor(Role.STAFF, person_id=555, staff_institutions=frozenset({30}))
    member = actor(Role.STAFF, person_id=42, staff_institutions=frozenset({20}))
    assert policy.can_manage(owner, WIDE).reason == "owner"
    assert policy.can_see(member, policy.CrossFacts(555, frozenset({10}), frozenset({42}))).reason == "member"
    assert not policy.can_see(member, HERE).allowed


def test_a_leader_cannot_shape_a_group_touching_no_institution() -> None:
    assert not policy.can_shape(ACTORS["leader_same_institution"], frozenset()).allowed
