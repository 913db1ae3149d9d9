"""Conference booking use cases: create a round, book, move and cancel a slot, close the round."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from domain import access
from domain.access import deny
from domain.audit import service as audit
from domain.clock import today_local
from domain.conferences.groups import children_in_group, organiser_decision
from domain.conferences.model import RoundsChanged, SlotsChanged
from domain.conferences.notify import tell_booking
from domain.conferences.slots import BreakInput, DayInput, generate
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.text import check_typed_text
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.db import transaction
from persistence.queries import ints

TITLE_MAX, PLACE_MAX = 200, 200
REMINDER_MAX_HOURS = 168


@dataclass(frozen=True)
class RoundInput:
    """What an organiser fills in for a new round (times are Copenhagen local time)."""

    group_id: int
    title: str
    place: str
    slot_minutes: int
    days: list[DayInput]
    breaks: list[BreakInput] = field(default_factory=list)
    child_takes_part: bool = False
    booking_deadline: datetime | None = None
    reminder_hours: int | None = None


async def check_create_round(actor: Actor, spec: RoundInput, *, now: datetime) -> list[tuple[datetime, datetime]]:
    """Access and validation before a round is stored: its slots in UTC, or a refusal (nothing is written)."""
    decision = await organiser_decision(actor, spec.group_id, today_local(now))
    await audit.check(decision, actor, "conferences.create_round")
    title = spec.title.strip()
    if not title:
        raise DomainError("conferences.title_empty")
    if len(title) > TITLE_MAX or len(spec.place.strip()) > PLACE_MAX:
        raise DomainError("conferences.text_too_long", most=TITLE_MAX)
    slots = generate(spec.days, spec.breaks, spec.slot_minutes)
    if min(d.day for d in spec.days) < today_local(now) or slots[0][0] <= now:
        raise DomainError("conferences.day_in_past")
    deadline = spec.booking_deadline
    if deadline is None or deadline.tzinfo is None:
        raise DomainError("conferences.deadline_missing")
    if deadline <= now:
        raise DomainError("conferences.deadline_past")
    if deadline > slots[0][0]:
        raise DomainError("conferences.deadline_after_start")
    if spec.reminder_hours is not None and not 1 <= spec.reminder_hours <= REMINDER_MAX_HOURS:
        raise DomainError("conferences.reminder_hours", most=REMINDER_MAX_HOURS)
    return slots


@dataclass(frozen=True)
class Shortfall:
    """A round with fewer slots than the group has children: how many slots, children, and children left without."""

    slots: int
    children: int

    @property
    def missing(self) -> int:
        """Children who cannot get a slot."""
        return self.children - self.slots


async def check_shortfall(actor: Actor, spec: RoundInput, *, now: datetime) -> Shortfall | None:
    """Validate a round as do_create_round would, and say whether its slots leave children of the group without one."""
    slots = await check_create_round(actor, spec, now=now)
    children = len(await children_in_group(spec.group_id, today_local(now)))
    return Shortfall(len(slots), children) if len(slots) < children else None


async def do_create_round(actor: Actor, spec: RoundInput, *, now: datetime) -> int:
    """Store a round and all its slots (one bulk insert); returns the round's id."""
    check_typed_text(spec)
    slots = await check_create_round(actor, spec, now=now)
    assert spec.booking_deadline is not None  # checked above
    async with committing(transaction) as outbox:
        row = await ConferenceRound.create(
            group_id=spec.group_id, organiser_id=actor.person_id, organiser_name=actor.name,
            title=spec.title.strip(), place=spec.place.strip(), slot_minutes=spec.slot_minutes,
            child_takes_part=spec.child_takes_part,
            days=[{"day": d.day.isoformat(), "start": d.start.strip(), "end": d.end.strip()} for d in spec.days],
            breaks=[{"start": b.start.strip(), "end": b.end.strip()} for b in spec.breaks],
            booking_deadline=spec.booking_deadline, reminder_hours=spec.reminder_hours, created_at=now)
        await ConferenceSlot.bulk_create([ConferenceSlot(round_id=row.id, starts_at=s, ends_at=e) for s, e in slots])
        outbox.add(RoundsChanged(row.id, spec.group_id))
    return int(row.id)


async def _slot_and_round(slot_id: int) -> ConferenceSlot:
    slot = await ConferenceSlot.filter(id=slot_id).select_related("round").first()
    if slot is None:
        raise NotFound("conferences.no_slot")
    return slot


