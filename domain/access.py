"""The need-to-know policy: pure functions over facts, called by every domain service."""

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


def _works_at(actor: Actor, institution_ids: frozenset[int]) -> bool:
    mine = actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions
    return bool(mine & institution_ids)


def can_view_child(actor: Actor, child: ChildFacts) -> Decision:
    """A guardian sees their own children, staff their institutions' children, PPR their cases."""
    match actor.role:
        case Role.PARENT:
            return allow("guardian") if child.child_id in actor.guardian_of else deny("not_guardian")
        case Role.STAFF | Role.LEADER:
            return allow("staff") if _works_at(actor, child.institution_ids) else deny("other_institution")
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
        return allow("staff") if _works_at(actor, reach) else deny("other_institution")
    return deny("role_has_no_group_access")


def can_view_institution(actor: Actor, institution_id: int) -> Decision:
    """Staff and leaders see their own institutions; admins and the project team see all."""
    if actor.role in (Role.ADMIN, Role.PROJECT_TEAM):
        return allow("municipal")
    if actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff") if _works_at(actor, frozenset({institution_id})) else deny("other_institution")
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
    return allow("staff") if _works_at(actor, frozenset({institution_id})) else deny("other_institution")


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
    return allow("staff") if _works_at(actor, frozenset({institution_id})) else deny("other_institution")


def can_view_post(actor: Actor, post: PostFacts, reach: FamilyReach) -> Decision:
    """Staff read their institutions' posts; guardians and older children those addressed to their groups or house."""
    if actor.role in (Role.STAFF, Role.LEADER):
        return allow("staff") if _works_at(actor, frozenset({post.institution_id})) else deny("other_institution")
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
            _works_at(actor, frozenset({inbox_institution_id})):
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
                                inboxes_at=facts.institution_ids)
        case Role.CHILD:
            return MessageReach(m, staff_at=facts.institution_ids, children_in_groups=facts.group_ids)
        case Role.PPR:
            return MessageReach(m, staff_at=facts.institution_ids, guardians_of=actor.ppr_children)
        case Role.ADMIN | Role.PROJECT_TEAM:
            return MessageReach(m, all_staff=True)
        case _:
            return MessageReach(m)


def can_message_group(actor: Actor, reach: MessageReach, group: GroupFacts) -> Decision:
    """Roles in a group (all guardians, all staff, all children) are for staff who can view the group."""
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
    if actor.role in (Role.STAFF, Role.LEADER) and _works_at(actor, frozenset({institution_id})):
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
    return allow("staff") if _works_at(actor, institution_ids) else deny("other_institution")


def can_answer_vacation(actor: Actor, child_id: int) -> Decision:
    """A current guardian answers for their child."""
    if actor.role is Role.PARENT and child_id in actor.guardian_of:
        return allow("guardian")
    return deny("not_guardian")


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
        return allow("staff") if _works_at(actor, child.institution_ids) else deny("other_institution")
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
