"""Policy for the calendar, conferences, forms and vacation requests."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access.core import (
    Decision,
    GroupFacts,
    allow,
    can_administer_institution,
    can_administer_municipality,
    can_view_group,
    deny,
    works_at,
)
from domain.identity.model import Actor, Role

# --- Blanketter (forms and sign-ups): who builds them, who answers for which child ---


def can_manage_form(actor: Actor, group: GroupFacts, member: bool) -> Decision:
    """Staff and leaders who see the group (or belong to it) create forms, read answers and remind."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    if member:
        return allow("group_member")
    return can_view_group(actor, group)


def can_answer_form(actor: Actor, child_id: int, child_in_group: bool) -> Decision:
    """A current guardian answers for their own child, and only when the child is in the form's group."""
    if actor.role is not Role.PARENT or child_id not in actor.guardian_of:
        return deny("not_guardian")
    return allow("guardian") if child_in_group else deny("child_not_in_group")


# --- Samtaler (conference booking): who organises a round, who books which child ---


def can_organise_conferences(actor: Actor, group: GroupFacts, member: bool) -> Decision:
    """Staff and leaders who belong to the group or see it create rounds and read the whole schedule."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    if member:
        return allow("group_member")
    return can_view_group(actor, group)


def can_book_conference(actor: Actor, child_id: int, child_in_group: bool, organiser: Decision) -> Decision:
    """A guardian books for their own child in the group; an organiser books on a family's behalf."""
    if not child_in_group:
        return deny("child_not_in_group")
    if actor.role is Role.PARENT:
        return allow("guardian") if child_id in actor.guardian_of else deny("not_guardian")
    return organiser if organiser.allowed else deny("not_organiser")


def can_see_conference_round(actor: Actor, my_children_in_group: bool, organiser: Decision) -> Decision:
    """Guardians of a child in the group see the round (without other families' names); organisers see all."""
    if actor.role is Role.PARENT:
        return allow("guardian") if my_children_in_group else deny("no_child_in_group")
    return organiser if organiser.allowed else deny("not_organiser")


# --- Kalender (calendar events): who creates, edits and sees events, who answers and sees the counts ---


@dataclass(frozen=True)
class EventFacts:
    """What the policy needs to know about a calendar event (a group event carries its group's facts)."""

    scope: str
    municipality_id: int | None
    person_id: int | None = None
    group: GroupFacts | None = None
    institution_id: int | None = None
    organiser_id: int | None = None
    private: bool = False


@dataclass(frozen=True)
class CalendarReach:
    """Where an actor's calendar reaches: their children's or own places, or their workplaces (staff=True)."""

    municipality_id: int | None
    institution_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()
    staff: bool = False


def can_create_event(actor: Actor, event: EventFacts, member: bool = False) -> Decision:
    """Anyone in their own calendar, staff for groups they see, leaders for their house, admins for the kommune."""
    match event.scope:
        case "person":
            return allow("own_calendar") if event.person_id == actor.person_id else deny("not_own_calendar")
        case "group":
            if actor.role not in (Role.STAFF, Role.LEADER) or event.group is None:
                return deny("not_staff")
            return allow("group_member") if member else can_view_group(actor, event.group)
        case "institution":
            if event.institution_id is None:
                return deny("no_institution")
            return can_administer_institution(actor, event.institution_id)
        case "municipality":
            return can_administer_municipality(actor)
    return deny("unknown_scope")


def can_edit_event(actor: Actor, event: EventFacts, member: bool = False) -> Decision:
    """The organiser (while still allowed to create there), the institution's leader, or the admin."""
    if actor.role is Role.ADMIN and event.scope != "person":
        return allow("municipal_admin")
    if event.organiser_id == actor.person_id and can_create_event(actor, event, member):
        return allow("organiser")
    if event.scope == "person":
        return allow("own_calendar") if event.person_id == actor.person_id else deny("not_own_calendar")
    if actor.role is Role.LEADER and event.institution_id in actor.leader_institutions:
        return allow("leader")
    return deny("not_organiser")


def can_view_event(actor: Actor, event: EventFacts, reach: CalendarReach) -> Decision:
    """One's own and organised events, the kommune's, and those of the places one's children or work reach."""
    if event.organiser_id == actor.person_id:
        return allow("organiser")
    if event.scope == "person":
        return allow("own_calendar") if event.person_id == actor.person_id else deny("not_own_calendar")
    if event.scope == "municipality":
        same = event.municipality_id == reach.municipality_id
        return allow("municipality") if same else deny("other_municipality")
    if actor.role is Role.ADMIN:
        return allow("municipal_admin")
    if event.private and not reach.staff:
        return deny("private_event")
    if event.scope == "group" and event.group is not None:
        return allow("group") if event.group.group_id in reach.group_ids else deny("not_in_group")
    return allow("institution") if event.institution_id in reach.institution_ids else deny("other_institution")


def can_answer_invitation(actor: Actor, invited: bool, via_child_id: int | None) -> Decision:
    """Only an invitee answers, and one invited as a guardian only while still the child's guardian."""
    if not invited:
        return deny("not_invited")
    if via_child_id is not None and actor.role is not Role.CHILD and via_child_id not in actor.guardian_of:
        return deny("no_longer_guardian")
    return allow("invitee")


def can_see_invitation_counts(actor: Actor, event: EventFacts, reach: CalendarReach) -> Decision:
    """The organiser, staff whose calendar reaches the event, and the admin see how invitees answered."""
    if event.organiser_id == actor.person_id or actor.role is Role.ADMIN:
        return allow("organiser")
    if reach.staff and can_view_event(actor, event, reach):
        return allow("staff")
    return deny("not_organiser")


# --- Ferieanmodning (vacation requests): who asks, who answers, who sees the expected attendance ---

def can_request_vacation_for_institution(actor: Actor, institution_id: int) -> Decision:
    """Only the institution's leader asks the whole institution."""
    if actor.role is Role.LEADER and institution_id in actor.leader_institutions:
        return allow("leader")
    return deny("not_leader_here")


def can_request_vacation_for_group(actor: Actor, group: GroupFacts) -> Decision:
    """Staff and leaders ask the groups they can see."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    return can_view_group(actor, group)


def can_follow_vacation_request(actor: Actor, author_id: int | None, institution_ids: frozenset[int]) -> Decision:
    """The author, and staff where the request's children are, see the answers."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    if author_id == actor.person_id:
        return allow("author")
    return allow("staff") if works_at(actor, institution_ids) else deny("other_institution")


def can_see_vacation_answers(actor: Actor, institution_id: int) -> Decision:
    """A child's answers are seen only by staff of the child's institution and its leader, not by the author as such."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    return allow("staff") if works_at(actor, frozenset({institution_id})) else deny("other_institution")


def can_answer_vacation(actor: Actor, child_id: int) -> Decision:
    """A current guardian answers for their child."""
    if actor.role is Role.PARENT and child_id in actor.guardian_of:
        return allow("guardian")
    return deny("not_guardian")


