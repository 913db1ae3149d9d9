"""Stored pictures lose their metadata: children's photos and image attachments kept before uploads were cleaned."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from domain import files
from domain.errors import DomainError
from domain.gdpr.photo_files import TYPES as PHOTO_TYPES
from domain.gdpr.photo_files import photo_root
from domain.images import has_metadata, strip_metadata
from domain.messages import storage
from persistence.db import transaction
from persistence.messages import Attachment

log = logging.getLogger("sammen.images")


@dataclass
class StripReport:
    """How many stored pictures were cleaned, and how many could not be read (left as they were)."""

    photos: int = 0
    attachments: int = 0
    unreadable: int = 0


def _clean(path: Path) -> bytes | None:
    """The file's bytes without metadata, or None when it has none (or cannot be read as a picture)."""
    data = path.read_bytes()
    if not has_metadata(data):
        return None
    return strip_metadata(data)


def strip_photos(report: StripReport) -> None:
    """Rewrite every stored child photo that still carries metadata, in place."""
    root = photo_root()
    if not root.is_dir():
        return
    for path in sorted(root.glob("*-*.*")):
        if path.suffix[1:] not in PHOTO_TYPES or path.name.startswith("."):
            continue
        try:
            clean = _clean(path)
        except DomainError:
            report.unreadable += 1
            log.warning("a stored photo could not be read as a picture: %s", path.name)
            continue
        if clean is not None:
            # The name keeps its old hash: it only tells browsers when a photo was replaced, and the route is the same.
            files.write_atomic(path, clean, prefix=".strip-")  # the old picture or the new one
            report.photos += 1


async def strip_attachments(report: StripReport) -> None:
    """Rewrite every image attachment that still carries metadata under its new hash, and point its rows there."""
    hashes = await Attachment.filter(content_type__startswith="image/").distinct().values_list("sha256", flat=True)
    for sha in sorted(set(hashes)):
        path = storage.path_for(str(sha))
        if not path.exists():
            continue
        try:
            clean = await asyncio.to_thread(_clean, path)
        except DomainError:
            report.unreadable += 1
            log.warning("a stored attachment could not be read as a picture: %s", sha)
            continue
        if clean is None:
            continue
        new_sha = storage.digest(clean)
        async with storage.files_lock():
            await storage.store(new_sha, clean)
            async with transaction():
                await Attachment.filter(sha256=sha).update(sha256=new_sha, size=len(clean))
            storage.remove(str(sha))
        report.attachments += 1


async def do_strip_stored_metadata() -> StripReport:
    """Clean every stored picture that still carries metadata; running it again changes nothing."""
    report = StripReport()
    await asyncio.to_thread(strip_photos, report)
    await strip_attachments(report)
    return report
