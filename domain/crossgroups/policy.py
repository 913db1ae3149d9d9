"""Who manages and who sees a cross group: pure decisions over facts."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access.core import Decision, allow, deny
from domain.identity.model import Actor, Role


@dataclass(frozen=True)
class CrossFacts:
    """The owner, the institutions a group touches (by rule or by a member) and its members."""

    owner_id: int | None
    institution_ids: frozenset[int]
    member_ids: frozenset[int] = frozenset()


def can_list(actor: Actor) -> Decision:
    """The municipal admin and leaders open the list of cross groups."""
    if actor.role is Role.ADMIN:
        return allow("municipal_admin")
    return allow("leader") if actor.role is Role.LEADER else deny("not_admin_or_leader")


def can_shape(actor: Actor, institution_ids: frozenset[int]) -> Decision:
    """Create or reshape a group touching these institutions: the admin, or a leader of every one of them."""
    if actor.role is Role.ADMIN:
        return allow("municipal_admin")
    if actor.role is Role.LEADER and institution_ids and institution_ids <= actor.leader_institutions:
        return allow("leader")
    return deny("not_leader_of_every_institution")


def can_manage(actor: Actor, facts: CrossFacts) -> Decision:
    """Edit or archive: the admin, the owner, or the leader of every institution the group touches."""
    if actor.role is Role.ADMIN:
        return allow("municipal_admin")
    if facts.owner_id == actor.person_id and actor.role in (Role.LEADER, Role.STAFF):
        return allow("owner")
    return can_shape(actor, facts.institution_ids)


def can_see(actor: Actor, facts: CrossFacts) -> Decision:
    """See purpose, owner and expiry: whoever manages it, and its members (a guardian through a member child)."""
    if (managed := can_manage(actor, facts)).allowed:
        return managed
    if actor.role in (Role.STAFF, Role.LEADER, Role.CHILD) and actor.person_id in facts.member_ids:
        return allow("member")
    if actor.role is Role.PARENT and actor.guardian_of & facts.member_ids:
        return allow("guardian_of_member")
    return deny("not_member")
