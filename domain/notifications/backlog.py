"""How far the delivery worker is behind: deliveries due and not yet sent, and how long the oldest has waited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.functions import Count, Min

from persistence.notifications import NotificationDelivery


@dataclass(frozen=True)
class Backlog:
    """Deliveries due now and still unsent (a delivery held back by quiet hours is not behind)."""

    depth: int
    oldest_seconds: float


async def outbox_backlog(now: datetime) -> Backlog:
    """One aggregate query over the outbox's unsent, due rows."""
    row = await NotificationDelivery.filter(sent_at=None, failed=False, due_at__lte=now).annotate(
        depth=Count("id"), oldest=Min("due_at")).first().values("depth", "oldest")
    oldest = row["oldest"] if row else None
    depth = int(row["depth"]) if row else 0
    return Backlog(depth, max(0.0, (now - oldest).total_seconds()) if oldest and depth else 0.0)
