"""Gallery use cases: staff create albums, add photos (checked, resized, clean), caption, tag, confirm and remove."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.gallery import images, storage
from domain.gallery.model import HELD, NO_CONSENT_REASON, PUBLISHED, REPORT_MAX, Added, Refused
from domain.gallery.notify import notify_new_photos
from domain.gallery.reach import album_children, consented, names_of
from domain.gallery.reading import check_photo
from domain.gdpr.retention import album_months
from domain.gdpr.retention_model import months_after
from domain.identity.model import Actor
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.gallery import Album, Photo, PhotoTag
from persistence.organisation import Group
from persistence.queries import ints

TITLE_MAX, CAPTION_MAX, NAME_MAX = 120, 500, 200


async def _managed_album(actor: Actor, album_id: int, action: str) -> Album:
    album = await Album.get_or_none(id=album_id)
    if album is None:
        raise NotFound("error.not_found")
    await audit.check(access.can_manage_album(actor, album.institution_id), actor, action)
    return album


async def _managed_photo(actor: Actor, photo_id: int, action: str) -> tuple[Photo, Album]:
    photo = await Photo.get_or_none(id=photo_id).prefetch_related("album")
    if photo is None:
        raise NotFound("error.not_found")
    await audit.check(access.can_manage_album(actor, photo.album.institution_id), actor, action)
    return photo, photo.album


async def do_create_album(actor: Actor, *, title: str, now: datetime, group_id: int | None = None,
                          institution_id: int | None = None) -> int:
    """An album for one group, or for a whole institution; returns its id."""
    text = (title or "").strip()
    check_typed_text(text)
    if not text:
        raise DomainError("gallery.album.title_missing")
    if len(text) > TITLE_MAX:
        raise DomainError("gallery.album.title_too_long", max=TITLE_MAX)
    if group_id is not None:
        group = await Group.get_or_none(id=group_id)
        if group is None:
            raise NotFound("error.not_found")
        if group.institution_id is None:
            raise DomainError("gallery.album.cross_group")  # a cross-institution group has no one album owner
        institution_id = group.institution_id
    if institution_id is None:
        raise DomainError("gallery.album.place_missing")
    await audit.check(access.can_manage_album(actor, institution_id), actor, "gallery.album.create")
    # The municipality's retention rule for albums (24 months unless its admin chose); a later change moves it.
    expires = months_after(now, await album_months(institution_id))
    album = await Album.create(institution_id=institution_id, group_id=group_id, title=text,
                               created_by_id=actor.person_id, created_at=now, expires_at=expires)
    await audit.record("gallery.album.create", audit.ALLOWED, actor=actor, detail=f"album={album.id}")
    return album.id


async def do_add_photos(actor: Actor, album_id: int, uploads: Sequence[tuple[str, bytes]], *,
                        now: datetime) -> Added:
    """Store each good file of a batch (checked by content, resized, without EXIF); a bad one is refused alone."""
    album = await _managed_album(actor, album_id, "gallery.photo.add")
    stored: list[tuple[str, tuple[str, str, str], images.Prepared]] = []
    refused: list[Refused] = []
    for name, data in uploads:
        shown_name = (name or "").strip()[:NAME_MAX]
        try:
            images.check_upload(data)  # the cheap refusals before a thread decodes anything
            # Decoding and resizing take a second of CPU each: in a thread, so no other page waits for them.
            prepared = await asyncio.to_thread(images.prepare, data)
            names = await asyncio.to_thread(storage.store, album.id, prepared)
        except DomainError as error:
            refused.append(Refused(shown_name, error.key, dict(error.params)))
            continue
        stored.append((shown_name, names, prepared))
    ids: list[int] = []
    if stored:
        try:
            async with committing(transaction) as outbox:
                for shown_name, (original, display, thumb), prepared in stored:
                    photo = await Photo.create(album_id=album.id, original_file=original, display_file=display,
                                               thumb_file=thumb, original_name=shown_name, width=prepared.width,
                                               height=prepared.height, uploaded_by_id=actor.person_id,
                                               uploaded_at=now, state=PUBLISHED)
                    ids.append(photo.id)
                await notify_new_photos(outbox, album, uploader_id=actor.person_id, day=today_local(now), now=now)
        except BaseException:
            await asyncio.to_thread(storage.remove, [n for _, names, _ in stored for n in names])
            raise
        await audit.record("gallery.photo.add", audit.ALLOWED, actor=actor,
                           detail=f"album={album.id} added={len(ids)} refused={len(refused)}")
    return Added(tuple(ids), tuple(refused))


async def do_set_caption(actor: Actor, photo_id: int, caption: str) -> None:
    """Change a photo's caption."""
    text = (caption or "").strip()
    check_typed_text(text)
    if len(text) > CAPTION_MAX:
        raise DomainError("gallery.caption.too_long", max=CAPTION_MAX)
    photo, _ = await _managed_photo(actor, photo_id, "gallery.photo.caption")
    await Photo.filter(id=photo.id).update(caption=text)


