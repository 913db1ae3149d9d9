"""Autosvar: staff away for a date range answer senders automatically, once per thread a day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tortoise.expressions import Q, Subquery

from domain import access
from domain.audit import service as audit
from domain.clock import start_of_local_day, today_local
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages.compose import clean_body, prefixed
from domain.messages.deliver import Outgoing, add_to_thread, start_thread
from domain.messages.model import MessageSent
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.messages import AutoReply, Message, Participant, Thread
from persistence.people import Person
from persistence.queries import ints

AUTO_REPLY_MAX = 2_000
PREFIX = "Autosvar: "


async def do_set_auto_reply(actor: Actor, *, first_day: date, last_day: date, text: str, now: datetime) -> None:
    """Turn on (or change) the actor's autosvar for a date range."""
    check_typed_text(text)
    await audit.check(access.can_set_auto_reply(actor), actor, "messages.auto_reply")
    if last_day < first_day:
        raise DomainError("messages.auto_reply_bad_range")
    if last_day < today_local(now):
        raise DomainError("messages.auto_reply_in_past")
    body = clean_body(text, AUTO_REPLY_MAX)
    async with transaction():
        await AutoReply.filter(person_id=actor.person_id).delete()
        await AutoReply.create(person_id=actor.person_id, first_day=first_day, last_day=last_day, text=body)


async def do_clear_auto_reply(actor: Actor, *, now: datetime) -> None:
    """Turn the actor's autosvar off."""
    await audit.check(access.can_set_auto_reply(actor), actor, "messages.auto_reply")
    await AutoReply.filter(person_id=actor.person_id).delete()


async def auto_reply_of(actor: Actor) -> tuple[date, date, str] | None:
    """The actor's autosvar: first day, last day and text (None when off)."""
    row = await AutoReply.get_or_none(person_id=actor.person_id)
    return (row.first_day, row.last_day, row.text) if row else None


async def send_auto_replies(thread_id: int, thread_subject: str, sender_id: int, *,
                            now: datetime) -> list[MessageSent]:
    """Answer a new message for each person in the thread whose autosvar covers today (1 query if nobody is away)."""
    today = today_local(now)
    # A subquery rather than a list of ids, so a send to thousands stays one small statement.
    reached = Participant.filter(thread_id=thread_id, left_at__isnull=True, person_id__isnull=False).exclude(
        person_id=sender_id).values("person_id")
    away = await AutoReply.filter(person_id__in=Subquery(reached), first_day__lte=today,
                                  last_day__gte=today).values_list("person_id", "text")
    if not away:
        return []
    staff_ids = [int(p) for p, _ in away]
    subject = prefixed(PREFIX, thread_subject)
    done_today = set(ints(await Message.filter(
        Q(thread_id=thread_id) | Q(thread__subject=subject, thread__participants__person_id=sender_id),
        auto_reply=True, sender_id__in=staff_ids, created_at__gte=start_of_local_day(now),
    ).values_list("sender_id", flat=True)))
    seats = await Participant.filter(thread_id=thread_id, left_at__isnull=True).values_list("id", "person_id")
    two_of_us = {int(p) for _, p in seats if p is not None} if len(seats) == 2 else set()
    full = {int(i): f"{f} {la}" for i, f, la in await Person.filter(id__in=staff_ids).values_list(
        "id", "first_name", "last_name")}
    # A hair after the message it answers, so both orderings and inbox paging put it after.
    at = now + timedelta(microseconds=1)
    events = []
    for staff_id, text in away:
        staff_id = int(staff_id)
        if staff_id in done_today or staff_id not in full:
            continue
        out = Outgoing(staff_id, full[staff_id], str(text), False, auto_reply=True)
        if two_of_us == {staff_id, sender_id}:
            seat = await Participant.get(thread_id=thread_id, person_id=staff_id)
            fresh = await Thread.get(id=thread_id)
            events.append((await add_to_thread(fresh, seat, out, at)).event)
        else:
            events.append((await start_thread(subject, out, persons={sender_id: None}, inbox_ids=(),
                                              now=at)).event)
    return events
