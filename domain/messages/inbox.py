"""Reading beskeder: an inbox page in a constant number of queries, the unread badge, and an opened thread."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from tortoise.expressions import Q, Subquery

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.messages.model import (
    INBOX_PAGE,
    PARTICIPANTS_NAMED,
    AttachmentView,
    InboxChanged,
    InboxPage,
    MessageView,
    ThreadSummary,
    ThreadView,
)
from domain.messages.notify import read_thread_notifications
from domain.messages.reading import check_reader, valid_id
from persistence.db import transaction
from persistence.messages import Attachment, Message, Participant, SharedInbox, Thread

SEARCH_MAX = 100
PAGE_MAX = 200
_SUMMARY = ("thread_id", "thread__subject", "last_message_at", "thread__last_sender_name", "thread__last_snippet",
            "unread", "muted", "thread__sensitive", "folder_id", "inbox_id")


async def _inbox_scope(actor: Actor, inbox_id: int | None) -> Q:
    if inbox_id is None:
        return Q(person_id=actor.person_id)
    inbox = await SharedInbox.get_or_none(id=inbox_id) if valid_id(inbox_id) else None
    if inbox is None:
        raise NotFound("messages.inbox_not_found")
    await audit.check(access.can_answer_for_inbox(actor, inbox.institution_id), actor, "messages.shared_inbox")
    return Q(inbox_id=inbox_id)


async def inbox_page(actor: Actor, *, folder_id: int | None = None, inbox_id: int | None = None, search: str = "",
                     before: datetime | None = None, limit: int = INBOX_PAGE,
                     before_thread_id: int | None = None) -> InboxPage:
    """The actor's (or a shared inbox's) threads, newest first, a page after (before, before_thread_id) (2 queries)."""
    limit = max(1, min(limit, PAGE_MAX))
    scope = await _inbox_scope(actor, inbox_id)
    seats = Participant.filter(scope, deleted_at__isnull=True, left_at__isnull=True)
    unread = await seats.filter(unread__gt=0).count()
    query = seats.filter(folder_id=folder_id) if folder_id is not None else seats.filter(folder_id__isnull=True)
    if before is not None and before_thread_id is not None:
        # The last row's time and thread id: threads sharing that instant are not skipped.
        query = query.filter(Q(last_message_at__lt=before) | Q(last_message_at=before, thread_id__lt=before_thread_id))
    elif before is not None:
        query = query.filter(last_message_at__lt=before)
    text = " ".join(search.split())[:SEARCH_MAX]
    if text:
        # Only the reader's own threads are searched, so a reader with ten threads reads ten threads' messages.
        bodies = Message.filter(body__icontains=text, thread_id__in=Subquery(query.values("thread_id")))
        if not access.can_read_sensitive(actor):
            bodies = bodies.filter(sensitive=False)
        query = query.filter(Q(thread__subject__icontains=text) | Q(thread_id__in=Subquery(bodies.values("thread_id"))))
    rows = await query.order_by("-last_message_at", "-thread_id").limit(limit + 1).values_list(*_SUMMARY)
    threads = [ThreadSummary(int(t), str(s), at, str(who), "" if sens else str(snip), int(u), bool(m), bool(sens),
                             f, i) for t, s, at, who, snip, u, m, sens, f, i in rows[:limit]]
    return InboxPage(threads, len(rows) > limit, unread)


async def unread_count(actor: Actor) -> int:
    """Threads with something unread in the actor's own inbox (1 query)."""
    return await Participant.filter(person_id=actor.person_id, unread__gt=0, deleted_at__isnull=True,
                                    left_at__isnull=True).count()


async def open_thread(actor: Actor, thread_id: int, *, now: datetime) -> ThreadView:
    """A thread as the actor may see it, marked read; sensitive text only at assurance level 3 (audited)."""
    seat = await check_reader(actor, thread_id)
    thread = await Thread.get(id=thread_id)
    rows = await Message.filter(thread_id=thread_id).order_by("created_at", "id").values_list(
        "id", "sender_id", "sender_name", "on_behalf_of__name", "body", "sensitive", "auto_reply", "created_at")
    files: dict[int, list[AttachmentView]] = defaultdict(list)
    ids = [int(r[0]) for r in rows]
    if ids:
        for mid, aid, name, kind, size in await Attachment.filter(message_id__in=ids).order_by("id").values_list(
                "message_id", "id", "filename", "content_type", "size"):
            files[int(mid)].append(AttachmentView(int(aid), str(name), str(kind), int(size)))
    may_read = access.can_read_sensitive(actor).allowed
    messages = [MessageView(int(mid), sid, str(name), str(inbox or ""), "" if sens and not may_read else str(body),
                            bool(sens), bool(sens) and not may_read, bool(auto), at, files[int(mid)])
                for mid, sid, name, inbox, body, sens, auto, at in rows]
    seats = Participant.filter(thread_id=thread_id, left_at__isnull=True)
    total = await seats.count()
    people = await seats.order_by("id").limit(PARTICIPANTS_NAMED).values_list(
        "person__first_name", "person__last_name", "inbox__name", "inbox__institution__name")
    names = [f"{f} {la}" if f is not None else f"{n} — {inst}" for f, la, n, inst in people]
    if may_read and any(m.sensitive for m in messages):
        await audit.record("messages.read_sensitive", audit.ALLOWED, actor=actor, detail=f"thread={thread_id}")
    async with committing(transaction) as outbox:
        if seat.unread:
            await Participant.filter(id=seat.id).update(unread=0)
            outbox.add(InboxChanged(actor.person_id, thread_id, seat.inbox_id))
            if seat.person_id is not None:
                await read_thread_notifications(outbox, actor.person_id, thread_id, now)
    answerable = total > 1 or any(m.sender_id not in (None, actor.person_id) or m.on_behalf_of for m in messages)
    return ThreadView(thread.id, thread.subject, names, messages, seat.muted, seat.folder_id,
                      any(m.hidden for m in messages), seat.inbox_id, total, answerable)
