"""Policy for beskeder, opslag and the urgent broadcast."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access.core import Decision, GroupFacts, allow, can_view_group, deny, works_at
from domain.identity.model import Actor, Role

# --- Opslag (posts): who writes, reads, removes and handles reports ---


@dataclass(frozen=True)
class PostFacts:
    """What the policy needs to know about a post: where it was posted, to which groups, by whom."""

    institution_id: int
    group_ids: frozenset[int]
    author_id: int | None


@dataclass(frozen=True)
class FamilyReach:
    """The institutions and groups of a guardian's children (or an older child's own) with an active enrolment."""

    institution_ids: frozenset[int]
    group_ids: frozenset[int]


def can_publish_post(actor: Actor, institution_id: int) -> Decision:
    """Staff and leaders post to the institutions where they work."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return deny("not_staff")
    return allow("staff") if works_at(actor, frozenset({institution_id})) else deny("other_institution")


def can_view_post(actor: Actor, post: PostFacts, reach: FamilyReach) -> Decision:
    """Staff read their institutions' posts; guardians and older children those addressed to their groups or house."""
    if actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff") if works_at(actor, frozenset({post.institution_id})) else deny("other_institution")
    if actor.role not in (Role.PARENT, Role.CHILD):
        return deny("role_has_no_post_access")
    if post.group_ids:
        return allow("group") if post.group_ids & reach.group_ids else deny("not_in_group")
    return allow("institution") if post.institution_id in reach.institution_ids else deny("other_institution")


def can_remove_post(actor: Actor, post: PostFacts) -> Decision:
    """The author (still working there) or the institution's leader removes a post."""
    if actor.role is Role.LEADER and post.institution_id in actor.leader_institutions:
        return allow("leader")
    if actor.role in (Role.STAFF, Role.LEADER) and post.author_id == actor.person_id and \
            post.institution_id in actor.staff_institutions:
        return allow("author")
    return deny("not_author_or_leader")


def can_remove_comment(actor: Actor, comment_author_id: int | None, institution_id: int) -> Decision:
    """A comment's author or the institution's leader removes it."""
    if actor.role is Role.LEADER and institution_id in actor.leader_institutions:
        return allow("leader")
    return allow("author") if comment_author_id == actor.person_id else deny("not_author_or_leader")


def can_handle_reports(actor: Actor, institution_id: int) -> Decision:
    """Only the institution's leader handles reports of its content."""
    if actor.role is Role.LEADER and institution_id in actor.leader_institutions:
        return allow("leader")
    return deny("not_leader_here")


# --- Beskeder: attachments, folders and a reader's own seat in a thread ---

def can_fetch_attachment(actor: Actor, *, uploader_id: int, sent: bool, sensitive: bool) -> Decision:
    """An unsent file only for its uploader; a sent one for thread readers (checked before), sensitive at acr 3."""
    if not sent:
        return allow("own_upload") if uploader_id == actor.person_id else deny("not_uploader")
    if sensitive and actor.acr != "3":
        return deny("sensitive_needs_acr3")
    return allow("thread_reader")


def can_use_message_folders(actor: Actor) -> Decision:
    """Folders are for staff and leaders."""
    return allow("staff") if actor.role in (Role.STAFF, Role.LEADER) else deny("not_staff")


def can_change_seat(actor: Actor, *, seat_person_id: int | None, inbox_institution_id: int | None,
                    personal_only: bool) -> Decision:
    """A reader changes their own seat; a shared inbox seat only for read state, by staff who work there."""
    if seat_person_id is not None:
        return allow("own_seat") if seat_person_id == actor.person_id else deny("not_own_seat")
    if personal_only:
        return deny("shared_inbox_seat")
    if inbox_institution_id is not None and actor.role in (Role.STAFF, Role.LEADER) and \
            works_at(actor, frozenset({inbox_institution_id})):
        return allow("shared_inbox_staff")
    return deny("not_staff_here")


# --- The municipality's urgent broadcast (krisebesked) ---


def can_mark_broadcast_read(actor: Actor, is_recipient: bool) -> Decision:
    """A guardian marks read only a broadcast sent to them."""
    if actor.role is not Role.PARENT:
        return deny("not_guardian")
    return allow("recipient") if is_recipient else deny("not_recipient")


# --- Beskeder (messages): who may write to whom, who reads a thread, sensitive text ---


