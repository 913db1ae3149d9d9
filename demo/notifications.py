"""Demo notification centres: each person is told of the last message of every thread of the past two weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.clock import COPENHAGEN
from domain.messages.notify import message_notes
from persistence.messages import Message, Participant
from persistence.notifications import Notification

DAYS = 14
BATCH = 1000


async def insert_notifications_demo(conn: BaseDBAsyncClient, today: date) -> int:
    """Write what the demo's messages would have told their readers (read where the thread is read; no pushes)."""
    since = datetime.combine(today - timedelta(days=DAYS), time(0), COPENHAGEN).astimezone(UTC)
    last: dict[int, tuple[int, int | None, str, datetime, bool]] = {}
    for message_id, thread_id, sender_id, sender, at, sensitive in await Message.filter(
            created_at__gte=since, auto_reply=False).using_db(conn).order_by("created_at", "id").values_list(
            "id", "thread_id", "sender_id", "sender_name", "created_at", "thread__sensitive"):
        last[thread_id] = (message_id, sender_id, sender, at, bool(sensitive))
    subjects = dict(await Message.filter(created_at__gte=since).using_db(conn).distinct().values_list(
        "thread_id", "thread__subject"))
    rows: list[Notification] = []
    for thread_id, person_id, unread in await Participant.filter(
            thread__last_message_at__gte=since, person_id__not_isnull=True, deleted_at=None).using_db(conn).values_list(
            "thread_id", "person_id", "unread"):
        if thread_id not in last or last[thread_id][1] == person_id:
            continue
        message_id, _, sender, at, sensitive = last[thread_id]
        note = message_notes([person_id], sender=sender, subject=str(subjects.get(thread_id, "")),
                             sensitive=sensitive, thread_id=thread_id, message_id=message_id)[0]
        rows.append(Notification(person_id=person_id, category=note.category.value, title=note.title[:200],
                                 body=note.body[:300], link=note.link, sensitive=note.sensitive, source=note.source,
                                 created_at=at, read_at=None if unread else at))
    rows.sort(key=lambda row: (row.created_at, row.person_id))  # the centre lists by id, newest first: ids follow time
    await Notification.bulk_create(rows, batch_size=BATCH, using_db=conn)
    return len(rows)
