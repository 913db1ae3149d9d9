"""The access matrix extended to contact details: the same actors, the class contact list and guardian pictures."""

from __future__ import annotations

import pytest

from domain import access
from domain.identity.model import Actor
from tests.unit.test_access_policy import ACTORS, GROUP

# The class of GROUP (2.A at institution 10); "parent_of_child" has a child in it, "parent_of_other_family" not.
CHILD_IN_GROUP = {"parent_of_child"}
GUARDIAN_ID = 200  # a guardian whose child goes at institution 10, in the class of "parent_of_child"

# actor -> (contact list of the class, keep own contact details, guardian picture shared, guardian picture not shared)
MATRIX = {
    "parent_of_child":                  (1, 1, 1, 0),
    "parent_of_other_family":           (0, 1, 0, 0),
    "former_guardian":                  (0, 1, 0, 0),
    "staff_same_institution":           (1, 0, 1, 1),
    "staff_other_institution":          (0, 0, 0, 0),
    "leader_same_institution":          (1, 0, 1, 1),
    "leader_other_institution":         (0, 0, 0, 0),
    "admin":                            (0, 0, 0, 0),
    "project_team":                     (0, 0, 0, 0),
    "ppr_with_case":                    (0, 0, 0, 0),
    "ppr_without_case":                 (0, 0, 0, 0),
    "the_child_itself":                 (0, 0, 0, 0),
    "another_child":                    (0, 0, 0, 0),
    "staff_member_who_is_parent_acting_as_parent": (0, 1, 0, 0),
}


def decisions(name: str, a: Actor) -> tuple[int, ...]:
    """Every contact decision for one actor, as 0/1."""
    in_group = name in CHILD_IN_GROUP
    return tuple(int(d.allowed) for d in (
        access.can_see_contact_list(a, GROUP, in_group),
        access.can_edit_own_contact(a),
        access.can_see_guardian_picture(a, GUARDIAN_ID, frozenset({10}), in_group, shared=True),
        access.can_see_guardian_picture(a, GUARDIAN_ID, frozenset({10}), in_group, shared=False),
    ))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_contact_matrix(name: str) -> None:
    assert decisions(name, ACTORS[name]) == MATRIX[name]


def test_a_guardian_always_sees_their_own_picture() -> None:
    me = ACTORS["parent_of_other_family"]
    assert access.can_see_guardian_picture(me, me.person_id, frozenset(), shared_group=False, shared=False)


def test_staff_of_a_member_institution_see_a_cross_groups_list() -> None:
    cross = access.GroupFacts(group_id=6, institution_id=None, member_institution_ids=frozenset({20}))
    assert access.can_see_contact_list(ACTORS["staff_other_institution"], cross, child_in_group=False)
    assert not access.can_see_contact_list(ACTORS["staff_same_institution"], cross, child_in_group=False)
