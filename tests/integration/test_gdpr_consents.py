"""Samtykker and the child's photo over SQLite and PostgreSQL: decisions, access, and consent on the photo route."""

from __future__ import annotations

import asyncio
import struct
import zlib
from pathlib import Path

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.events import Event, bus
from domain.gdpr import consents, photos
from domain.gdpr.consents import PHOTO_KEY, ConsentChanged
from domain.identity.model import Role
from domain.organisation.children import children_of_guardian
from domain.organisation.model import MunicipalRole
from domain.presence import board, kiosk
from persistence.audit import AuditEntry
from persistence.gdpr import ChildConsent
from persistence.people import MunicipalAssignment, Person
from tests.conftest import point_data_dir
from tests.factory import person
from tests.presence_world import DAY, NOW, PresenceWorld, actor, build_presence_world


def tiny_png() -> bytes:
    """A valid one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x80\x00")) + chunk(b"IEND", b""))


@pytest.fixture
async def world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PresenceWorld:
    point_data_dir(monkeypatch, tmp_path / "data")
    return await build_presence_world()


async def _photo_type(w: PresenceWorld) -> int:
    facts = await consents.family_consents(w.parent, NOW)
    return next(t.id for t in facts[0].types if t.key == PHOTO_KEY)


async def test_three_default_types_exist_and_nothing_is_given_until_a_guardian_decides(world: PresenceWorld) -> None:
    family = await consents.family_consents(world.parent, NOW)
    await consents.family_consents(world.parent, NOW)  # creating the defaults twice makes no duplicates
    assert [c.first_name for c in family] == ["Ida", "Oscar", "Freja"]
    assert [t.key for t in family[0].types] == ["foto_sammen", "foto_offentlig", "navn_lister"]
    assert all(not c.given for c in family)
    # Ida's only consent is KommeGå's "må gå hjem selv" (tests/presence_world.py), kept with the others.
    assert await consents.given_keys([world.oscar.id, world.ida.id]) == {world.oscar.id: set(),
                                                                         world.ida.id: {"gaa_hjem_selv"}}


async def test_a_guardian_gives_and_withdraws_and_open_staff_pages_hear_of_it(world: PresenceWorld) -> None:
    heard: list[Event] = []
    sub = bus.subscribe(f"consent-inst:{world.bfo.id}", heard.append)
    try:
        type_id = await _photo_type(world)
        await consents.do_decide(world.parent, child_id=world.oscar.id, consent_type_id=type_id, given=True, now=NOW)
        assert await consents.given_keys([world.oscar.id]) == {world.oscar.id: {PHOTO_KEY}}
        await consents.do_decide(world.parent, child_id=world.oscar.id, consent_type_id=type_id, given=False,
                                 now=NOW)
    finally:
        sub.cancel()
    assert await consents.given_keys([world.oscar.id]) == {world.oscar.id: set()}
    assert heard == [ConsentChanged(world.oscar.id, PHOTO_KEY, True, (world.bfo.id,)),
                     ConsentChanged(world.oscar.id, PHOTO_KEY, False, (world.bfo.id,))]
    seen = await consents.child_consents(world.staff, world.oscar.id, NOW)
    assert seen.given == frozenset() and type_id in seen.decided_at
    await asyncio.gather(*(consents.do_decide(world.parent, child_id=world.ida.id, consent_type_id=type_id,
                                              given=g, now=NOW) for g in (True, False)))
    assert await ChildConsent.filter(child_id=world.ida.id, consent_type_id=type_id).count() == 1


async def test_another_parent_cannot_decide_for_someone_elses_child(world: PresenceWorld) -> None:
    type_id = await _photo_type(world)
    with pytest.raises(AccessDenied):
        await consents.do_decide(world.other_parent, child_id=world.oscar.id, consent_type_id=type_id, given=True,
                                 now=NOW)
    with pytest.raises(AccessDenied):
        await consents.do_decide(world.staff, child_id=world.oscar.id, consent_type_id=type_id, given=True, now=NOW)
    assert await consents.given_keys([world.oscar.id]) == {world.oscar.id: set()}
    assert await AuditEntry.filter(action="consents.decide", outcome="refused", concerned_person_id=world.oscar.id
                                   ).count() == 2
    with pytest.raises(AccessDenied):
        await consents.child_consents(world.other_parent, world.oscar.id, NOW)


async def test_the_photo_is_served_only_with_consent_and_only_to_those_who_see_the_child(
        world: PresenceWorld) -> None:
    png = tiny_png()
    assert await photos.do_set_photo(world.parent, child_id=world.oscar.id, data=png, now=NOW) == ""
    cards = {c.id: c for c in await children_of_guardian(world.parent, DAY)}
    tiles = (await board.load_board(world.staff, world.bfo.id, DAY)).tiles
    assert cards[world.oscar.id].photo_url == "" and tiles[world.oscar.id].photo_url == ""
    with pytest.raises(NotFound):
        await photos.fetch_photo(world.parent, world.oscar.id, now=NOW)

    type_id = await _photo_type(world)
    await consents.do_decide(world.parent, child_id=world.oscar.id, consent_type_id=type_id, given=True, now=NOW)
    url = (await Person.get(id=world.oscar.id)).photo_url
    assert url.startswith(f"/foto/{world.oscar.id}?v=") and "/" not in url.partition("?")[2]
    assert (await board.load_board(world.staff, world.bfo.id, DAY)).tiles[world.oscar.id].photo_url == url
    for viewer in (world.parent, world.staff, world.leader):
        path, kind = await photos.fetch_photo(viewer, world.oscar.id, now=NOW)
        assert (path.read_bytes(), kind) == (png, "image/png")
    for stranger in (world.other_parent, world.daycare_staff):
        with pytest.raises(AccessDenied):
            await photos.fetch_photo(stranger, world.oscar.id, now=NOW)

    await consents.do_decide(world.parent, child_id=world.oscar.id, consent_type_id=type_id, given=False, now=NOW)
    cards = {c.id: c for c in await children_of_guardian(world.parent, DAY)}
    assert cards[world.oscar.id].photo_url == ""
    assert (await board.load_board(world.staff, world.bfo.id, DAY)).tiles[world.oscar.id].photo_url == ""
    with pytest.raises(NotFound):
        await photos.fetch_photo(world.staff, world.oscar.id, now=NOW)
    assert photos.has_stored_photo(world.oscar.id)  # kept, so giving consent again shows it again


async def test_a_wall_screen_sees_photos_of_its_own_institution_only(world: PresenceWorld) -> None:
    request = await kiosk.do_request_pairing(now=NOW)
    await kiosk.do_pair(world.leader, world.bfo.id, request.code, "Garderoben", now=NOW)
    type_id = await _photo_type(world)
    for kid in (world.oscar, world.freja):
        await photos.do_set_photo(world.parent, child_id=kid.id, data=tiny_png(), now=NOW)
        await consents.do_decide(world.parent, child_id=kid.id, consent_type_id=type_id, given=True, now=NOW)
    path, _ = await kiosk.fetch_photo_for_screen(request.token, world.oscar.id, now=NOW)
    assert path.exists()
    with pytest.raises(NotFound):
        await kiosk.fetch_photo_for_screen(request.token, world.freja.id, now=NOW)
    with pytest.raises(DomainError):
        await kiosk.fetch_photo_for_screen("1.wrong", world.oscar.id, now=NOW)


async def test_bad_uploads_are_refused_and_nothing_is_stored(world: PresenceWorld) -> None:
    exe = b"MZ\x90\x00" + b"\x00" * 200  # a Windows program, whatever its name says
    with pytest.raises(DomainError) as bad:
        await photos.do_set_photo(world.parent, child_id=world.oscar.id, data=exe, now=NOW)
    assert bad.value.key == "consents.photo.bad_type"
    big = tiny_png() + b"\x00" * (6 * 1024 * 1024)
    with pytest.raises(DomainError) as large:
        await photos.do_set_photo(world.parent, child_id=world.oscar.id, data=big, now=NOW)
    assert large.value.key == "consents.photo.too_large"
    with pytest.raises(AccessDenied):
        await photos.do_set_photo(world.other_parent, child_id=world.oscar.id, data=tiny_png(), now=NOW)
    assert not photos.has_stored_photo(world.oscar.id)
    await photos.do_set_photo(world.staff, child_id=world.oscar.id, data=tiny_png(), now=NOW)
    await photos.do_remove_photo(world.parent, child_id=world.oscar.id, now=NOW)
    assert not photos.has_stored_photo(world.oscar.id)


async def test_the_admin_defines_types_and_the_photo_consent_stays_active(world: PresenceWorld) -> None:
    admin_person = await person(await world.bfo.municipality, "Ane", subject="pw-admin")
    await MunicipalAssignment.create(person=admin_person, role=MunicipalRole.ADMIN)
    admin = await actor(admin_person, Role.ADMIN)
    type_id = await consents.do_create_type(admin, key="tur_bus", name="Ture med bus", description="", now=NOW)
    with pytest.raises(DomainError) as taken:
        await consents.do_create_type(admin, key="tur_bus", name="Igen", description="", now=NOW)
    assert taken.value.key == "consents.error.key_taken"
    with pytest.raises(DomainError):
        await consents.do_create_type(admin, key="Ikke gyldig!", name="X", description="", now=NOW)
    with pytest.raises(AccessDenied):
        await consents.do_create_type(world.parent, key="andet", name="X", description="", now=NOW)
    await consents.do_update_type(admin, type_id, name="Ture med bus", description="", active=False)
    types = {t.key: t for t in await consents.admin_types(admin, NOW)}
    photo = types[PHOTO_KEY]
    with pytest.raises(DomainError):
        await consents.do_update_type(admin, photo.id, name=photo.name, description="", active=False)
    assert not types["tur_bus"].active
    family = await consents.family_consents(world.parent, NOW)
    assert "tur_bus" not in {t.key for t in family[0].types}
