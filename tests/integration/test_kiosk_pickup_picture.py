"""Who picks a child up, as the wall screen shows it: a first name and the guardian's picture only where allowed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from domain.contacts import lists, service
from domain.contacts.model import Sharing
from domain.errors import DomainError, NotFound
from domain.presence import kiosk, plans
from domain.presence.plans import PlanInput
from persistence.people import Person
from persistence.presence import WallScreen
from tests.conftest import point_data_dir
from tests.presence_world import DAY, NOW, PresenceWorld, build_presence_world


@pytest.fixture
async def world(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PresenceWorld:
    point_data_dir(monkeypatch, tmp_path)
    return await build_presence_world()


async def paired(world: PresenceWorld, institution_id: int) -> str:
    """A wall screen paired by the BFO's leader, or (the daycare has no leader here) paired in its row."""
    request = await kiosk.do_request_pairing(now=NOW)
    if institution_id == world.bfo.id:
        await kiosk.do_pair(world.leader, institution_id, request.code, "Gangen", now=NOW)
    else:
        await WallScreen.filter(id=request.wall_screen_id).update(institution_id=institution_id, name="Gangen",
                                                                  paired_at=NOW, pairing_code=None)
    return request.token


def a_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


async def screen_picture(token: str, person_id: int) -> str:
    """What /kontaktfoto answers a paired screen's browser: the media type, or a refusal."""
    device = await kiosk.device_for(token, now=NOW)
    return (await lists.fetch_picture_for_screen(device.institution_id, person_id, DAY))[1]


async def test_the_screen_shows_the_guardian_first_name_and_shared_picture_never_a_phone(
        world: PresenceWorld) -> None:
    bfo = await paired(world, world.bfo.id)
    mette = world.parent
    await service.do_set_picture(mette, data=a_jpeg(), now=NOW)
    await service.do_save_contact(mette, phone="20304050", email="mette@example.dk", sharing=Sharing(picture=True),
                                  now=NOW)
    await plans.do_plan_day(mette, world.oscar.id, DAY, PlanInput(arrival="07:30", pickup="15:30",
                                                                  pickup_key=f"g:{mette.person_id}"), now=NOW)
    shown = await kiosk.pickup_for_screen(bfo, world.oscar.id, now=NOW)
    url = (await Person.get(id=mette.person_id)).photo_url
    assert shown == kiosk.ScreenPickup("Mette", url) and url.startswith("/kontaktfoto/")
    assert "20" not in repr(shown) and "@" not in repr(shown)
    assert await screen_picture(bfo, mette.person_id) == "image/jpeg"
    # Not shared any more: the name still, the picture neither on the screen nor at its address.
    await service.do_save_contact(mette, phone="20304050", email="", sharing=Sharing(phone=True), now=NOW)
    assert await kiosk.pickup_for_screen(bfo, world.oscar.id, now=NOW) == kiosk.ScreenPickup("Mette", "")
    with pytest.raises(NotFound):
        await screen_picture(bfo, mette.person_id)


async def test_a_pickup_person_shows_by_relation_and_going_alone_shows_no_one(world: PresenceWorld) -> None:
    bfo = await paired(world, world.bfo.id)
    await plans.do_plan_day(world.parent, world.oscar.id, DAY, PlanInput(
        arrival="07:30", pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=NOW)
    assert await kiosk.pickup_for_screen(bfo, world.oscar.id, now=NOW) == kiosk.ScreenPickup("Farmor")
    assert await kiosk.pickup_for_screen(bfo, world.other_child.id, now=NOW) is None  # no plan today


async def test_a_screen_sees_only_its_own_institution_and_its_guardians_pictures(world: PresenceWorld) -> None:
    bfo, daycare = await paired(world, world.bfo.id), await paired(world, world.daycare.id)
    olga = world.other_parent  # Carl's guardian; Carl goes to the BFO only
    await service.do_set_picture(olga, data=a_jpeg(), now=NOW)
    await service.do_save_contact(olga, phone="", email="", sharing=Sharing(picture=True), now=NOW)
    assert await screen_picture(bfo, olga.person_id) == "image/jpeg"
    with pytest.raises(NotFound):
        await screen_picture(daycare, olga.person_id)  # no child of hers goes there
    with pytest.raises(NotFound):
        await screen_picture(bfo, world.oscar.id)  # a child's photo is never a contact picture
    with pytest.raises(NotFound):
        await kiosk.pickup_for_screen(daycare, world.oscar.id, now=NOW)  # another institution's child
    await kiosk.do_revoke(world.leader, (await kiosk.device_for(bfo, now=NOW)).wall_screen_id, now=NOW)
    with pytest.raises(DomainError):
        await kiosk.pickup_for_screen(bfo, world.other_child.id, now=NOW)
    with pytest.raises(DomainError):
        await screen_picture(bfo, olga.person_id)
