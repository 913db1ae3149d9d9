"""A child's photo: stored under the data folder, published as a route only with the guardians' photo consent."""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from datetime import datetime
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.gdpr.consents import has_photo_consent
from domain.identity.model import Actor
from domain.organisation.children import child_facts
from domain.settings import DATA_DIR
from persistence.people import Person

MAX_BYTES = 5 * 1024 * 1024
TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


def photo_root() -> Path:
    """The photos folder; SAMMEN_DATA_DIR is read on every call so tests can point it elsewhere."""
    base = os.environ.get("SAMMEN_DATA_DIR")
    return (Path(base) if base else DATA_DIR) / "photos"


def sniff(data: bytes) -> str | None:
    """The file type by its first bytes (png, jpg, webp), whatever the file was called; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def stored_photo(child_id: int) -> Path | None:
    """The child's stored photo file, if there is one (the newest, should an old one linger)."""
    root = photo_root()
    if not root.is_dir():
        return None
    files = [p for p in root.glob(f"{int(child_id)}-*.*") if p.suffix[1:] in TYPES]
    return max(files, key=lambda p: p.stat().st_mtime_ns) if files else None


def route_for(child_id: int, path: Path) -> str:
    """The address pages use for a stored photo: the route, with its hash so a new photo is fetched anew."""
    return f"/foto/{child_id}?v={path.stem.partition('-')[2]}"


def published_url(child_id: int) -> str:
    """The photo address to publish on the child's record ("" when there is no stored photo)."""
    path = stored_photo(child_id)
    return route_for(child_id, path) if path else ""


def _write(child_id: int, data: bytes, ext: str) -> Path:
    root = photo_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"{child_id}-{hashlib.sha256(data).hexdigest()[:8]}.{ext}"
    # A temp file and an atomic rename: a reader sees no photo or the whole photo, never half of one.
    fd, temp = tempfile.mkstemp(dir=root, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    for old in root.glob(f"{child_id}-*.*"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def remove_files(child_id: int) -> None:
    """Delete every stored photo file of a child (for anonymisation; the caller clears Person.photo_url)."""
    root = photo_root()
    if root.is_dir():
        for old in root.glob(f"{int(child_id)}-*.*"):
            old.unlink(missing_ok=True)


async def _check_change(actor: Actor, child_id: int, now: datetime, action: str) -> None:
    if not await Person.exists(id=child_id, is_child=True, active=True):
        raise NotFound("error.not_found")
    facts = await child_facts(child_id, today_local(now))
    await audit.check(access.can_change_photo(actor, facts), actor, action, concerned_person_id=child_id)


async def do_set_photo(actor: Actor, *, child_id: int, data: bytes, now: datetime) -> str:
    """Store a JPEG, PNG or WebP photo of at most 5 MB; the record points at it only with photo consent."""
    await _check_change(actor, child_id, now, "photo.set")
    if len(data) > MAX_BYTES:
        raise DomainError("consents.photo.too_large", mb=MAX_BYTES // (1024 * 1024))
    ext = sniff(data)
    if ext is None:
        raise DomainError("consents.photo.bad_type")
    path = await asyncio.to_thread(_write, child_id, data, ext)
    url = route_for(child_id, path) if await has_photo_consent(child_id) else ""
    await Person.filter(id=child_id).update(photo_url=url)
    await audit.record("photo.set", audit.ALLOWED, actor=actor, concerned_person_id=child_id)
    return url


async def do_remove_photo(actor: Actor, *, child_id: int, now: datetime) -> None:
    """Delete the child's photo: the file and the address on the record."""
    await _check_change(actor, child_id, now, "photo.remove")
    await Person.filter(id=child_id).update(photo_url="")
    await asyncio.to_thread(remove_files, child_id)
    await audit.record("photo.remove", audit.ALLOWED, actor=actor, concerned_person_id=child_id)


def _servable(child_id: int) -> tuple[Path, str]:
    path = stored_photo(child_id)
    if path is None:
        raise NotFound("error.not_found")
    return path, TYPES[path.suffix[1:]]


async def fetch_photo(actor: Actor, child_id: int, *, now: datetime) -> tuple[Path, str]:
    """The photo file and its type, for those who may see the child, and only with photo consent."""
    facts = await child_facts(child_id, today_local(now))
    consent = await has_photo_consent(child_id)
    if not consent:
        raise NotFound("error.not_found")  # not audited: a stale page may still ask for a withdrawn photo
    await audit.check(access.can_see_photo(actor, facts, consent), actor, "photo.fetch", concerned_person_id=child_id)
    return _servable(child_id)


async def fetch_photo_for_screen(token: str, child_id: int, *, now: datetime) -> tuple[Path, str]:
    """The photo for a paired wall screen, for children of its own institution, with photo consent."""
    from domain.presence.kiosk import device_for

    device = await device_for(token, now=now)
    facts = await child_facts(child_id, today_local(now))
    if not access.can_screen_see_photo(device.institution_id, facts, await has_photo_consent(child_id)):
        raise NotFound("error.not_found")
    return _servable(child_id)


def has_stored_photo(child_id: int) -> bool:
    """Whether a photo of the child is stored (shown or not)."""
    return stored_photo(child_id) is not None
