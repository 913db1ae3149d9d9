"""Who sees the never-logged-in lists and may remind the people on them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access.core import Decision, allow, deny
from domain.identity.model import Actor, Role


@dataclass(frozen=True)
class LoginListScope:
    """A never-logged-in list: a whole institution (group_id None) or one group or class of it."""

    institution_id: int
    group_id: int | None = None
    # Whether the actor is a member of the group (staff in their own room or class).
    member: bool = False


def can_see_login_list(actor: Actor, scope: LoginListScope) -> Decision:
    """The project team sees every list, a leader their institution's, staff only their own groups'."""
    if actor.role in (Role.PROJECT_TEAM, Role.ADMIN):
        return allow("project")
    if actor.role is Role.LEADER:
        return allow("leader") if scope.institution_id in actor.leader_institutions else deny("not_leader_here")
    if actor.role is Role.STAFF:
        if scope.institution_id not in actor.staff_institutions:
            return deny("other_institution")
        if scope.group_id is None:
            return deny("staff_sees_own_groups_only")
        return allow("own_group") if scope.member else deny("not_own_group")
    return deny("role_has_no_login_lists")


def can_remind_login_list(actor: Actor, scope: LoginListScope) -> Decision:
    """Whoever may see a list may remind the people on it."""
    return can_see_login_list(actor, scope)
