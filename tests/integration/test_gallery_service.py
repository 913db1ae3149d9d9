"""The gallery through its services, on SQLite and PostgreSQL: uploads, clean files, consent, access and audit."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.gallery import expiry, reading, service, storage
from domain.gallery.model import HELD, NO_CONSENT, PUBLISHED
from domain.gdpr import retention
from domain.gdpr.export import build_export
from domain.gdpr.retention_model import ALBUMS_DEFAULT, months_after
from domain.identity.model import Actor, Role
from domain.identity.service import current_actor
from persistence.audit import AuditEntry
from persistence.gallery import Album, Photo, PhotoTag
from persistence.gdpr import RetentionPolicy
from persistence.notifications import Notification
from tests.conftest import point_data_dir
from tests.factory import World, build_world
from tests.gallery_support import GPS_IFD, bad_files, camera_jpeg, decide_photo_consent


async def actor(person_id: int, role: str = "parent") -> Actor:
    """The actor as a request would rebuild it."""
    return await current_actor(person_id, role, "2", now=utcnow())


@pytest.fixture
async def world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """The small world, with its files in this test's folder."""
    point_data_dir(monkeypatch, tmp_path)
    return await build_world()


async def album_with_photo(world: World) -> tuple[Actor, int, int]:
    """Tina's album for 2.A with one photo: (Tina, album id, photo id)."""
    tina = await actor(world.teacher.id, "staff")
    album_id = await service.do_create_album(tina, title="Skovtur", group_id=world.class_2a.id, now=utcnow())
    added = await service.do_add_photos(tina, album_id, [("skov.jpg", camera_jpeg(900, 600))], now=utcnow())
    return tina, album_id, added.photo_ids[0]


async def test_a_batch_keeps_the_good_photo_and_refuses_each_bad_file_in_danish(world: World) -> None:
    tina = await actor(world.teacher.id, "staff")
    album_id = await service.do_create_album(tina, title="Skovtur", group_id=world.class_2a.id, now=utcnow())
    files = [("skov.jpg", camera_jpeg(), "")] + bad_files()
    added = await service.do_add_photos(tina, album_id, [(n, d) for n, d, _ in files], now=utcnow())
    assert len(added.photo_ids) == 1
    assert [(r.name, r.key) for r in added.refused] == [(n, k) for n, _, k in files[1:]]
    photo = await Photo.get(id=added.photo_ids[0])
    sizes = {}
    for kind, name in (("original", photo.original_file), ("display", photo.display_file),
                       ("thumb", photo.thumb_file)):
        path, _ = storage.path_of(name)
        with Image.open(path) as image:
            assert not image.getexif().get_ifd(GPS_IFD) and not image.getexif()  # no position, no camera
            sizes[kind] = image.size
    assert sizes == {"original": (2400, 1800), "display": (1600, 1200), "thumb": (320, 240)}
    assert "skov" not in photo.original_file  # stored under a random name, never the uploader's


async def test_new_photos_reach_the_guardians_of_the_group_in_the_notification_centre(world: World) -> None:
    await album_with_photo(world)
    told = set(await Notification.filter(category="gallery").values_list("person_id", flat=True))
    assert told == {world.guardian.id, world.other_guardian.id}  # not the former guardian, not the uploader


async def test_a_child_without_photo_consent_cannot_be_tagged_and_the_reason_is_given(world: World) -> None:
    tina, _, photo_id = await album_with_photo(world)
    with pytest.raises(DomainError) as refused:
        await service.do_tag_child(tina, photo_id, world.child.id, now=utcnow())
    assert (refused.value.key, refused.value.params) == ("gallery.tag.no_consent", {"name": "Anna"})
    assert await AuditEntry.exists(action="gallery.photo.tag", outcome="refused", concerned_person_id=world.child.id)


async def test_a_withdrawn_consent_hides_the_tagged_photo_at_once_until_staff_confirm(world: World) -> None:
    tina, album_id, photo_id = await album_with_photo(world)
    gitte, olga = await actor(world.guardian.id), await actor(world.other_guardian.id)
    await decide_photo_consent(gitte, world.child, True, utcnow())
    await service.do_tag_child(tina, photo_id, world.child.id, now=utcnow())
    page = await reading.album_page(olga, album_id, world.today, utcnow())
    assert [p.id for p in page.photos] == [photo_id] and page.photos[0].tags[0].name == "Anna Testesen"
    assert [p.id for p in await reading.my_childrens_photos(gitte, world.today, utcnow())] == [photo_id]

    await decide_photo_consent(gitte, world.child, False, utcnow())
    assert (await reading.album_page(olga, album_id, world.today, utcnow())).photos == ()
    assert await reading.my_childrens_photos(gitte, world.today, utcnow()) == []
    with pytest.raises(AccessDenied):
        await reading.fetch_photo(olga, photo_id, "original", world.today, utcnow())
    staff_view = await reading.album_page(tina, album_id, world.today, utcnow())
    assert [p.state for p in staff_view.photos] == [NO_CONSENT] and staff_view.album.waiting == 1

    await service.do_confirm_photo(tina, photo_id, now=utcnow())  # fine without the tag: shown again, untagged
    page = await reading.album_page(olga, album_id, world.today, utcnow())
    assert [(p.id, p.tags) for p in page.photos] == [(photo_id, ())]


