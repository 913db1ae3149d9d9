"""A krisebesked reaches every guardian's notification centre at once, quiet hours or not."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification
from domain.notifications.outbox import do_enqueue

TITLE = "Krisebesked: {title}"


async def notify_broadcast(outbox: Outbox, *, broadcast_id: int, guardian_ids: Iterable[int], title: str, body: str,
                           now: datetime) -> int:
    """One CRISIS notification per guardian (the text is the municipality's public message); inside the send."""
    notes = [NewNotification(person_id=g, category=Category.CRISIS, title=TITLE.format(title=title), body=body,
                             link="/overblik", source=f"broadcast:{broadcast_id}") for g in sorted(set(guardian_ids))]
    return await do_enqueue(notes, outbox, now=now)
