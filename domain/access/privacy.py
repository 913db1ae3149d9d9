"""Policy for the audit search, data exports, consents and photos."""

from __future__ import annotations

from domain.access.core import Decision, allow, can_administer_municipality, can_view_child, deny, works_at
from domain.identity.model import Actor, ChildFacts, Role

# --- GDPR: the audit search and a person's data export (right of access) ---


def can_search_audit(actor: Actor) -> Decision:
    """Only the municipal admin searches the audit log."""
    return can_administer_municipality(actor)


def can_export_person_data(actor: Actor, person_id: int, same_municipality: bool) -> Decision:
    """The person themself, or their municipality's admin on their behalf, takes out all Sammen holds on them."""
    if actor.person_id == person_id:
        return allow("self")
    if actor.role is not Role.ADMIN:
        return deny("not_self")
    return allow("municipal_admin") if same_municipality else deny("other_municipality")


# --- Samtykker (consents) and the child's photo ---


def can_decide_consent(actor: Actor, child_id: int) -> Decision:
    """Only a current guardian gives or withdraws a consent for a child."""
    if actor.role is Role.PARENT and child_id in actor.guardian_of:
        return allow("guardian")
    return deny("not_guardian")


def can_change_photo(actor: Actor, child: ChildFacts) -> Decision:
    """A guardian, or staff at one of the child's institutions, uploads or removes the child's photo."""
    if actor.role is Role.PARENT:
        return allow("guardian") if child.child_id in actor.guardian_of else deny("not_guardian")
    if actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff") if works_at(actor, child.institution_ids) else deny("other_institution")
    return deny("role_cannot_change_photo")


def can_see_photo(actor: Actor, child: ChildFacts, photo_consent: bool) -> Decision:
    """The photo is served only with the guardians' photo consent, and only to those who may see the child."""
    if not photo_consent:
        return deny("no_photo_consent")
    return can_view_child(actor, child)


def can_screen_see_photo(screen_institution_id: int, child: ChildFacts, photo_consent: bool) -> Decision:
    """A paired wall screen shows the photos of its own institution's children, with consent."""
    if not photo_consent:
        return deny("no_photo_consent")
    return allow("wall_screen") if screen_institution_id in child.institution_ids else deny("other_institution")
