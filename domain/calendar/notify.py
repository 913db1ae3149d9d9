"""Notifications of the calendar: an invitation, an event moved or cancelled (in the change's own transaction)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.calendar import recurrence
from domain.clock import COPENHAGEN
from domain.dates import show_day
from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification
from domain.notifications.outbox import do_enqueue
from persistence.calendar import CalendarEvent, Invitation
from persistence.queries import ints

CALENDAR_LINK = "/kalender"


def when(starts_at: datetime, all_day: bool) -> str:
    """'10.12.2026' for an all-day event, '10.12.2026 kl. 17:00' otherwise (Copenhagen time)."""
    local = starts_at.astimezone(COPENHAGEN)
    return show_day(local.date()) if all_day else f"{show_day(local.date())} kl. {local:%H:%M}"


def link_to(starts_at: datetime, event_id: int | None = None) -> str:
    """The calendar on the event's day (with event_id, the event's own dialog opened there)."""
    day = f"{CALENDAR_LINK}?dato={starts_at.astimezone(COPENHAGEN).date().isoformat()}"
    return day if event_id is None else f"{day}&begivenhed={event_id}"


def next_start(row: CalendarEvent, now: datetime) -> datetime:
    """The start of the event's next occurrence (its first one when none is left, or it is no series)."""
    if not row.rrule:
        return row.starts_at
    found = recurrence.next_occurrence(row.starts_at, row.ends_at, row.rrule, row.repeat_until, row.exdates, now)
    return found.starts_at if found is not None else row.starts_at


async def invited_people(event_id: int) -> list[int]:
    """Everyone invited to an event (one query)."""
    return ints(await Invitation.filter(event_id=event_id).values_list("person_id", flat=True))


async def tell(outbox: Outbox, row: CalendarEvent, people: Iterable[int], *, category: Category, word: str,
               starts_at: datetime, source: str, actor_id: int, now: datetime) -> int:
    """'<word>: <title> <when>' to each of these people but the one who made the change; returns how many were new."""
    if row.private:  # a private event is not in a guardian's calendar: its title is not told either
        return 0
    title = f"{word}: {row.title} {when(starts_at, row.all_day)}"
    notes = [NewNotification(person_id=p, category=category, title=title, link=link_to(starts_at), source=source)
             for p in sorted(set(people)) if p != actor_id]
    return await do_enqueue(notes, outbox, now=now) if notes else 0


async def tell_invited(outbox: Outbox, row: CalendarEvent, people: Iterable[int], *, actor_id: int,
                       now: datetime) -> int:
    """'Invitation: Juleklip 10.12.2026' to the newly invited."""
    return await tell(outbox, row, people, category=Category.INVITATION, word="Invitation",
                      starts_at=next_start(row, now), source=f"event:{row.id}:invited", actor_id=actor_id, now=now)


async def tell_moved(outbox: Outbox, row: CalendarEvent, people: Iterable[int], *, actor_id: int,
                     now: datetime) -> int:
    """'Flyttet: Forældremøde 9.12.2026 kl. 17:00' (the new time) to those who were and still are invited."""
    return await tell(outbox, row, people, category=Category.EVENT_CHANGE, word="Flyttet",
                      starts_at=next_start(row, now), source=f"event:{row.id}:moved:{row.sequence}",
                      actor_id=actor_id, now=now)


async def tell_cancelled(outbox: Outbox, row: CalendarEvent, *, actor_id: int, now: datetime) -> int:
    """'Aflyst: Forældremøde 2.A 8.12.2026' to everyone invited."""
    return await tell(outbox, row, await invited_people(row.id), category=Category.EVENT_CHANGE, word="Aflyst",
                      starts_at=next_start(row, now), source=f"event:{row.id}:cancelled", actor_id=actor_id, now=now)


async def tell_skipped(outbox: Outbox, row: CalendarEvent, key: str, *, actor_id: int, now: datetime) -> int:
    """'Aflyst: Svømning 14.12.2026 kl. 10:00' for one occurrence of a series, to everyone invited."""
    starts_at = recurrence.from_local(datetime.fromisoformat(key))  # the local wall start it names
    return await tell(outbox, row, await invited_people(row.id), category=Category.EVENT_CHANGE, word="Aflyst",
                      starts_at=starts_at, source=f"event:{row.id}:skipped:{key}", actor_id=actor_id, now=now)
