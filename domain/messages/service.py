"""Sending beskeder: new threads, replies, forwards and undo, each one transaction with events after commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from tortoise.expressions import F, Q

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.messages.autoreply import send_auto_replies
from domain.messages.compose import clean_body, clean_subject, prefixed, quoted, snippet
from domain.messages.deliver import Delivered, Outgoing, add_to_thread, claim_attachments, drop_draft, start_thread
from domain.messages.limits import check_send_rate, count_send
from domain.messages.model import BODY_MAX, UNDO_SECONDS, MessageRetracted, SendResult
from domain.messages.notify import forget_message, notify_delivered
from domain.messages.reading import check_reader, valid_id
from domain.messages.resolve import resolve
from domain.messages.sensitive import looks_like_cpr
from domain.messages.shared import inbox_ids_for
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.messages import Attachment, Message, Participant, SharedInbox, Thread


def _result(done: Delivered, forced: bool, now: datetime) -> SendResult:
    return SendResult(done.thread_id, done.message_id, done.recipient_count, forced,
                      now + timedelta(seconds=UNDO_SECONDS))


async def _audit_send(actor: Actor, action: str, done: Delivered, sensitive: bool) -> None:
    # Ids and counts only: the audit log never holds message text.
    await audit.record(action, audit.ALLOWED, actor=actor, detail=(
        f"thread={done.thread_id} message={done.message_id} recipients={done.recipient_count} sensitive={sensitive}"))


async def _send_new(actor: Actor, action: str, subject: str, out: Outgoing, recipient_keys: list[str], *,
                    attachment_ids: Sequence[int], draft_id: int | None, now: datetime) -> Delivered:
    if not recipient_keys:
        raise DomainError("messages.no_recipients")
    resolved = await resolve(actor, recipient_keys, today_local(now))
    if resolved.count(actor.person_id) == 0:
        raise DomainError("messages.no_recipients")
    inboxes = await inbox_ids_for(resolved.inbox_institutions)
    async with committing(transaction) as outbox:
        done = await start_thread(subject, out, persons=resolved.persons, inbox_ids=list(inboxes.values()), now=now)
        await notify_delivered(outbox, done, out, subject, now=now)
        await claim_attachments(actor.person_id, done.message_id, attachment_ids)
        await drop_draft(actor.person_id, draft_id)
        await _audit_send(actor, action, done, out.sensitive)
        outbox.add(done.event)
        for event in await send_auto_replies(done.thread_id, subject, actor.person_id, now=now):
            outbox.add(event)
    return done


async def do_send(actor: Actor, *, subject: str, body: str, recipient_keys: list[str], sensitive: bool = False,
                  attachment_ids: Sequence[int] = (), draft_id: int | None = None, now: datetime,
                  rate_limited: bool = True) -> SendResult:
    """Start a thread to persons, roles in groups and shared inboxes; CPR-shaped text makes it sensitive.

    `rate_limited=False` is for a use case that sends many on one click and counts that click itself (reminders).
    """
    check_typed_text(subject, body)
    if rate_limited:
        await check_send_rate(actor, now=now)
    subject, body = clean_subject(subject), clean_body(body)
    if looks_like_cpr(subject):
        raise DomainError("messages.cpr_in_subject")
    forced = not sensitive and looks_like_cpr(body)
    out = Outgoing(actor.person_id, actor.name, body, sensitive or forced)
    done = await _send_new(actor, "messages.send", subject, out, list(recipient_keys), attachment_ids=attachment_ids,
                           draft_id=draft_id, now=now)
    if rate_limited:
        await count_send(actor, now=now)
    return _result(done, forced, now)


async def _replying_seat(actor: Actor, thread_id: int, as_inbox: int | None) -> Participant:
    seat = await check_reader(actor, thread_id)
    if as_inbox is None or seat.inbox_id == as_inbox:
        return seat
    inbox = await SharedInbox.get_or_none(id=as_inbox) if valid_id(as_inbox) else None
    if inbox is None:
        raise NotFound("messages.inbox_not_found")
    await audit.check(access.can_answer_for_inbox(actor, inbox.institution_id), actor, "messages.reply")
    inbox_seat = await Participant.get_or_none(thread_id=thread_id, inbox_id=as_inbox, left_at__isnull=True)
    if inbox_seat is None:
        raise DomainError("messages.inbox_not_in_thread")
    return inbox_seat


async def do_reply(actor: Actor, thread_id: int, *, body: str, reply_all: bool = False, sensitive: bool = False,
                   attachment_ids: Sequence[int] = (), as_inbox: int | None = None, draft_id: int | None = None,
                   now: datetime) -> SendResult:
    """Answer the latest sender (in this thread when it is just the two of you, else in a new one) or everyone."""
    check_typed_text(body)
    await check_send_rate(actor, now=now)
    body = clean_body(body)
    seat = await _replying_seat(actor, thread_id, as_inbox)
    thread = await Thread.get(id=thread_id)
    forced = not (sensitive or thread.sensitive) and looks_like_cpr(body)
    # Spelled out with Q: exclude() with two conditions negates each alone, and NOT x=y drops NULLs.
    if seat.inbox_id:
        not_mine = Q(on_behalf_of_id__isnull=True) | Q(on_behalf_of_id__not=seat.inbox_id)
    else:
        not_mine = Q(on_behalf_of_id__isnull=False) | Q(sender_id__isnull=True) | Q(sender_id__not=actor.person_id)
    latest = await Message.filter(not_mine, thread_id=thread_id).order_by("-created_at", "-id").first()
    seats = await Participant.filter(thread_id=thread_id, left_at__isnull=True).values_list(
        "id", "person_id", "inbox_id", "via_child_id")
    target: tuple[int | None, int | None] = (None, None)
    if latest is not None:
        target = (None, latest.on_behalf_of_id) if latest.on_behalf_of_id else (latest.sender_id, None)
    same_thread = reply_all or latest is None or {(p, i) for _, p, i, _ in seats} == {
        (seat.person_id, seat.inbox_id), target}
    if latest is not None and target == (None, None) and (not same_thread or len(seats) < 2):
        raise DomainError("messages.no_one_to_answer")  # a notice from no one's account: the answer would be lost
    # A sensitive thread stays sensitive: an answer to it is as private as what it answers.
    out = Outgoing(actor.person_id, actor.name, body, sensitive or forced or thread.sensitive,
                   on_behalf_of=seat.inbox_id)
    async with committing(transaction) as outbox:
        if same_thread:
            done = await add_to_thread(thread, seat, out, now)
        else:
            person, inbox = target
            via = next((v for _, p, i, v in seats if (p, i) == target), None)
            done = await start_thread(prefixed("Sv: ", thread.subject), out,
                                      persons={person: via} if person is not None else {},
                                      inbox_ids=[inbox] if inbox is not None else [], now=now)
        subject = thread.subject if same_thread else prefixed("Sv: ", thread.subject)
        await notify_delivered(outbox, done, out, subject, now=now, reply=same_thread)
        await claim_attachments(actor.person_id, done.message_id, attachment_ids)
        await drop_draft(actor.person_id, draft_id)
        await _audit_send(actor, "messages.reply", done, out.sensitive)
        outbox.add(done.event)
        for event in await send_auto_replies(done.thread_id, subject, actor.person_id, now=now):
            outbox.add(event)
    await count_send(actor, now=now)
    return _result(done, forced, now)


async def do_forward(actor: Actor, thread_id: int, *, recipient_keys: list[str], note: str,
                     now: datetime) -> SendResult:
    """Send a thread on as a new one, quoted as plain text; sensitive stays sensitive and needs level 3."""
    check_typed_text(note)
    await check_send_rate(actor, now=now)
    if len(note) > BODY_MAX:
        raise DomainError("messages.too_long", max=BODY_MAX)
    await check_reader(actor, thread_id)
    thread = await Thread.get(id=thread_id)
    rows = await Message.filter(thread_id=thread_id).order_by("created_at", "id").values_list(
        "sender_name", "created_at", "body", "sensitive")
    was_sensitive = any(s for *_, s in rows)
    if was_sensitive and not access.can_read_sensitive(actor):
        await audit.record("messages.forward", audit.REFUSED, actor=actor, detail="needs_step_up")
        raise DomainError("messages.step_up_required")
    body = quoted(note.replace("\x00", ""), thread.subject, [(n, at, b) for n, at, b, _ in rows])
    forced = not was_sensitive and looks_like_cpr(body)
    out = Outgoing(actor.person_id, actor.name, body, was_sensitive or forced)
    done = await _send_new(actor, "messages.forward", prefixed("Vs: ", thread.subject), out, list(recipient_keys),
                           attachment_ids=(), draft_id=None, now=now)
    await count_send(actor, now=now)
    return _result(done, forced, now)


async def do_undo_send(actor: Actor, message_id: int, *, now: datetime) -> None:
    """Take a message back within the undo window: it disappears for everyone, with its thread if it was alone."""
    message = await Message.get_or_none(id=message_id) if valid_id(message_id) else None
    if message is None:
        raise NotFound("messages.message_not_found")
    mine = message.sender_id == actor.person_id and not message.auto_reply
    await audit.check(access.allow("sender") if mine else access.deny("not_sender"), actor, "messages.undo")
    if now - message.created_at > timedelta(seconds=UNDO_SECONDS):
        raise DomainError("messages.undo_expired")
    async with committing(transaction) as outbox:
        thread = await Thread.get_or_none(id=message.thread_id)
        if thread is None:  # taken back a moment ago on another device
            raise NotFound("messages.message_not_found")
        seats = await Participant.filter(thread_id=thread.id, left_at__isnull=True).values_list(
            "id", "person_id", "inbox_id")
        # Files go back to the sender's unsent uploads rather than vanishing with the message.
        await Attachment.filter(message_id=message.id).update(message_id=None)
        await forget_message(outbox, message.id)
        if not await Message.filter(id=message.id).delete():  # another device took it back first
            raise NotFound("messages.message_not_found")
        if thread.message_count <= 1:
            await Thread.filter(id=thread.id).delete()
        else:
            await _unwind(thread, message, seats)
        outbox.add(MessageRetracted(thread.id, message.id,
                                    tuple(sorted({int(p) for _, p, _ in seats if p is not None})),
                                    tuple(sorted({int(i) for _, _, i in seats if i is not None}))))
        await audit.record("messages.undo", audit.ALLOWED, actor=actor,
                           detail=f"thread={thread.id} message={message.id}")


async def _unwind(thread: Thread, message: Message, seats: list[tuple[int, int | None, int | None]]) -> None:
    previous = await Message.filter(thread_id=thread.id).order_by("-created_at", "-id").first()
    assert previous is not None  # message_count > 1
    await Thread.filter(id=thread.id).update(
        last_message_at=previous.created_at, last_sender_name=previous.sender_name,
        last_snippet=snippet(previous.body, previous.sensitive), message_count=F("message_count") - 1,
        sensitive=await Message.filter(thread_id=thread.id, sensitive=True).exists())
    sender_seat = (None, message.on_behalf_of_id) if message.on_behalf_of_id else (message.sender_id, None)
    receivers = [sid for sid, p, i in seats if (p, i) != sender_seat]
    if receivers:
        await Participant.filter(id__in=receivers, unread__gt=0).update(unread=F("unread") - 1)
    await Participant.filter(thread_id=thread.id, last_message_at=message.created_at).update(
        last_message_at=previous.created_at)
