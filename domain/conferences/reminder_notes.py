"""Conference reminders in the notification centre: once per booked slot, whether or not e-mail is on."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from domain.calendar.notify import when
from domain.clock import today_local
from domain.conferences.notify import round_link
from domain.conferences.reminders import MAX_HOURS
from domain.notifications.centre import Category, NewNotification
from domain.notifications.scheduled import already_told, do_enqueue_alone
from persistence.conferences import ConferenceSlot
from persistence.people import Custody
from persistence.queries import active_on


async def do_remind_due_slots(now: datetime) -> int:
    """'Påmindelse: Skole-hjem-samtale 9.12.2026 kl. 14:20' to the guardians of each booked slot now due (4 queries)."""
    rows = await ConferenceSlot.filter(
        round__reminder_hours__isnull=False, round__closed_at__isnull=True, child_id__isnull=False,
        starts_at__gt=now, starts_at__lte=now + timedelta(hours=MAX_HOURS)).values_list(
        "id", "child_id", "starts_at", "round_id", "round__title", "round__reminder_hours")
    due = {f"conference:{slot}:reminder:{child}:{int(starts.timestamp())}": (int(child), starts, int(rnd), title)
           for slot, child, starts, rnd, title, hours in rows if starts - timedelta(hours=int(hours)) <= now}
    told = await already_told(due)
    due = {source: found for source, found in due.items() if source not in told}
    if not due:
        return 0
    guardians: dict[int, list[int]] = defaultdict(list)
    for child_id, guardian_id in await Custody.filter(
            active_on(today_local(now), "valid_from", "valid_to"), child_id__in=sorted({c for c, *_ in due.values()}),
            guardian__active=True).values_list("child_id", "guardian_id"):
        guardians[int(child_id)].append(int(guardian_id))
    notes = [NewNotification(person_id=g, category=Category.REMINDER, link=round_link(rnd), source=source,
                             title=f"Påmindelse: {title} {when(starts, False)}")
             for source, (child, starts, rnd, title) in sorted(due.items()) for g in guardians[child]]
    return await do_enqueue_alone(notes, now=now)
