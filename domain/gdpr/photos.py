"""A child's photo: stored under the data folder, published as a route only with the guardians' photo consent."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.gdpr.consents import has_photo_consent
from domain.gdpr.photo_files import (
    TYPES,
    remove_files,
    route_for,
    sniff,
    stored_photo,
    write_photo,
)
from domain.identity.model import Actor
from domain.images import strip_metadata
from domain.organisation.children import child_facts
from persistence.people import Person

MAX_BYTES = 5 * 1024 * 1024


async def _check_change(actor: Actor, child_id: int, now: datetime, action: str) -> None:
    if not await Person.exists(id=child_id, is_child=True, active=True):
        raise NotFound("error.not_found")
    facts = await child_facts(child_id, today_local(now))
    await audit.check(access.can_change_photo(actor, facts), actor, action, concerned_person_id=child_id)


async def do_set_photo(actor: Actor, *, child_id: int, data: bytes, now: datetime) -> str:
    """Store a JPEG, PNG or WebP photo of at most 5 MB without its metadata; shown only with photo consent."""
    await _check_change(actor, child_id, now, "photo.set")
    if len(data) > MAX_BYTES:
        raise DomainError("consents.photo.too_large", mb=MAX_BYTES // (1024 * 1024))
    ext = sniff(data)
    if ext is None:
        raise DomainError("consents.photo.bad_type")
    # The GPS position and the rest of the camera's metadata never reach the disk; the picture is turned upright.
    data = await asyncio.to_thread(strip_metadata, data)
    path = await asyncio.to_thread(write_photo, child_id, data, ext)
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


def servable(child_id: int) -> tuple[Path, str]:
    """The stored photo's path and media type, or NotFound when none is stored."""
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
    return servable(child_id)


def has_stored_photo(child_id: int) -> bool:
    """Whether a photo of the child is stored (shown or not)."""
    return stored_photo(child_id) is not None