@dataclass(frozen=True)
class SenderFacts:
    """Where a sender's world is: their children's (parent), own (child) or case children's (PPR) places."""

    municipality_id: int
    institution_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MessageReach:
    """Whom a sender may write to, as scopes the recipient queries expand (empty means nobody)."""

    municipality_id: int
    all_staff: bool = False
    staff_at: frozenset[int] = frozenset()
    guardians_at: frozenset[int] = frozenset()
    guardians_in_groups: frozenset[int] = frozenset()
    guardians_of: frozenset[int] = frozenset()
    children_at: frozenset[int] = frozenset()
    children_in_groups: frozenset[int] = frozenset()
    all_inboxes: bool = False
    inboxes_at: frozenset[int] = frozenset()
    role_groups: bool = False
    cross_groups: bool = False  # the roles in every cross group of the municipality (the admin's, e.g. in a shutdown)
    # In the *_in_groups scopes (another family's child or guardian) only children with "Navn på lister" are named;
    # the sender's own family is never hidden from them.
    family: frozenset[int] = frozenset()


def _my_institutions(actor: Actor) -> frozenset[int]:
    return actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions


def message_reach(actor: Actor, facts: SenderFacts) -> MessageReach:
    """Staff write widely at their institutions, families to their children's places, children to classmates."""
    m = facts.municipality_id
    match actor.role:
        case Role.STAFF | Role.LEADER:
            mine = _my_institutions(actor)
            return MessageReach(m, all_staff=True, guardians_at=mine, children_at=mine, all_inboxes=True,
                                role_groups=True)
        case Role.PARENT:
            return MessageReach(m, staff_at=facts.institution_ids, guardians_in_groups=facts.group_ids,
                                inboxes_at=facts.institution_ids, family=actor.guardian_of)
        case Role.CHILD:
            return MessageReach(m, staff_at=facts.institution_ids, children_in_groups=facts.group_ids,
                                family=frozenset({actor.person_id}))
        case Role.PPR:
            return MessageReach(m, staff_at=facts.institution_ids, guardians_of=actor.ppr_children)
        case Role.ADMIN:
            # The municipal admin may already send a krisebesked to every family; a cross group is the narrower
            # way to reach the families of one tværgående gruppe across school, BFO and club.
            return MessageReach(m, all_staff=True, cross_groups=True)
        case Role.PROJECT_TEAM:
            return MessageReach(m, all_staff=True)
        case _:
            return MessageReach(m)


def can_message_group(actor: Actor, reach: MessageReach, group: GroupFacts) -> Decision:
    """Roles in a group (all guardians, all staff, all children) are for staff who can view the group.

    The municipal admin reaches the roles in cross groups (those of no institution), not in institutions' groups.
    """
    if reach.cross_groups and group.institution_id is None:
        return allow("municipal_admin_cross_group") if actor.role is Role.ADMIN else deny("not_admin")
    if not reach.role_groups:
        return deny("role_has_no_group_messages")
    return can_view_group(actor, group)


def can_message_institution_staff(actor: Actor, reach: MessageReach) -> Decision:
    """All staff of an institution (in the sender's municipality), for staff who write to role groups."""
    if reach.all_staff and reach.role_groups and actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff")
    return deny("role_has_no_group_messages")


def can_message_inbox(reach: MessageReach, institution_id: int) -> Decision:
    """A shared inbox: any for staff, the children's institutions' for guardians."""
    if reach.all_inboxes or institution_id in reach.inboxes_at:
        return allow("shared_inbox")
    return deny("inbox_out_of_reach")


def can_answer_for_inbox(actor: Actor, institution_id: int) -> Decision:
    """Staff and leaders who work at the institution read and answer its shared inbox."""
    if actor.role in (Role.STAFF, Role.LEADER) and works_at(actor, frozenset({institution_id})):
        return allow("shared_inbox_staff")
    return deny("not_staff_here")


@dataclass(frozen=True)
class SeatFacts:
    """A seat in a thread: a person's own, or a shared inbox's at an institution."""

    person_id: int | None
    inbox_institution_id: int | None
    left: bool
    via_child_id: int | None = None


def can_read_seat(actor: Actor, seat: SeatFacts) -> Decision:
    """One's own seat (while still the guardian it came through), or a shared inbox where one works."""
    if seat.left:
        return deny("left_thread")
    if seat.person_id is not None:
        if seat.person_id != actor.person_id:
            return deny("not_participant")
        if seat.via_child_id is not None and seat.via_child_id not in actor.guardian_of:
            return deny("no_longer_guardian")
        return allow("participant")
    if seat.inbox_institution_id is not None:
        return can_answer_for_inbox(actor, seat.inbox_institution_id)
    return deny("not_participant")


def can_read_sensitive(actor: Actor) -> Decision:
    """Sensitive text only in a session at assurance level 3 (MitID substantial)."""
    return allow("acr3") if actor.acr == "3" else deny("needs_step_up")


def can_set_auto_reply(actor: Actor) -> Decision:
    """Only staff and leaders have an autosvar."""
    return allow("staff") if actor.role in (Role.STAFF, Role.LEADER) else deny("not_staff")


