"""Notices: one thread per person from no one's account (an invitation, a reminder), written in batches.

The sender keeps no seat, so whoever caused the send never sees the list of who got it: a reminder to those who
have not answered an anonymous survey must not tell the team who they are. Callers check access first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime

from domain.events import committing
from domain.messages.compose import clean_body, clean_subject, snippet
from domain.messages.model import MessageSent
from domain.messages.notify import message_notes
from domain.notifications.outbox import do_enqueue
from persistence.db import transaction
from persistence.messages import Message, Participant, Thread

NOTICE_BATCH = 200  # persons per transaction; between two, other requests get the event loop
Progress = Callable[[int, int], None]  # (done, of) after each batch


async def _one_batch(sender_name: str, subject: str, body: str, person_ids: Sequence[int], now: datetime) -> None:
    async with committing(transaction) as outbox:
        seats, notes = [], []
        for pid in person_ids:
            thread = await Thread.create(subject=subject, created_at=now, created_by_id=None, last_message_at=now,
                                         last_sender_name=sender_name, last_snippet=snippet(body, False),
                                         message_count=1, sensitive=False)
            message = await Message.create(thread_id=thread.id, sender_id=None, sender_name=sender_name, body=body,
                                           sensitive=False, created_at=now)
            seats.append(Participant(thread_id=thread.id, person_id=pid, joined_at=now, last_message_at=now, unread=1))
            outbox.add(MessageSent(thread.id, message.id, None, (pid,)))
            notes += message_notes([pid], sender=sender_name, subject=subject, sensitive=False, thread_id=thread.id,
                                   message_id=message.id)
        await Participant.bulk_create(seats, batch_size=NOTICE_BATCH)
        await do_enqueue(notes, outbox, now=now)


async def send_notices(*, sender_name: str, subject: str, body: str, person_ids: Sequence[int], now: datetime,
                       progress: Progress | None = None) -> int:
    """Send the same notice to each person in a thread of their own; returns how many got it."""
    subject, body, name = clean_subject(subject), clean_body(body), sender_name[:160]
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), NOTICE_BATCH):
        await _one_batch(name, subject, body, ids[start:start + NOTICE_BATCH], now)
        if progress is not None:
            progress(min(start + NOTICE_BATCH, len(ids)), len(ids))
        await asyncio.sleep(0)  # a send to thousands leaves room for every other page between batches
    return len(ids)
