"""Galleri in the UI: staff create an album and upload, a parent sees and downloads, outsiders are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.gallery import service
from domain.gallery.reach import consented
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.gallery import Album, Photo
from persistence.people import Enrolment, Person
from persistence.queries import ints
from tests.conftest import point_data_dir
from tests.demo_support import children_of, current_enrolments, person_of
from tests.gallery_support import camera_jpeg, decide_photo_consent
from tests.ui.conftest import login


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored photos go to this test's folder."""
    point_data_dir(monkeypatch, tmp_path)


async def teacher() -> Actor:
    """Anne Holm, teacher of 2.A, as an actor."""
    facts = await load_person_facts((await person_of("demo-laerer")).id, today_local())
    assert facts is not None
    return facts.actor(Role.STAFF, "2")


async def oscars_class() -> int:
    """The id of 2.A, Oscar's class."""
    oscar = next(c for c in await children_of(await person_of("demo-foraelder")) if c.first_name == "Oscar")
    group_id = next(e.group_id for e in await current_enrolments(oscar)
                    if e.group is not None and e.group.name == "2.A")
    assert group_id is not None
    return group_id


async def album_with_photos(n: int = 1) -> tuple[int, list[int]]:
    """An album of 2.A with n photos, made by the teacher through the service."""
    anne = await teacher()
    album_id = await service.do_create_album(anne, title="Juleklip", group_id=await oscars_class(), now=utcnow())
    added = await service.do_add_photos(anne, album_id, [(f"klip{i}.jpg", camera_jpeg(400, 300)) for i in range(n)],
                                        now=utcnow())
    return album_id, list(added.photo_ids)


