"""Forget old notifications: the centre keeps 90 days, the outbox keeps a finished delivery a week (for support)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.expressions import Q

from persistence.notifications import Notification, NotificationDelivery

KEEP_NOTIFICATIONS = timedelta(days=90)
KEEP_DELIVERIES = timedelta(days=7)


async def do_purge_old_notifications(*, now: datetime) -> tuple[int, int]:
    """Delete notifications over 90 days old and deliveries sent or given up over a week ago; (notifications, rows)."""
    finished = Q(sent_at__lt=now - KEEP_DELIVERIES) | Q(failed=True, due_at__lt=now - KEEP_DELIVERIES)
    deliveries = await NotificationDelivery.filter(finished).delete()
    # A notification's own undelivered rows go with it (cascade): after 90 days nobody is waiting for it. Counted
    # first, as SQLite's count of deleted rows includes the cascaded ones.
    old = Notification.filter(created_at__lt=now - KEEP_NOTIFICATIONS)
    notifications = await old.count()
    if notifications:
        await old.delete()
    return notifications, deliveries
