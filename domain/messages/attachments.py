"""Attachments: images and PDF checked by their first bytes and name, stored by hash, fetched only by readers."""

from __future__ import annotations

import asyncio
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor
from domain.images import strip_metadata
from domain.messages import storage
from domain.messages.model import AttachmentView
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.messages import Attachment, Draft

MAX_BYTES = 10 * 1024 * 1024
LIMIT_TEXT = "10 MB"
NAME_MAX = 120
# Files uploaded while composing but never sent nor kept on a draft are dropped after this long.
STALE_AFTER = timedelta(days=1)

# content type -> (the extensions it may carry, the magic prefixes it starts with)
TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
    "image/gif": ((".gif",), (b"GIF87a", b"GIF89a")),
    "image/webp": ((".webp",), ()),  # RIFF....WEBP, checked in sniff()
    "application/pdf": ((".pdf",), (b"%PDF-",)),
}


def sniff(data: bytes) -> str | None:
    """The allowed content type the bytes start like, or None."""
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for content_type, (_, magics) in TYPES.items():
        if any(data.startswith(m) for m in magics):
            return content_type
    return None


def clean_filename(name: str) -> str:
    """The last path part, without control characters or leading dots, at most NAME_MAX characters."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().lstrip(".").strip()
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        ext = ext[:10] if dot and stem else ""
        base = (base if not ext else stem)[:NAME_MAX - len(ext) - 1].rstrip() + ("." + ext if ext else "")
    return base


def checked_upload(filename: str, data: bytes) -> tuple[str, str]:
    """The clean name and content type of an acceptable file, or the DomainError that explains the refusal."""
    if len(data) > MAX_BYTES:
        raise DomainError("messages.attachment_too_big", limit=LIMIT_TEXT)
    name = clean_filename(filename)
    stem, dot, ext = name.rpartition(".")
    if not data or not name or not dot or not stem.strip():
        raise DomainError("messages.attachment_invalid")
    content_type = sniff(data)
    if content_type is None or "." + ext.lower() not in TYPES[content_type][0]:
        raise DomainError("messages.attachment_type")
    return name, content_type


def view_of(row: Attachment) -> AttachmentView:
    """The read model of one attachment row."""
    return AttachmentView(row.id, row.filename, row.content_type, row.size)


async def do_upload(actor: Actor, *, filename: str, data: bytes, now: datetime,
                    draft_id: int | None = None) -> AttachmentView:
    """Check and store a file (pictures without metadata) for a message being written; do_send claims it by id."""
    check_typed_text(filename)
    name, content_type = checked_upload(filename, data)
    if content_type.startswith("image/"):
        # A photo's GPS position and camera data never reach the disk; the picture is turned upright.
        data = await asyncio.to_thread(strip_metadata, data)
    if draft_id is not None and not await Draft.filter(id=draft_id, author_id=actor.person_id).exists():
        raise NotFound("messages.draft_missing")
    sha = storage.digest(data)
    async with storage.files_lock():
        await storage.store(sha, data)
        try:
            row = await Attachment.create(uploader_id=actor.person_id, draft_id=draft_id, filename=name,
                                          content_type=content_type, size=len(data), sha256=sha, created_at=now)
        except Exception:
            if not await Attachment.filter(sha256=sha).exists():
                storage.remove(sha)
            raise
    return view_of(row)


async def fetch(actor: Actor, attachment_id: int) -> tuple[AttachmentView, Path]:
    """The attachment and its file, for its uploader while unsent or a reader of its thread; refusals audited."""
    from domain.messages.reading import check_reader

    row = await Attachment.filter(id=attachment_id).select_related("message").first()
    if row is None:
        raise NotFound("messages.attachment_missing")
    message = row.message
    if message is not None:
        # The reader check audits its own refusals and never reveals what the thread holds.
        await check_reader(actor, message.thread_id)
    decision = access.can_fetch_attachment(actor, uploader_id=row.uploader_id, sent=message is not None,
                                           sensitive=bool(message is not None and message.sensitive))
    await audit.check(decision, actor, "messages.fetch_attachment", concerned_person_id=row.uploader_id)
    path = storage.path_for(row.sha256)
    if not path.exists():
        raise NotFound("messages.attachment_missing")
    return view_of(row), path


async def do_discard_upload(actor: Actor, attachment_id: int, *, now: datetime) -> None:
    """Remove one of the actor's own unsent attachments, and its file when nothing else uses the same bytes."""
    row = await Attachment.get_or_none(id=attachment_id, message_id=None)
    if row is None:
        raise NotFound("messages.attachment_missing")
    decision = access.can_fetch_attachment(actor, uploader_id=row.uploader_id, sent=False, sensitive=False)
    await audit.check(decision, actor, "messages.discard_attachment", concerned_person_id=row.uploader_id)
    await discard_rows([row])


async def discard_rows(rows: list[Attachment]) -> None:
    """Delete unsent attachment rows and the files no remaining row points to."""
    if not rows:
        return
    hashes = {r.sha256 for r in rows}
    async with storage.files_lock():
        async with transaction():
            await Attachment.filter(id__in=[r.id for r in rows], message_id=None).delete()
        still_used = set(await Attachment.filter(sha256__in=hashes).values_list("sha256", flat=True))
        for sha in hashes - still_used:
            storage.remove(sha)


async def views_for_drafts(draft_ids: list[int]) -> dict[int, list[AttachmentView]]:
    """The unsent attachments of some drafts, by draft id, in one query."""
    result: dict[int, list[AttachmentView]] = {d: [] for d in draft_ids}
    if draft_ids:
        for row in await Attachment.filter(draft_id__in=draft_ids, message_id=None).order_by("id"):
            if row.draft_id is not None:
                result[row.draft_id].append(view_of(row))
    return result


async def do_purge_stale_uploads(*, now: datetime) -> int:
    """Delete unsent uploads on no draft that are older than STALE_AFTER, and their unused files (a daily job)."""
    rows = await Attachment.filter(message_id=None, draft_id=None, created_at__lt=now - STALE_AFTER)
    await discard_rows(rows)
    return len(rows)
