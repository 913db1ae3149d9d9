"""Reading the gallery: the albums a person may see, a page of an album, their own child's photos, one photo file."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.gallery import storage
from domain.gallery.model import PAGE_SIZE, PUBLISHED, AlbumCard, AlbumPage, PhotoCard, Tag, state_of
from domain.gallery.reach import consented, family_places, names_of, reaches, taggable
from domain.identity.model import Actor, Role
from persistence.gallery import Album, Photo, PhotoTag
from persistence.organisation import Group, Institution
from persistence.queries import ints

STAFF = (Role.STAFF, Role.LEADER)
Places = tuple[frozenset[int], frozenset[int]]


async def _tags_of(photo_ids: list[int]) -> dict[int, list[int]]:
    rows = await PhotoTag.filter(photo_id__in=photo_ids).values_list("photo_id", "child_id") if photo_ids else []
    out: dict[int, list[int]] = defaultdict(list)
    for photo_id, child_id in rows:
        out[int(photo_id)].append(int(child_id))
    return out


async def _places_of(albums: list[Album]) -> dict[int, str]:
    groups = dict(await Group.filter(id__in=sorted({a.group_id for a in albums if a.group_id})).values_list(
        "id", "name"))
    insts = dict(await Institution.filter(id__in=sorted({a.institution_id for a in albums})).values_list(
        "id", "name"))
    return {a.id: str(groups.get(a.group_id) if a.group_id else insts.get(a.institution_id, "")) for a in albums}


async def _visible_albums(actor: Actor, today: date, now: datetime) -> tuple[list[Album], Places]:
    live = Album.filter(expires_at__gt=now)
    if actor.role in STAFF:
        mine = actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions
        return await live.filter(institution_id__in=sorted(mine)).order_by("-created_at", "-id"), (
            frozenset(), frozenset())
    if actor.role is not Role.PARENT:
        return [], (frozenset(), frozenset())
    places = await family_places(actor.guardian_of, today)
    institutions, groups = places
    candidates = await live.filter(institution_id__in=sorted(institutions)).order_by("-created_at", "-id")
    return [a for a in candidates if reaches(a, places)], places


async def albums_for(actor: Actor, today: date, now: datetime) -> list[AlbumCard]:
    """The albums the actor may see, newest first, with the count of photos they may see and a cover."""
    albums, _ = await _visible_albums(actor, today, now)
    if not albums:
        return []
    rows = await Photo.filter(album_id__in=[a.id for a in albums]).order_by("id").values_list(
        "id", "album_id", "state")
    tags = await _tags_of([int(r[0]) for r in rows])
    ok = await consented({c for kids in tags.values() for c in kids})
    staff = actor.role in STAFF
    count: dict[int, int] = defaultdict(int)
    waiting: dict[int, int] = defaultdict(int)
    cover: dict[int, int] = {}
    for photo_id, album_id, stored in rows:
        state = state_of(str(stored), tags.get(int(photo_id), []), ok)
        if state != PUBLISHED:
            waiting[int(album_id)] += 1
            if not staff:
                continue
        count[int(album_id)] += 1
        cover.setdefault(int(album_id), int(photo_id))
    places = await _places_of(albums)
    return [AlbumCard(a.id, a.title, places[a.id], a.institution_id, a.group_id, a.created_at, a.expires_at,
                      count[a.id], cover.get(a.id), waiting[a.id] if staff else 0) for a in albums]


async def _album_for_reader(actor: Actor, album_id: int, today: date, now: datetime) -> tuple[Album, bool]:
    album = await Album.get_or_none(id=album_id, expires_at__gt=now)
    if album is None:
        raise NotFound("error.not_found")
    reached = actor.role is Role.PARENT and reaches(album, await family_places(actor.guardian_of, today))
    await audit.check(access.can_see_album(actor, album.institution_id, reached), actor, "gallery.album.view",
                      audit_allowed=True)
    return album, actor.role in STAFF


async def album_page(actor: Actor, album_id: int, today: date, now: datetime, *, offset: int = 0,
                     limit: int = PAGE_SIZE) -> AlbumPage:
    """One page of an album's photos (staff see those waiting too); the access decision is audited."""
    album, manage = await _album_for_reader(actor, album_id, today, now)
    rows = await Photo.filter(album_id=album.id).order_by("id").values_list(
        "id", "caption", "uploaded_at", "state", "held_reason")
    tags = await _tags_of([int(r[0]) for r in rows])
    ok = await consented({c for kids in tags.values() for c in kids})
    cards = [(int(i), str(cap), at, state_of(str(st), tags.get(int(i), []), ok), str(why))
             for i, cap, at, st, why in rows]
    if not manage:
        cards = [c for c in cards if c[3] == PUBLISHED]
    window = cards[max(0, offset):max(0, offset) + max(1, limit)]
    names = await names_of({c for i, *_ in window for c in tags.get(i, [])})
    photos = tuple(PhotoCard(i, album.id, cap, at, st, tuple(Tag(c, names.get(c, "")) for c in tags.get(i, [])),
                             why if manage else "")
                   for i, cap, at, st, why in window)
    place = (await _places_of([album]))[album.id]
    card = AlbumCard(album.id, album.title, place, album.institution_id, album.group_id, album.created_at,
                     album.expires_at, len(cards), cards[0][0] if cards else None,
                     sum(1 for c in cards if c[3] != PUBLISHED) if manage else 0)
    return AlbumPage(card, manage, photos, len(cards), offset, await taggable(album, today) if manage else ())


