"""A child taps Tjek ud on the wall screen and a guardian picks it up: the screen says who, by first name, with the
guardian's picture when they share it, and never a phone number or an e-mail (the hall reads the screen too)."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from demo.presence import DEMO_WALL_SCREEN_TOKEN
from domain.clock import today_local, utcnow
from domain.presence import kiosk
from domain.presence.model import Action
from persistence.contacts import ContactSharing
from persistence.people import Custody, Person
from persistence.presence import PlanEntry
from tests.ui.test_kiosk import a_child_who_can_check_in

PHONE = "+4520304050"


async def a_checked_in_child_picked_up_by_a_guardian(shares_picture: bool) -> tuple[int, str, Person]:
    """A child of the demo screen, checked in, whose plan today names a guardian with a phone and a picture."""
    child_id, name = await a_child_who_can_check_in(DEMO_WALL_SCREEN_TOKEN)
    await kiosk.do_kiosk_action(DEMO_WALL_SCREEN_TOKEN, child_id, Action.CHECK_IN, now=utcnow())
    custody = await Custody.filter(child_id=child_id).order_by("guardian_id").first()
    assert custody is not None
    guardian = await Person.get(id=custody.guardian_id)
    guardian.phone, guardian.email, guardian.photo_url = PHONE, "vaeg@example.dk", f"/kontaktfoto/{guardian.id}?v=abc"
    await guardian.save()
    await ContactSharing.filter(person_id=guardian.id).delete()
    await ContactSharing.create(person_id=guardian.id, share_phone=True, share_email=True,
                                share_picture=shares_picture, updated_at=utcnow())
    await PlanEntry.filter(child_id=child_id, day=today_local()).delete()
    await PlanEntry.create(child_id=child_id, day=today_local(), arrival_min=420, pickup_min=930,
                           pickup_key=f"g:{guardian.id}", pickup_label=guardian.first_name, updated_at=utcnow())
    return child_id, name, guardian


async def tap_check_out(user: User, child_id: int, guardian: Person) -> None:
    """The child's Tjek ud: a grown-up checks out a child a guardian fetches, so the screen says who comes."""
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    user.find(marker=f"kiosk-tile-{child_id}").click()
    await user.should_see(marker="kiosk-tjek_ud")
    user.find(marker="kiosk-tjek_ud").click()
    await user.should_see(f"{guardian.first_name} henter dig i dag. Spørg en voksen.")


async def test_checking_out_shows_who_picks_up_with_their_picture_and_no_phone(user: User) -> None:
    child_id, _, guardian = await a_checked_in_child_picked_up_by_a_guardian(shares_picture=True)
    await tap_check_out(user, child_id, guardian)
    (picture,) = user.find(marker="kiosk-pickup-picture").elements
    assert isinstance(picture, ui.image) and picture.source == guardian.photo_url
    await user.should_not_see("20 30 40 50")
    await user.should_not_see("20304050")
    await user.should_not_see("vaeg@example.dk")
    await user.should_not_see(guardian.last_name)
    assert picture.props["alt"] == f"Foto af {guardian.first_name}"


async def test_a_guardian_who_does_not_share_the_picture_is_named_without_it(user: User) -> None:
    child_id, _, guardian = await a_checked_in_child_picked_up_by_a_guardian(shares_picture=False)
    await tap_check_out(user, child_id, guardian)
    await user.should_not_see(marker="kiosk-pickup-picture")