async def test_staff_create_an_album_and_upload_a_batch_with_a_bad_file_refused_alone(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/galleri")
    await user.should_see("Der er ingen album endnu")
    user.find(marker="new-album").click()
    user.find(marker="album-title").type("Skovtur")
    place = user.find(marker="album-place").elements.pop()
    assert isinstance(place, ui.select)
    assert isinstance(place.options, dict)
    place.value = next(k for k, name in place.options.items() if str(name).startswith("2.A"))
    user.find(marker="album-create").click()
    await user.should_see("Vælg billeder (flere ad gangen)")
    album = await Album.get(title="Skovtur")
    assert album.group_id == await oscars_class()
    upload = user.find(marker="gallery-upload").elements.pop()
    assert isinstance(upload, ui.upload)
    assert upload.props["data-a11y-lang"] == "da"  # each file's progress line is said the page's way
    await upload.handle_uploads([SmallFileUpload("skov.jpg", "image/jpeg", camera_jpeg(800, 600))])
    await upload.handle_uploads([SmallFileUpload("program.jpg", "image/jpeg", b"MZ\x90\x00" + b"\x00" * 300)])
    await user.should_see("skov.jpg er lagt op.")
    await user.should_see("program.jpg: Filen er ikke et billede")
    photo = await Photo.get(album_id=album.id)
    await user.should_see(marker=f"photo-{photo.id}")


async def test_a_parent_sees_the_album_opens_a_photo_and_downloads_it(user: User) -> None:
    album_id, (photo_id,) = await album_with_photos()
    await login(user, "demo-foraelder")
    await user.open("/galleri")
    await user.should_see("Juleklip")
    await user.open(f"/galleri/{album_id}")
    user.find(marker=f"photo-{photo_id}").click()
    await user.should_see(marker="photo-download")
    served = await user.http_client.get(f"/galleri/foto/{photo_id}/original")
    assert served.status_code == 200 and "attachment" in served.headers["content-disposition"]
    thumb = await user.http_client.get(f"/galleri/foto/{photo_id}/thumb")
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"


async def test_a_large_album_shows_its_first_page_and_loads_more_on_request(user: User) -> None:
    album_id, ids = await album_with_photos(1)
    album = await Album.get(id=album_id)
    first = await Photo.get(id=ids[0])
    await Photo.bulk_create([Photo(album_id=album.id, original_file=first.original_file,
                                   display_file=first.display_file, thumb_file=first.thumb_file,
                                   uploaded_at=utcnow(), state="published") for _ in range(129)])
    await login(user, "demo-foraelder")
    await user.open(f"/galleri/{album_id}")
    await user.should_see("Vis flere billeder (60 af 130)")
    user.find(marker="photo-more").click()
    await user.should_see("Vis flere billeder (120 af 130)")


async def test_another_institutions_leader_is_refused_and_gets_no_file(user: User) -> None:
    album_id, (photo_id,) = await album_with_photos()
    await login(user, "demo-leder")
    await user.open(f"/galleri/{album_id}")
    await user.should_see(marker="refusal")
    answer = await user.http_client.get(f"/galleri/foto/{photo_id}/original")
    assert answer.status_code == 404


async def test_a_child_without_photo_consent_cannot_be_tagged_in_the_photo_view(user: User) -> None:
    album_id, (photo_id,) = await album_with_photos()
    group_id = await oscars_class()
    kids = ints(await Enrolment.filter(group_id=group_id, end=None).values_list("child_id", flat=True))
    without = [k for k in kids if k not in await consented(kids)]
    assert without, "the demo's 2.A has children without photo consent (the seed is deterministic)"
    await login(user, "demo-laerer")
    await user.open(f"/galleri/{album_id}")
    user.find(marker=f"photo-{photo_id}").click()
    await user.should_see(marker="photo-tag-select")
    chooser = user.find(marker="photo-tag-select").elements.pop()
    assert isinstance(chooser, ui.select)
    chooser.value = without[0]
    user.find(marker="photo-tag-add").click()
    await user.should_see("forældrene har ikke givet samtykke til billeder i Sammen")


async def test_a_parent_reports_a_photo_and_no_longer_sees_it(user: User) -> None:
    album_id, (photo_id,) = await album_with_photos()
    await login(user, "demo-foraelder")
    await user.open(f"/galleri/{album_id}")
    user.find(marker=f"photo-{photo_id}").click()
    await user.should_see(marker="photo-report")
    user.find(marker="photo-report-reason").type("Min søn er med uden samtykke")
    user.find(marker="photo-report-send").click()
    await user.should_see("Tak. Billedet er skjult, til personalet har set på det.")
    assert (await Photo.get(id=photo_id)).state == "held"
    await user.open(f"/galleri/{album_id}")
    await user.should_not_see(marker=f"photo-{photo_id}")


async def test_a_parent_finds_photos_of_their_own_child_and_opens_one_from_there(user: User) -> None:
    album_id, (photo_id,) = await album_with_photos()
    mette = await person_of("demo-foraelder")
    oscar = next(c for c in await children_of(mette) if c.first_name == "Oscar")
    facts = await load_person_facts(mette.id, today_local())
    assert facts is not None
    await decide_photo_consent(facts.actor(Role.PARENT, "2"), oscar, True, utcnow())
    await service.do_tag_child(await teacher(), photo_id, oscar.id, now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/galleri")
    await user.should_see("Billeder af mit barn")
    await user.should_see(marker="my-child-photos")
    await user.open(f"/galleri/{album_id}?foto={photo_id}")
    await user.should_see(marker="photo-download")
    await user.should_see(marker=f"photo-tag-{oscar.id}")


async def _oscar_tagged_in_first_of_two() -> tuple[Actor, Person, int, list[int]]:
    """Mette's actor, Oscar (photo consent given), and a 2.A album of two photos with Oscar tagged in the first."""
    album_id, photo_ids = await album_with_photos(2)
    mette = await person_of("demo-foraelder")
    oscar = next(c for c in await children_of(mette) if c.first_name == "Oscar")
    facts = await load_person_facts(mette.id, today_local())
    assert facts is not None
    guardian = facts.actor(Role.PARENT, "2")
    await decide_photo_consent(guardian, oscar, True, utcnow())
    await service.do_tag_child(await teacher(), photo_ids[0], oscar.id, now=utcnow())
    return guardian, oscar, album_id, photo_ids


async def test_consent_withdrawal_hides_a_tagged_photo_on_an_open_page_live(user: User) -> None:
    guardian, oscar, album_id, (tagged, other) = await _oscar_tagged_in_first_of_two()
    await login(user, "demo-foraelder")
    await user.open(f"/galleri/{album_id}?foto={tagged}")
    await user.should_see(marker=f"photo-tag-{oscar.id}")
    await user.should_see(marker=f"photo-{tagged}")
    await decide_photo_consent(guardian, oscar, False, utcnow())  # as from another device: this page is not reopened
    await user.should_not_see(marker=f"photo-{tagged}")
    await user.should_not_see(marker="photo-display")  # the open photo's dialog closed with it
    await user.should_see(marker=f"photo-{other}")
    await decide_photo_consent(guardian, oscar, True, utcnow())
    await user.should_see(marker=f"photo-{tagged}")


async def test_consent_withdrawal_takes_the_photo_out_of_billeder_af_mit_barn_live(user: User) -> None:
    guardian, oscar, _, (tagged, _) = await _oscar_tagged_in_first_of_two()
    await login(user, "demo-foraelder")
    await user.open("/galleri")
    await user.should_see(marker=f"my-child-photo-{tagged}")
    await decide_photo_consent(guardian, oscar, False, utcnow())
    await user.should_not_see(marker=f"my-child-photo-{tagged}")
    await decide_photo_consent(guardian, oscar, True, utcnow())  # his own consent given again brings it back
    await user.should_see(marker=f"my-child-photo-{tagged}")
