"""Notifications of conference bookings: a slot booked, moved or given up (in the booking's own transaction)."""

from __future__ import annotations

from datetime import datetime

from domain.calendar.notify import when
from domain.clock import today_local
from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification
from domain.notifications.outbox import do_enqueue
from persistence.conferences import ConferenceRound
from persistence.people import Custody
from persistence.queries import active_on, ints

WORDS = {"booked": "Samtale booket", "moved": "Samtale flyttet", "cancelled": "Samtale aflyst"}


def round_link(round_id: int) -> str:
    """The round's page, where the booking is seen and changed."""
    return f"/kalender/samtaler/{round_id}"


async def guardians_of(child_id: int, now: datetime) -> list[int]:
    """The child's current, active guardians (one query)."""
    return ints(await Custody.filter(active_on(today_local(now), "valid_from", "valid_to"), child_id=child_id,
                                     guardian__active=True).values_list("guardian_id", flat=True))


async def tell_booking(outbox: Outbox, rnd: ConferenceRound, *, what: str, slot_id: int, starts_at: datetime,
                       child_id: int, actor_id: int, now: datetime) -> int:
    """'Samtale booket: 9.12.2026 kl. 14:20' to the child's guardians and the organiser, not to whoever did it.

    The title names no child (a phone's lock screen is not private); the body is the round's title.
    """
    people = set(await guardians_of(child_id, now))
    if rnd.organiser_id is not None:
        people.add(int(rnd.organiser_id))
    title = f"{WORDS[what]}: {when(starts_at, False)}"
    source = f"conference:{slot_id}:{what}:{child_id}:{int(now.timestamp())}"
    notes = [NewNotification(person_id=p, category=Category.CONFERENCE, title=title, link=round_link(rnd.id),
                             source=source, body=rnd.title) for p in sorted(people) if p != actor_id]
    return await do_enqueue(notes, outbox, now=now) if notes else 0
