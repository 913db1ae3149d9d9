"""The need-to-know policy's core: decisions, and who sees children, groups and institutions."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.model import Actor, ChildFacts, Role


@dataclass(frozen=True)
class Decision:
    """Allowed or not, and why (a reason code for the audit log)."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def allow(reason: str) -> Decision:
    """A yes, with its reason."""
    return Decision(True, reason)


def deny(reason: str) -> Decision:
    """A no, with its reason."""
    return Decision(False, reason)


@dataclass(frozen=True)
class GroupFacts:
    """What the policy needs to know about a group."""

    group_id: int
    institution_id: int | None
    member_institution_ids: frozenset[int] = frozenset()


def works_at(actor: Actor, institution_ids: frozenset[int]) -> bool:
    """Whether the actor works (as staff, or leads as a leader) at one of the institutions."""
    mine = actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions
    return bool(mine & institution_ids)


def can_view_child(actor: Actor, child: ChildFacts) -> Decision:
    """A guardian sees their own children, staff their institutions' children, PPR their cases."""
    match actor.role:
        case Role.PARENT:
            return allow("guardian") if child.child_id in actor.guardian_of else deny("not_guardian")
        case Role.STAFF | Role.LEADER:
            return allow("staff") if works_at(actor, child.institution_ids) else deny("other_institution")
        case Role.PPR:
            return allow("ppr_case") if child.child_id in actor.ppr_children else deny("no_case")
        case Role.CHILD:
            return allow("self") if child.child_id == actor.person_id else deny("not_self")
        case Role.ADMIN:
            return allow("municipal_admin")
        case _:
            return deny("role_has_no_child_access")


def can_view_group(actor: Actor, group: GroupFacts) -> Decision:
    """Staff see their institutions' groups and cross groups that reach them; admins see all."""
    if actor.role is Role.ADMIN:
        return allow("municipal_admin")
    if actor.role in (Role.STAFF, Role.LEADER):
        reach = group.member_institution_ids | (
            frozenset({group.institution_id}) if group.institution_id is not None else frozenset()
        )
        return allow("staff") if works_at(actor, reach) else deny("other_institution")
    return deny("role_has_no_group_access")


def can_view_institution(actor: Actor, institution_id: int) -> Decision:
    """Staff and leaders see their own institutions; admins and the project team see all."""
    if actor.role in (Role.ADMIN, Role.PROJECT_TEAM):
        return allow("municipal")
    if actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff") if works_at(actor, frozenset({institution_id})) else deny("other_institution")
    return deny("role_has_no_institution_access")


def can_administer_institution(actor: Actor, institution_id: int) -> Decision:
    """Only the institution's leader, or the municipal admin, administers an institution."""
    if actor.role is Role.ADMIN:
        return allow("municipal_admin")
    if actor.role is Role.LEADER and institution_id in actor.leader_institutions:
        return allow("leader")
    return deny("not_leader_here")


def can_administer_municipality(actor: Actor) -> Decision:
    """Only the municipal admin."""
    return allow("municipal_admin") if actor.role is Role.ADMIN else deny("not_admin")


def can_view_rollout(actor: Actor) -> Decision:
    """The project team, and the admin, follow the rollout."""
    return allow("project") if actor.role in (Role.PROJECT_TEAM, Role.ADMIN) else deny("not_project_team")


def can_edit_rollout(actor: Actor) -> Decision:
    """Only the project team and the municipal admin change the plan, readiness and surveys."""
    return allow("project") if actor.role in (Role.PROJECT_TEAM, Role.ADMIN) else deny("not_project_team")


def can_tick_readiness(actor: Actor, institution_id: int, superuser_at: frozenset[int]) -> Decision:
    """The project team ticks any institution's checklist; a leader, or a superuser on staff, only their own."""
    if actor.role in (Role.PROJECT_TEAM, Role.ADMIN):
        return allow("project")
    if actor.role is Role.LEADER and institution_id in actor.leader_institutions:
        return allow("leader")
    if actor.role is Role.STAFF and institution_id in superuser_at:
        return allow("superuser")
    return deny("not_own_institution")


def can_view_readiness(actor: Actor, institution_id: int, superuser_at: frozenset[int]) -> Decision:
    """Whoever may tick a checklist sees it, and so does the institution's staff (the rollout is no secret there)."""
    if can_tick_readiness(actor, institution_id, superuser_at):
        return allow("may_tick")
    if actor.role is Role.STAFF and institution_id in actor.staff_institutions:
        return allow("staff_here")
    return deny("not_own_institution")


def can_see_widget(actor: Actor, roles: frozenset[Role]) -> Decision:
    """A built-in widget loads only for the roles it declares."""
    return allow("widget_role") if actor.role in roles else deny("widget_not_for_role")


def can_write_group_plan(actor: Actor, group: GroupFacts, member: bool) -> Decision:
    """Staff write the ugeplan of a group at an institution where they work, or of a group they belong to."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    if member:
        return allow("group_member")
    if group.institution_id is not None and group.institution_id in actor.staff_institutions:
        return allow("staff")
    return deny("other_institution")


def can_write_menu(actor: Actor, institution_id: int) -> Decision:
    """The institution's leader, or staff employed there, write its madplan."""
    if actor.role is Role.LEADER and institution_id in actor.leader_institutions:
        return allow("leader")
    if actor.role in (Role.STAFF, Role.LEADER) and institution_id in actor.staff_institutions:
        return allow("staff")
    return deny("not_staff_here")


def can_write_plans(actor: Actor) -> Decision:
    """Only staff and leaders write week plans and menus (which ones, the functions above decide)."""
    return allow("staff") if actor.role in (Role.STAFF, Role.LEADER) else deny("not_staff")


def can_operate_presence(actor: Actor, institution_id: int) -> Decision:
    """Staff and leaders check children in and out at the institutions where they work."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    return allow("staff") if works_at(actor, frozenset({institution_id})) else deny("other_institution")


def can_plan_child(actor: Actor, child_id: int) -> Decision:
    """Only a guardian plans a child's pickups and reports it sick or on vacation."""
    if actor.role is Role.PARENT and child_id in actor.guardian_of:
        return allow("guardian")
    return deny("not_guardian")


def can_use_wall_screen(screen_institution_id: int | None, child_institution_id: int, action_allowed: bool) -> Decision:
    """A paired wall screen acts only for children of its own institution, and only with kiosk actions."""
    if screen_institution_id is None:
        return deny("screen_not_paired")
    if screen_institution_id != child_institution_id:
        return deny("other_institution")
    return allow("wall_screen") if action_allowed else deny("not_a_kiosk_action")


