"""Contact details through the services, on SQLite and PostgreSQL: saving, sharing, the class list and pictures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from domain.clock import utcnow
from domain.contacts import lists, picture, service
from domain.contacts.model import Sharing
from domain.errors import AccessDenied, DomainError, NotFound
from domain.identity.model import Actor, Role
from domain.identity.service import current_actor
from persistence.audit import AuditEntry
from persistence.contacts import ContactSharing
from persistence.people import Custody, Person
from tests.conftest import point_data_dir
from tests.factory import World, build_world, person


async def actor(person_id: int, role: str = "parent") -> Actor:
    """The actor as a request would rebuild it."""
    return await current_actor(person_id, role, "2", now=utcnow())


def camera_jpeg(width: int = 1600, height: int = 1200) -> bytes:
    """A phone-like JPEG with the camera's make and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Fonefabrik"
    exif.get_ifd(0x8825).update({1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 34.0, 56.0)})
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


@pytest.fixture
async def world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """The small world, with its files in this test's folder."""
    point_data_dir(monkeypatch, tmp_path)
    return await build_world()


async def test_a_guardian_saves_a_danish_number_and_sees_it_formatted(world: World) -> None:
    gitte = await actor(world.guardian.id)
    mine = await service.do_save_contact(gitte, phone="12345678", email="gitte@example.dk",
                                         sharing=Sharing(phone=True), now=utcnow())
    assert (mine.phone, mine.email, mine.sharing) == ("+45 12 34 56 78", "gitte@example.dk", Sharing(phone=True))
    assert (await Person.get(id=world.guardian.id)).phone == "+4512345678"
    entry = await AuditEntry.filter(action="contact.change").order_by("-id").first()
    assert entry is not None and "1234" not in entry.detail  # the number itself never reaches the log


@pytest.mark.parametrize(("phone", "email", "key"), [
    ("12 34", "", "contacts.phone.invalid"),
    ("+45 1234 567", "", "contacts.phone.invalid"),
    ("ring mig", "", "contacts.phone.invalid"),
    ("12345678", "ikke-en-adresse", "contacts.email.invalid"),
])
async def test_bad_input_is_refused_in_danish_and_changes_nothing(world: World, phone: str, email: str,
                                                                  key: str) -> None:
    gitte = await actor(world.guardian.id)
    await service.do_save_contact(gitte, phone="+46 70 123 45 67", email="", sharing=Sharing(), now=utcnow())
    with pytest.raises(DomainError) as refused:
        await service.do_save_contact(gitte, phone=phone, email=email, sharing=Sharing(True, True, True), now=utcnow())
    assert refused.value.key == key
    assert (await Person.get(id=world.guardian.id)).phone == "+46701234567"
    assert not (await ContactSharing.get(person_id=world.guardian.id)).share_phone


async def test_another_parent_of_the_class_sees_only_what_was_shared(world: World) -> None:
    gitte, olga = await actor(world.guardian.id), await actor(world.other_guardian.id)
    await Person.filter(id=world.guardian.id).update(phone="+4512345678", email="gitte@example.dk")
    assert (await lists.contact_list(olga, world.class_2a.id, world.today)).children == ()  # nothing shared yet
    await service.do_save_contact(gitte, phone="12 34 56 78", email="gitte@example.dk", sharing=Sharing(phone=True),
                                  now=utcnow())
    seen = await lists.contact_list(olga, world.class_2a.id, world.today)
    assert not seen.for_staff and [c.name for c in seen.children] == ["Anna Testesen"]
    (listed,) = seen.children[0].guardians
    assert (listed.name, listed.phone, listed.email, listed.picture_url) == (
        "Gitte Testesen", "+45 12 34 56 78", "", "")


async def test_staff_of_the_school_see_every_guardian_of_the_class(world: World) -> None:
    await Person.filter(id=world.other_guardian.id).update(phone="87654321", email="olga@example.dk")
    seen = await lists.contact_list(await actor(world.teacher.id, "staff"), world.class_2a.id, world.today)
    assert seen.for_staff and [c.name for c in seen.children] == ["Anna Testesen", "Carl Testesen"]
    carl = seen.children[1]
    assert [(g.name, g.phone, g.email) for g in carl.guardians] == [
        ("Olga Testesen", "+45 87 65 43 21", "olga@example.dk")]
    assert [g.name for g in seen.children[0].guardians] == ["Gitte Testesen"]  # not Finn, no longer a guardian