async def my_childrens_photos(actor: Actor, today: date, now: datetime) -> list[PhotoCard]:
    """"Billeder af mit barn": shown photos where the guardian's own children are tagged, across albums."""
    if actor.role is not Role.PARENT or not actor.guardian_of:
        return []
    own = sorted(actor.guardian_of)
    photo_ids = sorted(set(ints(await PhotoTag.filter(child_id__in=own).values_list("photo_id", flat=True))))
    rows = await Photo.filter(id__in=photo_ids, state=PUBLISHED, album__expires_at__gt=now).order_by(
        "-uploaded_at", "-id").values_list("id", "album_id", "caption", "uploaded_at") if photo_ids else []
    tags = await _tags_of([int(r[0]) for r in rows])
    ok = await consented({c for kids in tags.values() for c in kids})
    names = await names_of({c for kids in tags.values() for c in kids})
    out = [PhotoCard(int(i), int(a), str(cap), at, PUBLISHED, tuple(Tag(c, names.get(c, "")) for c in tags[int(i)]))
           for i, a, cap, at in rows if state_of(PUBLISHED, tags.get(int(i), []), ok) == PUBLISHED]
    await audit.record_reads(actor, "gallery.child_photos.view", [c for c in own if c in ok])
    return out


async def check_photo(actor: Actor, photo_id: int, today: date, now: datetime,
                      action: str) -> tuple[Photo, list[int]]:
    """The photo and its tagged children, when the actor may see it now (refusals audited)."""
    photo = await Photo.get_or_none(id=photo_id, album__expires_at__gt=now).prefetch_related("album")
    if photo is None:
        raise NotFound("error.not_found")
    album: Album = photo.album
    tagged = (await _tags_of([photo.id])).get(photo.id, [])
    shown = state_of(photo.state, tagged, await consented(tagged)) == PUBLISHED
    reached = own_tagged = False
    if actor.role is Role.PARENT:
        reached = reaches(album, await family_places(actor.guardian_of, today))
        own_tagged = bool(actor.guardian_of & set(tagged))
    decision = access.can_see_gallery_photo(actor, album.institution_id, reached, shown, own_tagged)
    await audit.check(decision, actor, action)
    return photo, tagged


async def fetch_photo(actor: Actor, photo_id: int, size: str, today: date, now: datetime) -> tuple[Path, str, str]:
    """The file of one photo in one size for a reader the policy allows, checked again on every request."""
    photo, tagged = await check_photo(actor, photo_id, today, now, "gallery.photo.fetch")
    name = {"thumb": photo.thumb_file, "display": photo.display_file}.get(size, photo.original_file)
    path, kind = storage.path_of(name)
    if size == "original":  # a download is a copy leaving Sammen: logged for each child in it
        if tagged:
            await audit.record_reads(actor, "gallery.photo.download", tagged, detail=f"photo={photo.id}")
        else:
            await audit.record("gallery.photo.download", audit.ALLOWED, actor=actor, detail=f"photo={photo.id}")
    return path, kind, f"sammen-foto-{photo.id}{path.suffix}"
