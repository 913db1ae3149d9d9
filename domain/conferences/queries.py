"""What screens read about conference rounds: a round's slots, lists of rounds, what waits for a family."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q, Subquery
from tortoise.functions import Count, Max, Min

from domain import access
from domain.access import deny
from domain.audit import service as audit
from domain.clock import today_local
from domain.conferences.groups import STAFF_ROLES, children_in_group, family_groups, organiser_decision
from domain.conferences.model import ChildChoice, PendingBooking, RoundSummary, RoundView, SlotView
from domain.errors import NotFound
from domain.identity.model import Actor, Role
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.organisation import Group
from persistence.people import GroupMembership
from persistence.queries import ints

LIST_LIMIT = 60


async def round_view(actor: Actor, round_id: int, *, now: datetime) -> RoundView:
    """A round with every slot: the organiser sees who booked; a guardian sees only their own children's names."""
    rnd = await ConferenceRound.get_or_none(id=round_id).select_related("group")
    if rnd is None:
        raise NotFound("conferences.no_round")
    today = today_local(now)
    if actor.role is Role.PARENT:
        kids = await children_in_group(rnd.group_id, today, among=actor.guardian_of)
        decision = access.can_see_conference_round(actor, bool(kids), deny("guardian"))
    else:
        organiser = await organiser_decision(actor, rnd.group_id, today)
        decision = access.can_see_conference_round(actor, False, organiser)
        kids = await children_in_group(rnd.group_id, today) if decision.allowed else {}
    await audit.check(decision, actor, "conferences.view_round")
    organiser_view = actor.role is not Role.PARENT
    rows = await ConferenceSlot.filter(round_id=round_id).order_by("starts_at", "id").values_list(
        "id", "starts_at", "ends_at", "child_id", "child__first_name", "child__last_name",
        "booked_by__first_name", "booked_by__last_name")
    slots = []
    for sid, starts, ends, child_id, first, last, by_first, by_last in rows:
        visible = child_id is not None and (organiser_view or child_id in kids)
        slots.append(SlotView(int(sid), starts, ends, child_id is not None, int(child_id) if visible else None,
                              f"{first} {last}" if visible else "",
                              f"{by_first or ''} {by_last or ''}".strip() if visible else ""))
    held = {s.child_id: s.slot_id for s in slots if s.child_id is not None}
    return RoundView(
        round_id=rnd.id, group_id=rnd.group_id, group_name=rnd.group.name, title=rnd.title, place=rnd.place,
        organiser_name=rnd.organiser_name, slot_minutes=rnd.slot_minutes, child_takes_part=rnd.child_takes_part,
        booking_deadline=rnd.booking_deadline, reminder_hours=rnd.reminder_hours, closed=rnd.closed_at is not None,
        slots=tuple(slots), children=tuple(ChildChoice(cid, name, held.get(cid)) for cid, name in kids.items()),
        organiser_view=organiser_view)


async def _spans(round_ids: list[int]) -> dict[int, tuple[datetime, datetime, int, int]]:
    """First and last start, total and booked slots per round (one query)."""
    if not round_ids:
        return {}
    rows = await ConferenceSlot.filter(round_id__in=round_ids).group_by("round_id").annotate(
        first=Min("starts_at"), last=Max("starts_at"), total=Count("id"), booked=Count("child_id")).values_list(
        "round_id", "first", "last", "total", "booked")
    return {int(r): (_aware(f), _aware(la), int(t), int(b)) for r, f, la, t, b in rows}


def _aware(value: datetime | str) -> datetime:
    """Aggregates come back as text on SQLite; give them back as aware datetimes."""
    from datetime import UTC

    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _summaries(rounds: list[tuple[int, str, str, datetime, datetime | None]],
               spans: dict[int, tuple[datetime, datetime, int, int]]) -> list[RoundSummary]:
    out = []
    for rid, title, group_name, deadline, closed_at in rounds:
        first, last, total, booked = spans.get(rid, (None, None, 0, 0))
        out.append(RoundSummary(rid, title, group_name, first, last, deadline, booked, total, closed_at is not None))
    return out


async def rounds_for_staff(actor: Actor, *, now: datetime) -> list[RoundSummary]:
    """Rounds of the groups at the actor's institutions, of groups they belong to, and their own; newest first."""
    if actor.role not in STAFF_ROLES:
        return []
    mine = sorted(actor.leader_institutions | actor.staff_institutions)
    member_groups = Subquery(GroupMembership.filter(person_id=actor.person_id).values("group_id"))
    rows = await ConferenceRound.filter(
        Q(group__institution_id__in=mine) | Q(group_id__in=member_groups) | Q(organiser_id=actor.person_id)
    ).order_by("-booking_deadline").limit(LIST_LIMIT).values_list(
        "id", "title", "group__name", "booking_deadline", "closed_at")
    rounds = [(int(r), str(t), str(g), d, c) for r, t, g, d, c in rows]
    return _summaries(rounds, await _spans([r[0] for r in rounds]))


async def organiser_groups(actor: Actor, *, now: datetime) -> dict[int, str]:
    """The groups the actor can create rounds for: their own groups first, then their institutions' groups."""
    if actor.role not in STAFF_ROLES:
        return {}
    today = today_local(now)
    mine = sorted(actor.leader_institutions | actor.staff_institutions)
    member = set(ints(await GroupMembership.filter(person_id=actor.person_id).values_list("group_id", flat=True)))
    rows = await Group.filter(Q(id__in=sorted(member)) | Q(institution_id__in=mine)).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)).values_list("id", "name", "institution__name")
    labelled = [(int(g) not in member, str(n), int(g), f"{n} · {i}" if i else str(n)) for g, n, i in rows]
    return {gid: label for _, _, gid, label in sorted(labelled)}


async def family_rounds(actor: Actor, *, now: datetime) -> list[tuple[RoundSummary, tuple[ChildChoice, ...]]]:
    """Rounds not yet over in the groups of the guardian's children, each with the children's bookings."""
    if actor.role is not Role.PARENT:
        return []
    groups = await family_groups(actor.guardian_of, today_local(now))
    if not groups:
        return []
    rows = await ConferenceRound.filter(group_id__in=sorted(groups), closed_at__isnull=True).order_by(
        "booking_deadline").values_list("id", "title", "group__name", "booking_deadline", "closed_at", "group_id")
    spans = await _spans([int(r[0]) for r in rows])
    live = [r for r in rows if int(r[0]) in spans and spans[int(r[0])][1] > now]
    kids = sorted({c for r in live for c, _ in groups[int(r[5])]})
    held = await ConferenceSlot.filter(round_id__in=[int(r[0]) for r in live], child_id__in=kids).values_list(
        "round_id", "child_id", "id", "starts_at") if live else []
    slot_of = {(int(r), int(c)): (int(s), starts) for r, c, s, starts in held}
    out = []
    for rid, title, group_name, deadline, closed_at, group_id in live:
        summary = _summaries([(int(rid), str(title), str(group_name), deadline, closed_at)], spans)[0]
        children = tuple(ChildChoice(c, first, *slot_of.get((int(rid), c), (None, None)))
                         for c, first in groups[int(group_id)])
        out.append((summary, children))
    return out


async def pending_for_guardian(actor: Actor, *, now: datetime) -> list[PendingBooking]:
    """A guardian's children who still have no slot in a round whose deadline has not passed."""
    return [PendingBooking(summary.round_id, child.child_id, child.name, summary.title, summary.booking_deadline)
            for summary, children in await family_rounds(actor, now=now)
            if summary.booking_deadline > now for child in children if child.slot_id is None]
