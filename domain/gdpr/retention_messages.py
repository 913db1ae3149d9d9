"""Retention of beskeder: old messages go in batches of whole threads, and what is left is recomputed in bulk."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Subquery
from tortoise.functions import Count, Max

from domain.messages import storage
from domain.messages.compose import snippet
from persistence.db import transaction
from persistence.messages import Attachment, Draft, Message, Participant, Thread
from persistence.queries import ints

# Threads per transaction: each batch removes its old messages and recomputes its threads, all or nothing.
THREAD_BATCH = 200


def threads_of(municipality_id: int) -> Subquery:
    """The ids of the municipality's threads: those started by one of its people."""
    return Subquery(Thread.filter(created_by__municipality_id=municipality_id).values("id"))


def old_messages(municipality_id: int, cutoff: datetime) -> Subquery:
    """The ids of the municipality's messages written before the cutoff."""
    return Subquery(Message.filter(thread_id__in=threads_of(municipality_id), created_at__lt=cutoff).values("id"))


async def plan_messages(municipality_id: int, cutoff: datetime) -> tuple[int, int, int]:
    """(messages, threads left empty, attachments) that would go: three counting queries."""
    scope = Message.filter(thread_id__in=threads_of(municipality_id))
    messages = await scope.filter(created_at__lt=cutoff).count()
    attachments = await Attachment.filter(message_id__in=old_messages(municipality_id, cutoff)).count()
    empty = await Thread.filter(id__in=Subquery(scope.filter(created_at__lt=cutoff).values("thread_id"))).exclude(
        id__in=Subquery(scope.filter(created_at__gte=cutoff).values("thread_id"))).count()
    return messages, empty, attachments


async def delete_messages(municipality_id: int, cutoff: datetime) -> tuple[int, int, int]:
    """Delete the old messages, the threads they leave empty and unused files; (messages, threads, attachments)."""
    thread_ids = sorted(set(ints(await Message.filter(
        thread_id__in=threads_of(municipality_id), created_at__lt=cutoff).values_list("thread_id", flat=True))))
    totals = [0, 0, 0]
    for start in range(0, len(thread_ids), THREAD_BATCH):
        batch = thread_ids[start:start + THREAD_BATCH]
        async with transaction():
            old = Message.filter(thread_id__in=batch, created_at__lt=cutoff)
            hashes = set(await Attachment.filter(message_id__in=Subquery(old.values("id"))).values_list(
                "sha256", flat=True))
            totals[2] += await Attachment.filter(message_id__in=Subquery(old.values("id"))).delete()
            totals[0] += await Message.filter(thread_id__in=batch, created_at__lt=cutoff).delete()
            kept = set(ints(await Message.filter(thread_id__in=batch).distinct().values_list("thread_id", flat=True)))
            empty = [t for t in batch if t not in kept]
            if empty:
                await Draft.filter(thread_id__in=empty).delete()
                await Participant.filter(thread_id__in=empty).delete()
                totals[1] += await Thread.filter(id__in=empty).delete()
            await recompute_threads(sorted(kept))
        await remove_unused_files({str(h) for h in hashes})
    return totals[0], totals[1], totals[2]


async def recompute_threads(thread_ids: list[int]) -> None:
    """Set each thread's count, last message, snippet and sensitivity from its messages, and cap seats' unread."""
    if not thread_ids:
        return
    rows = Message.filter(thread_id__in=thread_ids)
    counts = {int(t): int(n) for t, n in await rows.annotate(n=Count("id")).group_by("thread_id").values_list(
        "thread_id", "n")}
    newest = {int(t): at for t, at in await rows.annotate(at=Max("created_at")).group_by("thread_id").values_list(
        "thread_id", "at")}
    last: dict[int, Message] = {}
    for message in await Message.filter(thread_id__in=thread_ids, created_at__in=sorted(set(newest.values()))):
        current = last.get(message.thread_id)
        if message.created_at == newest.get(message.thread_id) and (current is None or message.id > current.id):
            last[message.thread_id] = message
    sensitive = set(ints(await rows.filter(sensitive=True).distinct().values_list("thread_id", flat=True)))
    threads = await Thread.filter(id__in=sorted(last))
    for thread in threads:
        message = last[thread.id]
        thread.message_count = counts[thread.id]
        thread.last_message_at = message.created_at
        thread.last_sender_name = message.sender_name
        thread.last_snippet = snippet(message.body, message.sensitive)
        thread.sensitive = thread.id in sensitive
    if threads:
        await Thread.bulk_update(threads, ["message_count", "last_message_at", "last_sender_name", "last_snippet",
                                           "sensitive"], batch_size=THREAD_BATCH)
    # Unread can never be more than the messages left in the thread.
    seats = [seat for seat in await Participant.filter(thread_id__in=sorted(counts), unread__gt=0)
             if seat.unread > counts[seat.thread_id]]
    for seat in seats:
        seat.unread = counts[seat.thread_id]
    if seats:
        await Participant.bulk_update(seats, ["unread"], batch_size=1000)


async def remove_unused_files(hashes: set[str]) -> None:
    """Delete the files no attachment row points to any more (like attachments.discard_rows, under its lock)."""
    if not hashes:
        return
    async with storage.files_lock():
        still_used = set(await Attachment.filter(sha256__in=sorted(hashes)).values_list("sha256", flat=True))
        for sha in hashes - still_used:
            storage.remove(sha)


async def rename_sender(person_ids: list[int], name: str) -> None:
    """Put a new name on the messages these people wrote, and on their threads' last-sender line."""
    threads = sorted(set(ints(await Message.filter(sender_id__in=person_ids).values_list("thread_id", flat=True))))
    if not threads:
        return
    await Message.filter(sender_id__in=person_ids).update(sender_name=name)
    for start in range(0, len(threads), THREAD_BATCH):
        await recompute_threads(threads[start:start + THREAD_BATCH])
