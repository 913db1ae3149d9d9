"""The access matrix extended to the stamkort: the same actors, read, write and the health notes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.access.stamkort import can_edit_stamkort, can_read_health_notes, can_read_stamkort
from domain.identity.model import Actor, ChildFacts, Role
from tests.unit.test_access_policy import ACTORS, actor

# The child is in group 5 at institution 10; staff "in the group" belong to group 5, others to group 6.
CHILD = ChildFacts(child_id=1, institution_ids=frozenset({10}), group_ids=frozenset({5}))
IN_GROUP = frozenset({5})
STAMKORT_ACTORS = {
    **ACTORS,
    "staff_same_institution_other_group": actor(Role.STAFF, staff_institutions=frozenset({10})),
    "fourteen_year_old_child_account": actor(Role.CHILD, person_id=1),
}

# actor -> (read stamkort, write stamkort)
MATRIX = {
    "parent_of_child":                  (1, 1),
    "parent_of_other_family":           (0, 0),
    "former_guardian":                  (0, 0),
    "staff_same_institution":           (1, 0),
    "staff_same_institution_other_group": (0, 0),
    "staff_other_institution":          (0, 0),
    "leader_same_institution":          (1, 0),
    "leader_other_institution":         (0, 0),
    "admin":                            (0, 0),
    "project_team":                     (0, 0),
    "ppr_with_case":                    (0, 0),
    "ppr_without_case":                 (0, 0),
    "the_child_itself":                 (0, 0),
    "fourteen_year_old_child_account":  (0, 0),
    "another_child":                    (0, 0),
    "staff_member_who_is_parent_acting_as_parent": (0, 0),
}


def groups_of(name: str) -> frozenset[int]:
    """The groups an actor belongs to: only "staff_same_institution" works in the child's group."""
    return IN_GROUP if name in ("staff_same_institution", "staff_other_institution") else frozenset({6})


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_stamkort_matrix(name: str) -> None:
    a = STAMKORT_ACTORS[name]
    decisions = (can_read_stamkort(a, CHILD, groups_of(name)), can_edit_stamkort(a, CHILD.child_id))
    assert tuple(int(d.allowed) for d in decisions) == MATRIX[name]
    assert all(d.reason for d in decisions)


def test_staff_of_another_institution_are_refused_even_in_a_group_with_the_same_number() -> None:
    decision = can_read_stamkort(ACTORS["staff_other_institution"], CHILD, IN_GROUP)
    assert (decision.allowed, decision.reason) == (False, "other_institution")


def test_health_notes_need_assurance_level_3() -> None:
    guardian: Actor = ACTORS["parent_of_child"]
    assert can_read_health_notes(replace(guardian, acr="3"))
    assert can_read_health_notes(replace(guardian, acr="2")).reason == "needs_step_up"
