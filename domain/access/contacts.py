"""Policy for contact details: who edits their own, who reads a class contact list, who sees a guardian picture."""

from __future__ import annotations

from domain.access.core import Decision, GroupFacts, allow, deny, works_at
from domain.identity.model import Actor, Role


def can_edit_own_contact(actor: Actor) -> Decision:
    """A guardian keeps their own phone, e-mail and picture (a child account does not share contact details)."""
    return allow("guardian") if actor.role is Role.PARENT else deny("not_guardian")


def can_see_contact_list(actor: Actor, group: GroupFacts, child_in_group: bool) -> Decision:
    """A guardian of a child in the group, or staff of the group's institution; no one else (PPR, children, admin)."""
    if actor.role is Role.PARENT:
        return allow("guardian_in_group") if child_in_group else deny("no_child_in_group")
    if actor.role in (Role.STAFF, Role.LEADER):
        reach = group.member_institution_ids | (
            frozenset({group.institution_id}) if group.institution_id is not None else frozenset())
        return allow("staff") if works_at(actor, reach) else deny("other_institution")
    return deny("role_has_no_contact_list")


def can_see_guardian_picture(actor: Actor, guardian_id: int, child_institution_ids: frozenset[int],
                             shared_group: bool, shared: bool) -> Decision:
    """The guardian, staff where their child goes, and parents of the same class when the guardian shares it."""
    if actor.person_id == guardian_id:
        return allow("self")
    if actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff") if works_at(actor, child_institution_ids) else deny("other_institution")
    if actor.role is Role.PARENT:
        if not shared_group:
            return deny("no_shared_group")
        return allow("shared") if shared else deny("not_shared")
    return deny("role_has_no_picture_access")


def can_screen_see_guardian_picture(screen_institution_id: int, child_institution_ids: frozenset[int],
                                    shared: bool) -> Decision:
    """A paired wall screen shows the picture of a guardian whose child goes there, when the guardian shares it."""
    if screen_institution_id not in child_institution_ids:
        return deny("other_institution")
    return allow("wall_screen") if shared else deny("not_shared")
