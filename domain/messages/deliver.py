"""The writes of a send: a new thread with every seat in one insert, or one more message in a thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import F

from domain.errors import DomainError
from domain.messages.compose import snippet
from domain.messages.model import MessageSent
from persistence.messages import Attachment, Draft, Message, Participant, Thread


@dataclass(frozen=True)
class Outgoing:
    """One message about to be written: who sends it (maybe for a shared inbox) and what it says."""

    sender_id: int
    sender_name: str
    body: str
    sensitive: bool
    on_behalf_of: int | None = None
    auto_reply: bool = False


@dataclass(frozen=True)
class Delivered:
    """What was written, and the event to publish after commit."""

    thread_id: int
    message_id: int
    recipient_count: int
    event: MessageSent


async def _message(thread_id: int, out: Outgoing, now: datetime) -> Message:
    return await Message.create(thread_id=thread_id, sender_id=out.sender_id, sender_name=out.sender_name[:160],
                                on_behalf_of_id=out.on_behalf_of, body=out.body, sensitive=out.sensitive,
                                auto_reply=out.auto_reply, created_at=now)


async def start_thread(subject: str, out: Outgoing, *, persons: dict[int, int | None], inbox_ids: Sequence[int],
                       now: datetime) -> Delivered:
    """A new thread: the thread, the message, and every seat in one bulk insert (3 queries)."""
    thread = await Thread.create(subject=subject, created_at=now, created_by_id=out.sender_id, last_message_at=now,
                                 last_sender_name=out.sender_name[:160], last_snippet=snippet(out.body, out.sensitive),
                                 message_count=1, sensitive=out.sensitive)
    message = await _message(thread.id, out, now)
    receivers = {pid: via for pid, via in persons.items() if pid != out.sender_id}
    inboxes = sorted(set(inbox_ids) - {out.on_behalf_of} if out.on_behalf_of else set(inbox_ids))
    seats = [Participant(thread_id=thread.id, person_id=pid, via_child_id=via, joined_at=now, last_message_at=now,
                         unread=1) for pid, via in sorted(receivers.items())]
    seats += [Participant(thread_id=thread.id, inbox_id=iid, joined_at=now, last_message_at=now, unread=1)
              for iid in inboxes]
    if out.on_behalf_of:
        seats.append(Participant(thread_id=thread.id, inbox_id=out.on_behalf_of, joined_at=now, last_message_at=now))
    else:
        seats.append(Participant(thread_id=thread.id, person_id=out.sender_id, joined_at=now, last_message_at=now))
    await Participant.bulk_create(seats, batch_size=5000)
    event = MessageSent(thread.id, message.id, out.sender_id, (*sorted(receivers), out.sender_id),
                        tuple(sorted({*inboxes, *([out.on_behalf_of] if out.on_behalf_of else [])})))
    return Delivered(thread.id, message.id, len(receivers) + len(inboxes), event)


async def add_to_thread(thread: Thread, seat: Participant, out: Outgoing, now: datetime) -> Delivered:
    """One more message from a seat: every other active seat gets it unread and back from deleted (5 queries)."""
    message = await _message(thread.id, out, now)
    await Thread.filter(id=thread.id).update(
        last_message_at=now, last_sender_name=out.sender_name[:160], last_snippet=snippet(out.body, out.sensitive),
        message_count=F("message_count") + 1, sensitive=thread.sensitive or out.sensitive)
    active = Participant.filter(thread_id=thread.id, left_at__isnull=True)
    others = await active.exclude(id=seat.id).values_list("person_id", "inbox_id")
    await active.exclude(id=seat.id).update(unread=F("unread") + 1, last_message_at=now, deleted_at=None)
    await Participant.filter(id=seat.id).update(last_message_at=now, deleted_at=None, unread=0)
    persons = sorted({int(p) for p, _ in others if p is not None} | {out.sender_id})
    inboxes = sorted({int(i) for _, i in others if i is not None} | ({seat.inbox_id} if seat.inbox_id else set()))
    event = MessageSent(thread.id, message.id, out.sender_id, tuple(persons), tuple(inboxes))
    return Delivered(thread.id, message.id, len(others), event)


async def claim_attachments(person_id: int, message_id: int, attachment_ids: Sequence[int]) -> None:
    """Move the sender's own unsent files onto the message, or refuse the whole send."""
    ids = sorted(set(attachment_ids))
    if not ids:
        return
    claimed = await Attachment.filter(id__in=ids, uploader_id=person_id, message_id=None).update(
        message_id=message_id, draft_id=None)
    if claimed != len(ids):
        raise DomainError("messages.attachment_missing")


async def drop_draft(person_id: int, draft_id: int | None) -> None:
    """The draft a send came from is done with."""
    if draft_id is not None:
        await Draft.filter(id=draft_id, author_id=person_id).delete()
