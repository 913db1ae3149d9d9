"""What a sent message tells its recipients' notification centres: sender and subject, never the text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.events import Outbox
from domain.messages.deliver import Delivered, Outgoing
from domain.notifications.centre import Category, NewNotification, NotificationsChanged
from domain.notifications.outbox import do_enqueue
from domain.notifications.service import do_forget
from persistence.messages import Participant, SharedInbox
from persistence.notifications import Notification
from persistence.queries import ints

SENSITIVE_TITLE = "Ny følsom besked fra {sender} — log ind med MitID for at læse"
TITLE = "Ny besked fra {sender}"


def message_source(message_id: int) -> str:
    """The cause key of one message: its recipients are told about it once."""
    return f"message:{message_id}"


def message_notes(person_ids: Sequence[int], *, sender: str, subject: str, sensitive: bool, thread_id: int,
                  message_id: int) -> list[NewNotification]:
    """One notification per recipient; a følsom message names only who it is from (no subject, no text)."""
    title = (SENSITIVE_TITLE if sensitive else TITLE).format(sender=sender)
    return [NewNotification(person_id=p, category=Category.MESSAGE, title=title, body="" if sensitive else subject,
                            link=f"/beskeder/{thread_id}", source=message_source(message_id), sensitive=sensitive)
            for p in sorted(set(person_ids))]


async def _sender(sender_name: str, on_behalf_of: int | None) -> str:
    """A message from a fællespostkasse is from its institution's inbox, by that name."""
    if on_behalf_of is None:
        return sender_name
    names = await SharedInbox.filter(id=on_behalf_of).values_list("name", flat=True)
    return str(names[0]) if names else sender_name


async def notify_message(outbox: Outbox, *, recipient_ids: Sequence[int], sender_id: int | None, sender_name: str,
                         on_behalf_of: int | None, subject: str, sensitive: bool, thread_id: int, message_id: int,
                         now: datetime, reply: bool = False) -> int:
    """Tell every person the message reached (not its sender, not who muted the thread); inside the send's transaction.

    At most three queries besides do_enqueue's, however many recipients.
    """
    people = {int(p) for p in recipient_ids if p != sender_id}
    if reply and people:  # a muted thread stays quiet; a new thread has no muted seats yet
        muted = await Participant.filter(thread_id=thread_id, person_id__in=sorted(people), muted=True).values_list(
            "person_id", flat=True)
        people -= set(ints(muted))
    if not people:
        return 0
    sender = await _sender(sender_name, on_behalf_of)
    notes = message_notes(sorted(people), sender=sender, subject=subject, sensitive=sensitive, thread_id=thread_id,
                          message_id=message_id)
    return await do_enqueue(notes, outbox, now=now)


async def notify_delivered(outbox: Outbox, done: Delivered, out: Outgoing, subject: str, *, now: datetime,
                           reply: bool = False) -> int:
    """notify_message for what deliver.py just wrote."""
    return await notify_message(outbox, recipient_ids=done.event.recipient_ids, sender_id=out.sender_id,
                                sender_name=out.sender_name, on_behalf_of=out.on_behalf_of, subject=subject,
                                sensitive=out.sensitive, thread_id=done.thread_id, message_id=done.message_id,
                                now=now, reply=reply)


async def forget_message(outbox: Outbox, message_id: int) -> None:
    """A message taken back takes its notifications with it (inside the undo's transaction)."""
    people = await do_forget([message_source(message_id)])
    if people:
        outbox.add(NotificationsChanged(tuple(sorted(people))))


async def read_thread_notifications(outbox: Outbox, person_id: int, thread_id: int, now: datetime) -> None:
    """Opening a thread reads what the bell said about it, however the reader got there (one statement)."""
    if await Notification.filter(person_id=person_id, category=Category.MESSAGE.value, link=f"/beskeder/{thread_id}",
                                 read_at__isnull=True).update(read_at=now):
        outbox.add(NotificationsChanged((person_id,)))
