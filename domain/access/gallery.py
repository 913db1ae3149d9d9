"""Policy for the gallery: staff of the album's institution manage it, guardians of its children see its photos."""

from __future__ import annotations

from domain.access.core import Decision, allow, deny, works_at
from domain.identity.model import Actor, Role

STAFF_ROLES = (Role.STAFF, Role.LEADER)


def can_manage_album(actor: Actor, institution_id: int) -> Decision:
    """Staff (and the leader) of the album's institution create albums, upload, caption, tag, confirm and remove."""
    if actor.role not in STAFF_ROLES:
        return deny("not_staff")
    return allow("staff") if works_at(actor, frozenset({institution_id})) else deny("other_institution")


def can_see_album(actor: Actor, institution_id: int, family_reached: bool) -> Decision:
    """Staff of the institution, and guardians whose child is in the album's group (or institution); no one else."""
    if actor.role in STAFF_ROLES:
        return can_manage_album(actor, institution_id)
    if actor.role is Role.PARENT:
        return allow("guardian_in_group") if family_reached else deny("no_child_in_group")
    return deny("role_has_no_gallery")  # a child account, PPR, the admin and the project team see no photos


def can_see_gallery_photo(actor: Actor, institution_id: int, family_reached: bool, shown: bool,
                  own_child_tagged: bool) -> Decision:
    """Staff see every photo of their albums; a guardian only a shown one, of their groups or with their own child."""
    if actor.role in STAFF_ROLES:
        return can_manage_album(actor, institution_id)
    if actor.role is not Role.PARENT:
        return deny("role_has_no_gallery")
    if not (family_reached or own_child_tagged):
        return deny("no_child_in_group")
    return allow("guardian") if shown else deny("not_published")