async def check_booking(actor: Actor, rnd: ConferenceRound, child_id: int, action: str, *,
                        now: datetime) -> str:
    """Access and timing for booking or cancelling a child's slot; returns the child's full name."""
    today = today_local(now)
    kids = await children_in_group(rnd.group_id, today, among=[child_id])
    organiser = deny("guardian") if actor.role is Role.PARENT else await organiser_decision(actor, rnd.group_id, today)
    decision = access.can_book_conference(actor, child_id, child_id in kids, organiser)
    await audit.check(decision, actor, action, concerned_person_id=child_id)
    if rnd.closed_at is not None:
        raise DomainError("conferences.closed")
    if actor.role is Role.PARENT and now >= rnd.booking_deadline:
        raise DomainError("conferences.deadline_passed")
    return kids[child_id]


def _change(slot_id: int, child_id: int | None = None, child_name: str = "", booked_by: str = "") -> dict[str, Any]:
    return {"slot_id": slot_id, "child_id": child_id, "child_name": child_name, "booked_by_name": booked_by}


async def do_book(actor: Actor, *, slot_id: int, child_id: int, now: datetime) -> None:
    """Book a free slot for a child; a slot the child already holds in the round is given up in the same step."""
    slot = await _slot_and_round(slot_id)
    rnd = slot.round
    name = await check_booking(actor, rnd, child_id, "conferences.book", now=now)
    if slot.starts_at <= now:
        raise DomainError("conferences.slot_past")
    try:
        async with committing(transaction) as outbox:
            held = ints(await ConferenceSlot.filter(round_id=rnd.id, child_id=child_id).values_list("id", flat=True))
            if slot_id in held:
                return
            changes = []
            for old in held:  # moving: free the old slot first, so the unique (round, child) allows the new one
                await ConferenceSlot.filter(id=old, child_id=child_id).update(
                    child_id=None, booked_by_id=None, booked_at=None, reminded_at=None)
                changes.append(_change(old))
            # The race is decided here: only one conditional update finds the slot still free.
            taken = await ConferenceSlot.filter(id=slot_id, round_id=rnd.id, child_id__isnull=True).update(
                child_id=child_id, booked_by_id=actor.person_id, booked_at=now, reminded_at=None)
            if taken != 1:
                raise DomainError("conferences.slot_taken")
            changes.append(_change(slot_id, child_id, name, actor.name))
            await tell_booking(outbox, rnd, what="moved" if held else "booked", slot_id=slot_id,
                               starts_at=slot.starts_at, child_id=child_id, actor_id=actor.person_id, now=now)
            outbox.add(SlotsChanged(rnd.id, tuple(changes)))
    except IntegrityError as clash:
        # Another guardian of the same child booked another slot at the same moment; theirs stands.
        raise DomainError("conferences.child_has_slot") from clash


async def do_cancel(actor: Actor, *, slot_id: int, now: datetime) -> None:
    """Give up a booked slot (a guardian until the deadline; the organiser any time before it starts)."""
    slot = await _slot_and_round(slot_id)
    if slot.child_id is None:
        raise DomainError("conferences.not_booked")
    child_id = int(slot.child_id)
    await check_booking(actor, slot.round, child_id, "conferences.cancel", now=now)
    if slot.starts_at <= now:
        raise DomainError("conferences.slot_past")
    async with committing(transaction) as outbox:
        freed = await ConferenceSlot.filter(id=slot_id, child_id=child_id).update(
            child_id=None, booked_by_id=None, booked_at=None, reminded_at=None)
        if freed != 1:
            raise DomainError("conferences.not_booked")
        await tell_booking(outbox, slot.round, what="cancelled", slot_id=slot_id, starts_at=slot.starts_at,
                           child_id=child_id, actor_id=actor.person_id, now=now)
        outbox.add(SlotsChanged(slot.round_id, (_change(slot_id),)))


async def do_close_round(actor: Actor, *, round_id: int, now: datetime) -> None:
    """Close a round: no more booking or cancelling; the schedule stays."""
    rnd = await ConferenceRound.get_or_none(id=round_id)
    if rnd is None:
        raise NotFound("conferences.no_round")
    await audit.check(await organiser_decision(actor, rnd.group_id, today_local(now)), actor,
                      "conferences.close_round")
    async with committing(transaction) as outbox:
        await ConferenceRound.filter(id=round_id, closed_at__isnull=True).update(closed_at=now)
        outbox.add(RoundsChanged(round_id, rnd.group_id))
