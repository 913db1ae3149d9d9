"""Helpers of the scheduled producers (reminders, deadlines): skip causes already told, enqueue in a transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from domain.clock import COPENHAGEN, day_start
from domain.events import committing
from domain.notifications.centre import NewNotification
from domain.notifications.outbox import do_enqueue
from persistence.db import transaction
from persistence.notifications import Notification

FROM_HOUR = 8  # a deadline reminder is written from 08:00 the day before, not in the night


async def already_told(sources: Iterable[str]) -> set[str]:
    """The causes someone was already told about (one query): a job running every minute skips them cheaply."""
    wanted = sorted(set(sources))
    if not wanted:
        return set()
    rows: list[str] = await Notification.filter(source__in=wanted).distinct().values_list(  # type: ignore[assignment]
        "source", flat=True)
    return set(rows)


async def do_enqueue_alone(notes: Sequence[NewNotification], *, now: datetime) -> int:
    """Enqueue notifications that have no change of their own to ride with, in one transaction of their own."""
    if not notes:
        return 0
    async with committing(transaction) as outbox:
        return await do_enqueue(notes, outbox, now=now)


def tomorrow_window(now: datetime) -> tuple[datetime, datetime] | None:
    """Deadlines falling tomorrow (Copenhagen) from FROM_HOUR today, as UTC bounds; None earlier in the day."""
    local = now.astimezone(COPENHAGEN)
    if local.hour < FROM_HOUR:
        return None
    tomorrow = local.date() + timedelta(days=1)
    return day_start(tomorrow), day_start(tomorrow + timedelta(days=1))
