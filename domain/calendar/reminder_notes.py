"""Calendar reminders in the notification centre: once per occurrence, whether or not e-mail is on."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from tortoise.expressions import Q

from domain.calendar import recurrence
from domain.calendar.model import REMINDER_MAX_MINUTES, Answer, Scope
from domain.calendar.notify import link_to, when
from domain.notifications.centre import Category, NewNotification
from domain.notifications.scheduled import already_told, do_enqueue_alone
from persistence.calendar import CalendarEvent, Invitation
from persistence.people import Person
from persistence.queries import ints


def reminder_source(event_id: int, starts_at: datetime) -> str:
    """The cause of one occurrence's reminder."""
    return f"event:{event_id}:reminder:{recurrence.occurrence_key(starts_at)}"


async def _due(now: datetime) -> dict[str, tuple[CalendarEvent, datetime]]:
    """Occurrences within their event's reminder time, by cause, that nobody was reminded of yet (2 queries)."""
    horizon = now + timedelta(minutes=REMINDER_MAX_MINUTES)
    rows = await CalendarEvent.filter(
        Q(repeat_until__isnull=True, starts_at__gte=now, starts_at__lte=horizon)
        | Q(repeat_until__isnull=False, repeat_until__gte=now, starts_at__lte=horizon),
        reminder_minutes__isnull=False, cancelled_at__isnull=True)
    due: dict[str, tuple[CalendarEvent, datetime]] = {}
    for row in rows:
        occ = recurrence.next_occurrence(row.starts_at, row.ends_at, row.rrule, row.repeat_until, row.exdates, now)
        if occ is not None and occ.starts_at - now <= timedelta(minutes=row.reminder_minutes or 0):
            due[reminder_source(row.id, occ.starts_at)] = (row, occ.starts_at)
    told = await already_told(due)
    return {source: found for source, found in due.items() if source not in told}


async def _people(rows: list[CalendarEvent]) -> dict[int, list[int]]:
    """Per event: the invitees who did not say nej, or a person event's owner (2 queries at most)."""
    people: dict[int, list[int]] = defaultdict(list)
    invited = [r.id for r in rows if r.invitations_open and not r.private]  # not in an invitee's calendar
    if invited:
        for event_id, person_id in await Invitation.filter(event_id__in=invited, person__active=True).exclude(
                answer=Answer.NEJ.value).values_list("event_id", "person_id"):
            people[int(event_id)].append(int(person_id))
    owners = {int(r.person_id): r.id for r in rows
              if not r.invitations_open and r.scope == Scope.PERSON and r.person_id is not None}
    if owners:
        for person_id in ints(await Person.filter(id__in=sorted(owners), active=True).values_list("id", flat=True)):
            people[owners[person_id]].append(person_id)
    return people


async def do_remind_due_events(now: datetime) -> int:
    """'Påmindelse: Forældremøde 7.12.2026 kl. 17:00' to each person reminded; returns how many were new."""
    due = await _due(now)
    if not due:
        return 0
    people = await _people([row for row, _ in due.values()])
    notes = [NewNotification(person_id=p, category=Category.REMINDER, link=link_to(starts_at), source=source,
                             title=f"Påmindelse: {row.title} {when(starts_at, row.all_day)}")
             for source, (row, starts_at) in sorted(due.items()) for p in people.get(row.id, [])]
    return await do_enqueue_alone(notes, now=now)
