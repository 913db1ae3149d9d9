"""What a calendar shows: the actor's events expanded into occurrences, holidays, closing days and deadlines."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tortoise.expressions import Q, Subquery

from domain import access
from domain.access import CalendarReach, EventFacts
from domain.audit import service as audit
from domain.calendar import recurrence
from domain.calendar.extras import extra_items
from domain.calendar.facts import Reach, calendar_reach, event_facts, group_institution, label_of, load_event
from domain.calendar.holidays import holiday_items
from domain.calendar.model import (
    Answer,
    CalendarItem,
    EventDetail,
    InvitationCounts,
    ItemKind,
    Repeat,
    Scope,
)
from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from persistence.calendar import CalendarEvent, Invitation
from persistence.people import GroupMembership, Person

MAX_DAYS = 800


def visible(actor: Actor, policy: CalendarReach, children: frozenset[int]) -> Q:
    """The events an actor's calendar may hold, as one condition over the indexed scope columns."""
    mine = Q(scope=Scope.PERSON.value, person_id=actor.person_id) | Q(organiser_id=actor.person_id)
    municipality = Subquery(Person.filter(id=actor.person_id).values("municipality_id"))
    shown = mine | Q(scope=Scope.MUNICIPALITY.value, municipality_id__in=municipality)
    places = Q()
    if policy.group_ids:
        places |= Q(scope=Scope.GROUP.value, group_id__in=sorted(policy.group_ids))
    if policy.institution_ids:
        places |= Q(scope=Scope.INSTITUTION.value, institution_id__in=sorted(policy.institution_ids))
    if children:  # the children's cross groups, without a query of their own
        crossing = Subquery(GroupMembership.filter(person_id__in=sorted(children)).values("group_id"))
        places |= Q(scope=Scope.GROUP.value, group_id__in=crossing)
    if places.children or places.filters:
        shown |= places if policy.staff else (places & Q(private=False))
    return shown


def _in_window(start: datetime, end: datetime) -> Q:
    single = Q(repeat_until__isnull=True, starts_at__lt=end, ends_at__gt=start)
    # a series may start long before the window; its last start is repeat_until (an occurrence lasts < 1 day more)
    series = Q(repeat_until__isnull=False, starts_at__lt=end, repeat_until__gte=start - timedelta(days=2))
    return single | series


def _answer(invitation: tuple[str, int | None] | None) -> str:
    if invitation is None:
        return ""
    return invitation[0] or Answer.NOT_ANSWERED.value


def _occurrence_items(actor: Actor, row: CalendarEvent, reach: Reach, answer: str, start: datetime,
                      end: datetime) -> list[CalendarItem]:
    facts = event_facts(row, group_institution(row))
    member = reach.policy.staff and row.group_id in reach.policy.group_ids
    can_edit = bool(access.can_edit_event(actor, facts, member))
    children: frozenset[int] = frozenset()
    if row.group_id is not None:
        children = reach.children_of_group.get(row.group_id, frozenset())
    elif row.institution_id is not None:
        children = reach.children_of_institution.get(row.institution_id, frozenset())
    hidden = (row.private and row.organiser_id != actor.person_id) or (
        row.scope == Scope.PERSON and row.person_id != actor.person_id)
    label = label_of(row)
    return [CalendarItem(kind=ItemKind.EVENT, key=f"event:{row.id}:{occ.key}", title=row.title,
                         starts_at=occ.starts_at, ends_at=occ.ends_at, all_day=row.all_day, place=row.place,
                         event_id=row.id, scope_label=label, institution_id=facts.institution_id,
                         child_ids=tuple(sorted(children)), my_answer=answer, organiser_name=row.organiser_name,
                         can_edit=can_edit, description="" if hidden else row.description,
                         scope=row.scope, recurring=bool(row.rrule),
                         private=row.private)
            for occ in recurrence.occurrences(row.starts_at, row.ends_at, row.rrule, row.repeat_until,
                                              row.exdates, start, end)]


async def event_rows(actor: Actor, reach: Reach, start: datetime, end: datetime, *, with_cancelled: bool = False
                     ) -> tuple[list[CalendarEvent], dict[int, tuple[str, int | None]]]:
    """The actor's events overlapping [start, end) and their own invitations to them (2 queries at most)."""
    live = Q() if with_cancelled else Q(cancelled_at__isnull=True)
    rows = await CalendarEvent.filter(visible(actor, reach.policy, reach.children), _in_window(start, end),
                                      live).select_related("group", "institution",
                                                                                "municipality")
    invited = [r.id for r in rows if r.invitations_open]
    mine: dict[int, tuple[str, int | None]] = {}
    if invited:
        for event_id, answer, via in await Invitation.filter(person_id=actor.person_id,
                                                             event_id__in=invited).values_list(
                "event_id", "answer", "via_child_id"):
            mine[int(event_id)] = (str(answer), via)
    return list(rows), mine


def _narrowed(items: list[CalendarItem], child_ids: set[int] | None,
              institution_ids: set[int] | None) -> list[CalendarItem]:
    if child_ids is not None:
        items = [i for i in items if not i.child_ids or set(i.child_ids) & child_ids]
    if institution_ids is not None:
        items = [i for i in items if i.institution_id is None or i.institution_id in institution_ids]
    return items


