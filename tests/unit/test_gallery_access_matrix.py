"""The access matrix extended to the gallery: the same actors, an album of GROUP (2.A at institution 10)."""

from __future__ import annotations

import pytest

from domain import access
from domain.identity.model import Actor
from tests.unit.test_access_policy import ACTORS

INSTITUTION = 10
REACHED = {"parent_of_child"}  # a child in the album's group
OWN_CHILD_TAGGED = {"staff_member_who_is_parent_acting_as_parent"}  # child 2 tagged in an album of another group

# actor -> (manage album, see album, see shown photo, see held photo)
MATRIX = {
    "parent_of_child":                  (0, 1, 1, 0),
    "parent_of_other_family":           (0, 0, 0, 0),
    "former_guardian":                  (0, 0, 0, 0),
    "staff_same_institution":           (1, 1, 1, 1),
    "staff_other_institution":          (0, 0, 0, 0),
    "leader_same_institution":          (1, 1, 1, 1),
    "leader_other_institution":         (0, 0, 0, 0),
    "admin":                            (0, 0, 0, 0),
    "project_team":                     (0, 0, 0, 0),
    "ppr_with_case":                    (0, 0, 0, 0),
    "ppr_without_case":                 (0, 0, 0, 0),
    "the_child_itself":                 (0, 0, 0, 0),
    "another_child":                    (0, 0, 0, 0),
    "staff_member_who_is_parent_acting_as_parent": (0, 0, 1, 0),
}


def decisions(name: str, a: Actor) -> tuple[int, ...]:
    """Every gallery decision for one actor, as 0/1."""
    reached, tagged = name in REACHED, name in OWN_CHILD_TAGGED
    return tuple(int(d.allowed) for d in (
        access.can_manage_album(a, INSTITUTION),
        access.can_see_album(a, INSTITUTION, reached),
        access.can_see_gallery_photo(a, INSTITUTION, reached, shown=True, own_child_tagged=tagged),
        access.can_see_gallery_photo(a, INSTITUTION, reached, shown=False, own_child_tagged=tagged),
    ))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_gallery_matrix(name: str) -> None:
    assert decisions(name, ACTORS[name]) == MATRIX[name]


def test_every_refusal_has_a_reason_for_the_audit_log() -> None:
    for a in ACTORS.values():
        decision = access.can_see_gallery_photo(a, INSTITUTION, False, shown=False, own_child_tagged=False)
        assert decision.reason