async def test_outsiders_are_refused_the_class_list_and_each_refusal_is_audited(world: World) -> None:
    hans = await person(await world.school.municipality, "Hans", subject="t-hans")
    await Custody.create(guardian=hans, child=world.sibling, valid_from=world.today)  # Bo is in Bien, not 2.A
    fourteen = Actor(person_id=world.child.id, name="Anna", role=Role.CHILD, roles=frozenset({Role.CHILD}))
    outsiders = [await actor(hans.id), await actor(world.leader.id, "leader"), fourteen,
                 await actor(world.ppr.id, "ppr")]
    for outsider in outsiders:
        with pytest.raises(AccessDenied):
            await lists.contact_list(outsider, world.class_2a.id, world.today)
    refusals = await AuditEntry.filter(action="contact.list", outcome="refused").values_list("detail", flat=True)
    assert sorted(refusals) == ["no_child_in_group", "other_institution", "role_has_no_contact_list",
                                "role_has_no_contact_list"]
    with pytest.raises(NotFound):
        await lists.contact_list(await actor(world.guardian.id), 999_999, world.today)


async def test_a_picture_is_stored_small_and_without_its_camera_data(world: World) -> None:
    gitte = await actor(world.guardian.id)
    url = await service.do_set_picture(gitte, data=camera_jpeg(), now=utcnow())
    assert url.startswith(f"/kontaktfoto/{world.guardian.id}?v=")
    path, kind = await lists.fetch_picture(gitte, world.guardian.id, world.today)
    image = Image.open(path)
    assert kind == "image/jpeg" and max(image.size) <= picture.SIDE and not image.getexif()
    assert b"Fonefabrik" not in path.read_bytes()
    await service.do_remove_picture(gitte, now=utcnow())
    assert (await Person.get(id=world.guardian.id)).photo_url == ""
    with pytest.raises(NotFound):
        await lists.fetch_picture(gitte, world.guardian.id, world.today)


def _truncated() -> bytes:
    whole = camera_jpeg(800, 600)
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(("data", "key"), [
    (b"MZ\x90\x00" + b"\x00" * 500, "contacts.picture.bad_type"),  # a Windows program called billede.jpg
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "contacts.picture.bad_type"),
    (b"", "contacts.picture.empty"),
    (b"\xff\xd8\xff" + b"\x00" * (picture.MAX_BYTES + 1), "contacts.picture.too_large"),
    (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, "contacts.picture.bad_type"),  # an iPhone HEIC
])
async def test_files_that_are_not_pictures_are_refused_and_nothing_is_stored(world: World, data: bytes,
                                                                             key: str) -> None:
    with pytest.raises(DomainError) as refused:
        await service.do_set_picture(await actor(world.guardian.id), data=data, now=utcnow())
    assert refused.value.key == key
    assert (await Person.get(id=world.guardian.id)).photo_url == ""


async def test_a_truncated_jpeg_is_refused(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        await service.do_set_picture(await actor(world.guardian.id), data=_truncated(), now=utcnow())
    assert refused.value.key == "contacts.picture.unreadable"
    assert (await Person.get(id=world.guardian.id)).photo_url == ""


async def test_a_picture_reaches_other_parents_only_when_shared_and_staff_where_the_child_goes(world: World) -> None:
    gitte, olga = await actor(world.guardian.id), await actor(world.other_guardian.id)
    await service.do_set_picture(gitte, data=camera_jpeg(), now=utcnow())
    with pytest.raises(AccessDenied):
        await lists.fetch_picture(olga, world.guardian.id, world.today)
    await service.do_save_contact(gitte, phone="", email="", sharing=Sharing(picture=True), now=utcnow())
    assert (await lists.fetch_picture(olga, world.guardian.id, world.today))[1] == "image/jpeg"
    assert await lists.fetch_picture(await actor(world.teacher.id, "staff"), world.guardian.id, world.today)
    with pytest.raises(AccessDenied):
        await lists.fetch_picture(await actor(world.ppr.id, "ppr"), world.guardian.id, world.today)
    with pytest.raises(NotFound):  # a child's photo is never served as a contact picture
        await lists.fetch_picture(gitte, world.child.id, world.today)
    assert await lists.fetch_picture_for_screen(world.school.id, world.guardian.id, world.today)
    with pytest.raises(NotFound):
        await lists.fetch_picture_for_screen(999_999, world.guardian.id, world.today)


async def test_only_a_guardian_keeps_contact_details_here(world: World) -> None:
    with pytest.raises(AccessDenied):
        await service.do_save_contact(await actor(world.teacher.id, "staff"), phone="12345678", email="",
                                      sharing=Sharing(), now=utcnow())


async def test_family_groups_link_each_class_of_the_children(world: World) -> None:
    groups = await lists.family_groups(await actor(world.guardian.id), world.today)
    assert [(g.name, set(g.child_ids)) for g in groups] == [("2.A", {world.child.id}), ("Bien", {world.sibling.id})]