async def test_a_photo_staff_hold_is_not_shown_until_confirmed_or_removed(world: World) -> None:
    tina, album_id, photo_id = await album_with_photo(world)
    olga = await actor(world.other_guardian.id)
    await service.do_hold_photo(tina, photo_id)
    assert (await Photo.get(id=photo_id)).state == HELD
    assert (await reading.album_page(olga, album_id, world.today, utcnow())).photos == ()
    assert (await reading.albums_for(olga, world.today, utcnow()))[0].photo_count == 0
    await service.do_confirm_photo(tina, photo_id, now=utcnow())
    assert (await Photo.get(id=photo_id)).state == PUBLISHED
    path, kind, _ = await reading.fetch_photo(olga, photo_id, "original", world.today, utcnow())
    assert kind == "image/jpeg" and path.is_file()
    assert await AuditEntry.exists(action="gallery.photo.download", actor_person_id=world.other_guardian.id)
    await service.do_remove_photo(tina, photo_id)
    assert not path.exists() and not await Photo.exists(id=photo_id)


async def test_guardians_see_their_groups_albums_and_everyone_else_is_refused_and_audited(world: World) -> None:
    tina, album_id, photo_id = await album_with_photo(world)
    gitte = await actor(world.guardian.id)
    assert [a.title for a in await reading.albums_for(gitte, world.today, utcnow())] == ["Skovtur"]
    fourteen = Actor(person_id=world.child.id, name="Anna", role=Role.CHILD, roles=frozenset({Role.CHILD}))
    former = Actor(person_id=world.former_guardian.id, name="Finn", role=Role.PARENT, roles=frozenset({Role.PARENT}))
    other_group = Actor(person_id=world.roleless.id, name="Rolf", role=Role.PARENT, roles=frozenset({Role.PARENT}),
                        guardian_of=frozenset({world.sibling.id}))  # a parent of Bien in the kindergarten only
    outsiders = [former, other_group, await actor(world.ppr.id, "ppr"), await actor(world.leader.id, "leader"),
                 fourteen]
    for outsider in outsiders:
        assert await reading.albums_for(outsider, world.today, utcnow()) == []
        with pytest.raises(AccessDenied):
            await reading.album_page(outsider, album_id, world.today, utcnow())
        with pytest.raises(AccessDenied):
            await reading.fetch_photo(outsider, photo_id, "original", world.today, utcnow())
    refused = await AuditEntry.filter(action="gallery.photo.fetch", outcome="refused").count()
    assert refused == len(outsiders)
    lis = await actor(world.leader.id, "leader")
    with pytest.raises(AccessDenied):
        await service.do_add_photos(lis, album_id, [("x.jpg", camera_jpeg(100, 100))], now=utcnow())
    with pytest.raises(AccessDenied):
        await service.do_create_album(gitte, title="Mit album", group_id=world.class_2a.id, now=utcnow())


async def test_an_expired_album_is_gone_for_everyone(world: World) -> None:
    tina, album_id, _ = await album_with_photo(world)
    later = months_after(utcnow(), 2 * ALBUMS_DEFAULT)
    assert await reading.albums_for(tina, world.today, later) == []