async def items_between(actor: Actor, first: date, last: date, *, child_ids: set[int] | None = None,
                        institution_ids: set[int] | None = None, now: datetime | None = None) -> list[CalendarItem]:
    """Everything the actor's calendar shows from one local day through another, sorted by start."""
    if last < first:
        first, last = last, first
    if (last - first).days > MAX_DAYS:
        raise DomainError("calendar.too_wide", days=MAX_DAYS)
    start, end = recurrence.local_midnight(first), recurrence.local_midnight(last + timedelta(days=1))
    reach = await calendar_reach(actor, today_local(now or utcnow()), memberships=False)
    rows, mine = await event_rows(actor, reach, start, end)
    extras = await extra_items(actor, reach, first, last, start, end)
    if extras.member_groups:
        of_group = {g: set(c) for g, c in reach.children_of_group.items()}
        for g, c in extras.member_groups.items():
            of_group.setdefault(g, set()).update(c)
        reach = replace(reach, children_of_group={g: frozenset(c) for g, c in of_group.items()})
    items = [*extras.items, *holiday_items(first, last)]
    for row in rows:
        items += _occurrence_items(actor, row, reach, _answer(mine.get(row.id)), start, end)
    items = _narrowed(items, child_ids, institution_ids)
    return sorted(items, key=lambda i: (i.starts_at, not i.all_day, i.title, i.key))


def recurrence_text(repeat: Repeat, until: date | None) -> str:
    """The recurrence in Danish words ("Hver uge til 19.6.2027")."""
    if repeat is Repeat.NONE or until is None:
        return ""
    every = "Hver uge" if repeat is Repeat.WEEKLY else "Hver anden uge"
    return f"{every} til {until.day}.{until.month}.{until.year}"


@dataclass(frozen=True)
class Visible:
    """An event the actor may see, with what was loaded to decide it."""

    row: CalendarEvent
    facts: EventFacts
    reach: Reach
    invitation: Invitation | None


async def visible_event(actor: Actor, event_id: int, action: str, now: datetime | None = None) -> Visible:
    """An event the actor may see (in their calendar, or as an invitee), or AccessDenied with an audit entry."""
    row, facts = await load_event(event_id)
    me = await Person.get_or_none(id=actor.person_id)
    reach = await calendar_reach(actor, today_local(now or utcnow()), me.municipality_id if me else None)
    invitation = await Invitation.get_or_none(event_id=event_id, person_id=actor.person_id)
    decision = access.can_view_event(actor, facts, reach.policy)
    if not decision and invitation is not None and access.can_answer_invitation(actor, True,
                                                                                invitation.via_child_id):
        decision = access.allow("invitee")
    await audit.check(decision, actor, action, concerned_person_id=row.person_id)
    return Visible(row, facts, reach, invitation)


async def event_detail(actor: Actor, event_id: int, *, now: datetime | None = None) -> EventDetail:
    """One event the actor may see, with the invitation counts for its organiser and staff (refusals audited)."""
    seen = await visible_event(actor, event_id, "calendar.view_event", now)
    row, facts, reach, invitation = seen.row, seen.facts, seen.reach, seen.invitation
    counts: InvitationCounts | None = None
    if row.invitations_open and access.can_see_invitation_counts(actor, facts, reach.policy):
        counts = await invitation_counts_of(event_id)
    member = reach.policy.staff and row.group_id in reach.policy.group_ids
    repeat = recurrence.repeat_of(row.rrule)
    until = recurrence.local_naive(row.repeat_until).date() if row.repeat_until else None
    hidden = row.private and row.organiser_id != actor.person_id
    answer = _answer((invitation.answer, invitation.via_child_id) if invitation else None)
    return EventDetail(
        event_id=row.id, title=row.title, description="" if hidden else row.description, place=row.place,
        all_day=row.all_day, starts_at=row.starts_at, ends_at=row.ends_at, scope=row.scope,
        scope_label=label_of(row), person_id=row.person_id, group_id=row.group_id,
        institution_id=facts.institution_id, organiser_id=row.organiser_id, organiser_name=row.organiser_name,
        private=row.private, repeat=repeat.value, repeat_until=until, recurrence_text=recurrence_text(repeat, until),
        skipped=tuple(row.exdates), invite=row.invitations_open, reminder_minutes=row.reminder_minutes,
        my_answer=answer, counts=counts, can_edit=bool(access.can_edit_event(actor, facts, member)),
        cancelled=row.cancelled_at is not None)


async def invitation_counts_of(event_id: int) -> InvitationCounts:
    """How the invitees of an event answered (one query)."""
    tally = {"ja": 0, "nej": 0, "maaske": 0, "": 0}
    for answer in await Invitation.filter(event_id=event_id).values_list("answer", flat=True):
        tally[str(answer)] = tally.get(str(answer), 0) + 1
    return InvitationCounts(tally["ja"], tally["nej"], tally["maaske"], tally[""])
