"""The notification centre: a person's own notifications, counted, listed newest first and marked read."""

from __future__ import annotations

from datetime import datetime

from domain.audit import service as audit
from domain.errors import NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.notifications.centre import Category, NotificationsChanged, NotificationView
from persistence.db import transaction
from persistence.notifications import Notification
from persistence.queries import ints

PAGE_MAX = 100  # rows per list read, however many a caller asks for
CATEGORIES = {c.value for c in Category}


async def unread_count(actor: Actor) -> int:
    """How many of the signed-in person's notifications are unread (one query)."""
    return await Notification.filter(person_id=actor.person_id, read_at__isnull=True).count()


async def list_notifications(actor: Actor, limit: int = 30, before: int | None = None) -> list[NotificationView]:
    """The person's own notifications, newest first; `before` (an id) pages back past the ones already shown."""
    query = Notification.filter(person_id=actor.person_id)
    if before is not None:
        query = query.filter(id__lt=before)
    rows = await query.order_by("-id").limit(max(1, min(limit, PAGE_MAX))).values_list(
        "id", "category", "title", "body", "link", "created_at", "read_at", "sensitive")
    return [NotificationView(int(i), Category(c) if c in CATEGORIES else Category.MESSAGE, str(title),
                             "" if sensitive else str(body), str(link), created, read_at is not None)
            for i, c, title, body, link, created, read_at, sensitive in rows]


async def do_mark_read(actor: Actor, notification_id: int, *, now: datetime) -> str:
    """Mark one of one's own notifications read; returns its link. Someone else's is refused as not found."""
    found = await Notification.filter(id=notification_id).values_list("person_id", "link", "read_at")
    if not found or int(found[0][0]) != actor.person_id:
        if found:  # who tried is worth knowing; what it concerned (someone else's notification) is not told
            await audit.record("notifications.read", audit.REFUSED, actor=actor, detail="not_own")
        raise NotFound("notifications.not_found")
    _, link, read_at = found[0]
    if read_at is None:
        async with committing(transaction) as outbox:
            if await Notification.filter(id=notification_id, read_at__isnull=True).update(read_at=now):
                outbox.add(NotificationsChanged((actor.person_id,)))
    return str(link)


async def do_mark_all_read(actor: Actor, *, now: datetime) -> int:
    """Mark every unread notification of the signed-in person read; returns how many changed."""
    async with committing(transaction) as outbox:
        changed = await Notification.filter(person_id=actor.person_id, read_at__isnull=True).update(read_at=now)
        if changed:
            outbox.add(NotificationsChanged((actor.person_id,)))
    return int(changed)


async def do_forget(sources: list[str]) -> set[int]:
    """Remove the notifications of causes that no longer exist (a message taken back); call inside its transaction.

    Returns the people whose bells must recount. Deliveries not yet sent go with them (ON DELETE CASCADE).
    """
    if not sources:
        return set()
    people = set(ints(await Notification.filter(source__in=sources).values_list("person_id", flat=True)))
    if people:
        await Notification.filter(source__in=sources).delete()
    return people