async def test_images_are_not_decoded_on_the_event_loop(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    loop_thread = threading.get_ident()
    seen: list[int] = []
    original = service.images.prepare

    def spy(data: bytes) -> object:
        seen.append(threading.get_ident())
        return original(data)

    monkeypatch.setattr(service.images, "prepare", spy)
    tina, _, _ = await album_with_photo(world)
    assert seen and all(t != loop_thread for t in seen)


async def test_an_album_title_is_required_and_bounded(world: World) -> None:
    tina = await actor(world.teacher.id, "staff")
    for title, key in (("  ", "gallery.album.title_missing"), ("x" * 121, "gallery.album.title_too_long")):
        with pytest.raises(DomainError) as refused:
            await service.do_create_album(tina, title=title, group_id=world.class_2a.id, now=utcnow())
        assert refused.value.key == key


async def test_an_expired_album_is_deleted_with_its_photos_tags_and_files(world: World) -> None:
    tina, album_id, photo_id = await album_with_photo(world)
    await decide_photo_consent(await actor(world.guardian.id), world.child, True, utcnow())
    await service.do_tag_child(tina, photo_id, world.child.id, now=utcnow())
    kept = await service.do_create_album(tina, title="Ny", group_id=world.class_2a.id, now=utcnow())
    photo = await Photo.get(id=photo_id)
    path, _ = storage.path_of(photo.original_file)
    assert await expiry.do_purge_expired_albums(now=utcnow()) == 0
    await Album.filter(id=album_id).update(expires_at=utcnow())
    assert await expiry.do_purge_expired_albums(now=utcnow()) == 1
    assert not path.exists() and not await Photo.exists(id=photo_id) and not await PhotoTag.exists(photo_id=photo_id)
    assert await Album.exists(id=kept)


async def test_albums_are_kept_by_the_municipalitys_rule_and_a_changed_rule_moves_the_existing_ones(
        world: World) -> None:
    now = utcnow()
    tina, album_id, photo_id = await album_with_photo(world)
    first = await Album.get(id=album_id)
    assert first.expires_at == months_after(first.created_at, ALBUMS_DEFAULT)
    admin = await actor(world.admin.id, "admin")
    for bad in (0, 121):
        with pytest.raises(DomainError) as refused:
            await retention.do_set_policy(admin, messages_months=None, presence_months=None,
                                          anonymise_after_months=None, albums_months=bad, now=now)
        assert refused.value.key == "retention.error.albums_range"
    assert not await RetentionPolicy.exists() and (await Album.get(id=album_id)).expires_at == first.expires_at

    view = await retention.do_set_policy(admin, messages_months=None, presence_months=None,
                                         anonymise_after_months=None, albums_months=6, now=now)
    assert view.albums_months == 6
    moved = await Album.get(id=album_id)
    assert moved.expires_at == months_after(moved.created_at, 6)
    newer = await service.do_create_album(tina, title="Ny", group_id=world.class_2a.id, now=now)
    assert (await Album.get(id=newer)).expires_at == months_after(now, 6)
    # Saving the other rules without the albums rule leaves it as it is.
    kept = await retention.do_set_policy(admin, messages_months=24, presence_months=None,
                                         anonymise_after_months=None, now=now)
    assert kept.albums_months == 6

    assert await expiry.do_purge_expired_albums(now=months_after(now, 5)) == 0
    assert await expiry.do_purge_expired_albums(now=months_after(moved.created_at, 6)) == 2
    assert not await Photo.exists(id=photo_id)


async def test_a_guardian_reports_a_photo_and_it_is_hidden_until_staff_confirm(world: World) -> None:
    tina, album_id, photo_id = await album_with_photo(world)
    gitte, olga = await actor(world.guardian.id), await actor(world.other_guardian.id)
    with pytest.raises(DomainError) as refused:
        await service.do_report_photo(gitte, photo_id, reason="  ", now=utcnow())
    assert refused.value.key == "gallery.report.reason_empty"
    await service.do_report_photo(gitte, photo_id, reason="Min søn er med, vi har ikke givet samtykke", now=utcnow())
    assert (await reading.album_page(olga, album_id, world.today, utcnow())).photos == ()
    seen = (await reading.album_page(tina, album_id, world.today, utcnow())).photos[0]
    assert (seen.state, seen.held_reason) == (HELD, "Min søn er med, vi har ikke givet samtykke")
    entry = await AuditEntry.filter(action="gallery.photo.report").first()
    assert entry is not None and "søn" not in entry.detail
    with pytest.raises(AccessDenied):
        await service.do_report_photo(await actor(world.ppr.id, "ppr"), photo_id, reason="x", now=utcnow())
    await service.do_confirm_photo(tina, photo_id, now=utcnow())
    assert [p.id for p in (await reading.album_page(olga, album_id, world.today, utcnow())).photos] == [photo_id]


async def test_the_data_export_says_where_a_child_is_tagged_and_what_staff_uploaded(world: World) -> None:
    tina, _, photo_id = await album_with_photo(world)
    gitte = await actor(world.guardian.id)
    await decide_photo_consent(gitte, world.child, True, utcnow())
    await service.do_tag_child(tina, photo_id, world.child.id, now=utcnow())
    with zipfile.ZipFile(io.BytesIO(await build_export(gitte, world.guardian.id, now=utcnow()))) as archive:
        child = json.loads(archive.read(next(n for n in archive.namelist()
                                             if n.startswith("children/Anna") and n.endswith("gallery.json"))))
    assert [(t["photo"], t["album"]) for t in child["tagged_in"]] == [(photo_id, "Skovtur")]
    with zipfile.ZipFile(io.BytesIO(await build_export(tina, world.teacher.id, now=utcnow()))) as archive:
        own = json.loads(archive.read("gallery.json"))
    assert [p["file_name"] for p in own["photos_uploaded"]] == ["skov.jpg"]
