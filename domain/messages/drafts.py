"""Drafts: a message being written, saved as the author types, seen only by its author."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.errors import DomainError, NotFound
from domain.identity.model import Actor
from domain.messages.attachments import discard_rows, views_for_drafts
from domain.messages.model import BODY_MAX, SUBJECT_MAX, AttachmentView, RecipientChoice
from domain.text import check_typed_text
from persistence.messages import Attachment, Draft

RECIPIENTS_MAX = 500
KEY_MAX = 40


@dataclass(frozen=True)
class DraftView:
    """A draft as its author reopens it."""

    id: int
    thread_id: int | None
    subject: str
    body: str
    recipient_keys: list[str]
    sensitive: bool
    updated_at: datetime
    attachments: list[AttachmentView] = field(default_factory=list)


def checked_draft(subject: str, body: str, recipient_keys: list[str]) -> list[str]:
    """Refuse over-long text or malformed recipient keys; returns the keys without repeats, in order."""
    if len(subject) > SUBJECT_MAX:
        raise DomainError("messages.too_long", field="subject", max=SUBJECT_MAX)
    if len(body) > BODY_MAX:
        raise DomainError("messages.too_long", field="body", max=BODY_MAX)
    keys = list(dict.fromkeys(recipient_keys))
    if len(keys) > RECIPIENTS_MAX:
        raise DomainError("messages.too_many_recipients", max=RECIPIENTS_MAX)
    for key in keys:
        try:
            if len(key) > KEY_MAX:
                raise ValueError(key)
            RecipientChoice.parse_key(key)
        except ValueError:
            raise DomainError("messages.bad_recipient") from None
    return keys


async def do_save_draft(actor: Actor, *, draft_id: int | None, thread_id: int | None, subject: str, body: str,
                        recipient_keys: list[str], sensitive: bool, now: datetime) -> int:
    """Create or update the actor's own draft in one query (plus a reader check when a reply draft is created)."""
    check_typed_text(subject, body)
    keys = checked_draft(subject, body, recipient_keys)
    values: dict[str, Any] = {"subject": subject, "body": body, "recipients": keys, "sensitive": sensitive,
                              "updated_at": now}
    if draft_id is not None:
        # The thread of an existing draft is fixed when it is created, so saving needs no reader check.
        if not await Draft.filter(id=draft_id, author_id=actor.person_id).update(**values):
            raise NotFound("messages.draft_missing")
        return draft_id
    if thread_id is not None:
        from domain.messages.reading import check_reader

        await check_reader(actor, thread_id)
    draft = await Draft.create(author_id=actor.person_id, thread_id=thread_id, **values)
    return int(draft.id)


def _view(draft: Draft, attachments: list[AttachmentView]) -> DraftView:
    return DraftView(draft.id, draft.thread_id, draft.subject, draft.body, [str(k) for k in draft.recipients or []],
                     draft.sensitive, draft.updated_at, attachments)


async def list_drafts(actor: Actor) -> list[DraftView]:
    """The actor's drafts, newest first, with their attachments (two queries)."""
    drafts = await Draft.filter(author_id=actor.person_id).order_by("-updated_at", "-id")
    files = await views_for_drafts([d.id for d in drafts])
    return [_view(d, files[d.id]) for d in drafts]


async def load_draft(actor: Actor, draft_id: int) -> DraftView:
    """One of the actor's own drafts, or NotFound."""
    draft = await Draft.get_or_none(id=draft_id, author_id=actor.person_id)
    if draft is None:
        raise NotFound("messages.draft_missing")
    return _view(draft, (await views_for_drafts([draft.id]))[draft.id])


async def do_delete_draft(actor: Actor, draft_id: int, *, now: datetime) -> None:
    """Delete one of the actor's own drafts and the files uploaded for it that were never sent."""
    draft = await Draft.get_or_none(id=draft_id, author_id=actor.person_id)
    if draft is None:
        raise NotFound("messages.draft_missing")
    await discard_rows(await Attachment.filter(draft_id=draft.id, message_id=None))
    await draft.delete()
