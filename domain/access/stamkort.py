"""Policy for a child's stamkort: guardians write it, staff of the child's current groups read it."""

from __future__ import annotations

from domain.access.core import Decision, allow, deny, works_at
from domain.identity.model import Actor, ChildFacts, Role


def can_read_stamkort(actor: Actor, child: ChildFacts, actor_group_ids: frozenset[int]) -> Decision:
    """A guardian with custody; staff in one of the child's current groups; the leader of its institution."""
    match actor.role:
        case Role.PARENT:
            return allow("guardian") if child.child_id in actor.guardian_of else deny("not_guardian")
        case Role.LEADER:
            return allow("leader") if actor.leader_institutions & child.institution_ids else deny("other_institution")
        case Role.STAFF:
            if not works_at(actor, child.institution_ids):
                return deny("other_institution")
            return allow("staff_of_group") if actor_group_ids & child.group_ids else deny("not_in_childs_group")
        case _:  # the child itself, PPR, the municipality: health information is need-to-know, and they need not
            return deny("role_has_no_stamkort_access")


def can_edit_stamkort(actor: Actor, child_id: int) -> Decision:
    """Only a current guardian writes a child's stamkort."""
    if actor.role is Role.PARENT and child_id in actor.guardian_of:
        return allow("guardian")
    return deny("not_guardian")


def can_read_health_notes(actor: Actor) -> Decision:
    """Medicine and health notes are personfølsomme: only in a session at assurance level 3 (MitID substantial)."""
    return allow("acr3") if actor.acr == "3" else deny("needs_step_up")
