"""Private calendar subscriptions: a secret token per person (stored only hashed), revocable, read as ICS."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from domain.calendar.extras import extra_items
from domain.calendar.facts import calendar_reach
from domain.calendar.ics import (
    calendar_bytes,
    holiday_vevents,
    item_vevent,
    local_day,
    shareable_description,
    vevent,
)
from domain.calendar.model import CalendarItem
from domain.calendar.views import event_rows
from domain.clock import today_local
from domain.errors import NotFound
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.calendar import CalendarEvent, CalendarFeed
from persistence.db import transaction

DAYS_BACK = 60
DAYS_AHEAD = 400
# The roles whose calendars a feed merges (a parent who also works somewhere gets both).
FEED_ROLES = (Role.PARENT, Role.CHILD, Role.STAFF, Role.LEADER, Role.ADMIN)


def token_hash(token: str) -> str:
    """The stored form of a token (sha256, hex)."""
    return hashlib.sha256(token.encode()).hexdigest()


async def do_create_feed(actor: Actor, *, now: datetime) -> str:
    """A new secret subscription token for the actor (the old one stops working); shown once, stored hashed."""
    token = secrets.token_urlsafe(32)
    async with transaction():
        await CalendarFeed.filter(person_id=actor.person_id, revoked_at__isnull=True).update(revoked_at=now)
        await CalendarFeed.create(person_id=actor.person_id, token_hash=token_hash(token), created_at=now)
    return token


async def do_revoke_feed(actor: Actor, *, now: datetime) -> None:
    """Stop the actor's subscription address from working."""
    await CalendarFeed.filter(person_id=actor.person_id, revoked_at__isnull=True).update(revoked_at=now)


async def feed_created_at(actor: Actor) -> datetime | None:
    """When the actor's working subscription address was made, or None when there is none."""
    feed = await CalendarFeed.filter(person_id=actor.person_id, revoked_at__isnull=True).order_by("-id").first()
    return feed.created_at if feed else None


async def has_feed(actor: Actor) -> bool:
    """Whether the actor has a working subscription address."""
    return await CalendarFeed.filter(person_id=actor.person_id, revoked_at__isnull=True).exists()


async def feed_ics(token: str, *, now: datetime, with_holidays: bool = True) -> bytes:
    """The owner's calendar from 60 days back to 400 days ahead as ICS, without private or personal text.

    Events (cancelled ones as STATUS:CANCELLED, so subscribers remove them), closing days, booked conference times
    and form and vacation deadlines: what the calendar page shows.
    """
    feed = await CalendarFeed.get_or_none(token_hash=token_hash(token or ""), revoked_at__isnull=True)
    if feed is None:
        raise NotFound("calendar.feed_not_found")
    facts = await load_person_facts(feed.person_id, today_local(now))
    if facts is None:
        raise NotFound("calendar.feed_not_found")
    start, end = now - timedelta(days=DAYS_BACK), now + timedelta(days=DAYS_AHEAD)
    roles = [r for r in FEED_ROLES if r in facts.roles] or [Role.PARENT]
    first, last = local_day(start), local_day(end)
    found: dict[int, CalendarEvent] = {}
    extras: dict[str, CalendarItem] = {}
    for role in roles:
        actor = facts.actor(role, "2")
        reach = await calendar_reach(actor, today_local(now), memberships=False)
        rows, _ = await event_rows(actor, reach, start, end, with_cancelled=True)
        found.update((row.id, row) for row in rows)
        extras.update((item.key, item) for item in (await extra_items(actor, reach, first, last, start, end)).items)
    items = [vevent(row, shareable_description(row, feed.person_id), now) for _, row in sorted(found.items())]
    items += [item_vevent(item, now) for _, item in sorted(extras.items())]
    if with_holidays:
        items += holiday_vevents(first, last, now)
    return calendar_bytes(items)