async def do_tag_child(actor: Actor, photo_id: int, child_id: int, *, now: datetime) -> None:
    """Tag a child of the album's group in a photo; refused with the reason when the child has no photo consent."""
    photo, album = await _managed_photo(actor, photo_id, "gallery.photo.tag")
    if child_id not in await album_children(album, today_local(now)):
        raise DomainError("gallery.tag.not_in_album")
    if child_id not in await consented([child_id]):
        name = (await names_of([child_id])).get(child_id, "")
        await audit.record("gallery.photo.tag", audit.REFUSED, actor=actor, concerned_person_id=child_id,
                           detail="no_photo_consent")
        raise DomainError("gallery.tag.no_consent", name=name.split(" ")[0])
    if not await PhotoTag.exists(photo_id=photo.id, child_id=child_id):
        await PhotoTag.create(photo_id=photo.id, child_id=child_id, tagged_by_id=actor.person_id, tagged_at=now)
    await audit.record("gallery.photo.tag", audit.ALLOWED, actor=actor, concerned_person_id=child_id,
                       detail=f"photo={photo.id}")


async def do_untag_child(actor: Actor, photo_id: int, child_id: int) -> None:
    """Remove a child's tag from a photo."""
    photo, _ = await _managed_photo(actor, photo_id, "gallery.photo.untag")
    await PhotoTag.filter(photo_id=photo.id, child_id=child_id).delete()
    await audit.record("gallery.photo.untag", audit.ALLOWED, actor=actor, concerned_person_id=child_id,
                       detail=f"photo={photo.id}")


async def do_hold_photo(actor: Actor, photo_id: int) -> None:
    """A staff member says a child without photo consent is in the photo: guardians no longer see it."""
    photo, _ = await _managed_photo(actor, photo_id, "gallery.photo.hold")
    await Photo.filter(id=photo.id).update(state=HELD, held_reason=NO_CONSENT_REASON)
    await audit.record("gallery.photo.hold", audit.ALLOWED, actor=actor, detail=f"photo={photo.id}")


async def do_confirm_photo(actor: Actor, photo_id: int, *, now: datetime) -> None:
    """A staff member confirms the photo is fine: tags of children without consent go, and it is shown again."""
    photo, _ = await _managed_photo(actor, photo_id, "gallery.photo.confirm")
    tagged = ints(await PhotoTag.filter(photo_id=photo.id).values_list("child_id", flat=True))
    ok = await consented(tagged)
    async with transaction():
        await PhotoTag.filter(photo_id=photo.id, child_id__in=[c for c in tagged if c not in ok]).delete()
        await Photo.filter(id=photo.id).update(state=PUBLISHED, held_reason="", confirmed_by_id=actor.person_id,
                                               confirmed_at=now)
    await audit.record("gallery.photo.confirm", audit.ALLOWED, actor=actor, detail=f"photo={photo.id}")


async def do_remove_photo(actor: Actor, photo_id: int) -> None:
    """Delete a photo: its row, its tags and its three files."""
    photo, _ = await _managed_photo(actor, photo_id, "gallery.photo.remove")
    names = [photo.original_file, photo.display_file, photo.thumb_file]
    async with transaction():
        await PhotoTag.filter(photo_id=photo.id).delete()
        await Photo.filter(id=photo.id).delete()
    await asyncio.to_thread(storage.remove, names)
    await audit.record("gallery.photo.remove", audit.ALLOWED, actor=actor, detail=f"photo={photo.id}")


async def do_report_photo(actor: Actor, photo_id: int, *, reason: str, now: datetime) -> None:
    """Anmeld indhold: a guardian who sees the photo reports it; it is hidden at once until staff confirm or delete."""
    text = (reason or "").strip()
    check_typed_text(text)
    if not text:
        raise DomainError("gallery.report.reason_empty")
    if len(text) > REPORT_MAX:
        raise DomainError("gallery.report.reason_too_long", max=REPORT_MAX)
    photo, _ = await check_photo(actor, photo_id, today_local(now), now, "gallery.photo.report")
    await Photo.filter(id=photo.id).update(state=HELD, held_reason=text)
    # The reason is the guardian's own words: shown to staff on the photo, never copied into the log.
    await audit.record("gallery.photo.report", audit.ALLOWED, actor=actor, detail=f"photo={photo.id}")
