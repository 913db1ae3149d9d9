"""The wall screen through the UI: pairing by code, a child's own check-in, and going blank when revoked."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from demo.presence import DEMO_WALL_SCREEN_TOKEN
from domain.clock import today_local, utcnow
from domain.presence import kiosk
from domain.presence.model import Status
from persistence.organisation import Institution
from persistence.presence import KioskPin, PresenceChange, PresenceDay, PresenceSettings, WallScreen
from tests.ui.conftest import login


def text_of(user: User, marker: str) -> str:
    """The text of the one label with a marker."""
    (label,) = user.find(marker=marker).elements
    assert isinstance(label, ui.label)
    return label.text


async def a_child_who_can_check_in(token: str) -> tuple[int, str]:
    """A child on the demo screen whose tile offers Tjek ind right now."""
    board = await kiosk.kiosk_board(token, today_local(), now=utcnow())
    tile = next(t for t in sorted(board.tiles.values(), key=lambda t: t.child_id)
                if t.state in (Status.NOT_ARRIVED, Status.PICKED_UP))
    return tile.child_id, tile.first_name


async def notified(users: tuple[User, ...], text: str) -> None:
    """Wait up to 6 s for a notification to one of several simulated users.

    NiceGUI's simulated users share one patched ui.notify, re-pointed at whichever user the harness touched last;
    the screen's page redrawing at the moment the leader's page notifies can file the message with the screen.
    """
    for _ in range(60):
        if any(text in message for user in users for message in user.notify.messages):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no notification {text!r}")


async def test_an_unpaired_screen_shows_a_code_and_the_tiles_once_the_leader_pairs_it(
        create_user: Callable[[], User]) -> None:
    screen, leader = create_user(), create_user()
    await screen.open("/vaegskaerm")
    await screen.should_see("Bed en leder om at parre skærmen under Vægskærme i Sammen")
    code = text_of(screen, "pairing-code").replace(" ", "")
    assert len(code) == 6 and code.isdigit()
    await screen.should_not_see(marker="kiosk-tiles")
    await login(leader, "demo-leder")
    await leader.open("/leder/kommegaa")
    leader.find(marker="pair-code").type(code)
    leader.find(marker="pair-name").type("Garderoben")
    leader.find(marker="pair-screen").click()
    await notified((leader, screen), "Skærmen «Garderoben» er parret.")
    await screen.should_see(marker="kiosk-tiles")
    await screen.should_see("Solsikken")
    solsikken = await Institution.get(name="Solsikken")
    assert await WallScreen.filter(institution_id=solsikken.id, name="Garderoben", revoked_at=None).exists()


async def test_a_child_taps_its_tile_and_checks_in(user: User) -> None:
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    await user.should_see("Skovlyskolens BFO")
    child_id, name = await a_child_who_can_check_in(DEMO_WALL_SCREEN_TOKEN)
    user.find(marker=f"kiosk-tile-{child_id}").click()
    await user.should_see(marker="kiosk-dialog")
    user.find(marker="kiosk-tjek_ind").click()
    await user.should_see(f"Hej {name}! Du er tjekket ind")
    row = await PresenceDay.get(person_id=child_id, day=today_local(), is_staff=False)
    assert row.status is Status.PRESENT and row.changed_by == "Vægskærm i garderoben"
    change = await PresenceChange.filter(person_id=child_id).order_by("-id").first()
    assert change is not None and change.wall_screen_id == 1


async def test_the_token_in_the_address_is_kept_by_the_device_and_not_shown(user: User) -> None:
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    assert user.back_history[-1] == f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}"
    await user.should_see(marker="kiosk-tiles")
    await user.open("/vaegskaerm")
    await user.should_see(marker="kiosk-tiles")


async def test_the_letter_bar_filters_the_tiles_by_first_letter(user: User) -> None:
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    board = await kiosk.kiosk_board(DEMO_WALL_SCREEN_TOKEN, today_local(), now=utcnow())
    first = min(board.tiles.values(), key=lambda t: t.first_name)
    other = next(t for t in board.tiles.values() if t.first_name[:1] != first.first_name[:1])
    user.find(marker=f"letter-{first.first_name[:1].upper()}").click()
    await user.should_see(marker=f"kiosk-tile-{first.child_id}")
    await user.should_not_see(marker=f"kiosk-tile-{other.child_id}")
    user.find(marker="letter-all").click()
    await user.should_see(marker=f"kiosk-tile-{other.child_id}")


async def test_a_revoked_screen_goes_blank_at_once(create_user: Callable[[], User]) -> None:
    screen, admin = create_user(), create_user()
    await screen.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    await screen.should_see(marker="kiosk-tiles")
    wall = await WallScreen.get(id=1)
    await login(admin, "demo-admin")
    await admin.open(f"/leder/kommegaa?institution={wall.institution_id}")
    await admin.should_see("Vægskærm i garderoben")
    admin.find(marker=f"revoke-{wall.id}").click()
    await admin.should_see("Frakobl skærmen «Vægskærm i garderoben»?")
    admin.find(marker="confirm-revoke").click()
    await admin.should_see("Skærmen er frakoblet.")
    await screen.should_see("Skærmen er ikke parret")
    await screen.should_not_see(marker="kiosk-tiles")
    assert (await WallScreen.get(id=1)).revoked_at is not None
    await screen.open("/vaegskaerm")
    await screen.should_see("Skærmen er ikke parret")
    screen.find(marker="kiosk-new-code").click()
    await screen.should_see(marker="pairing-code")


async def test_an_unknown_token_shows_nothing_about_children(user: User) -> None:
    await user.open("/vaegskaerm?token=1.not-the-secret")
    await user.should_see("Skærmen er ikke parret")
    await user.should_not_see(marker="kiosk-tiles")


async def test_with_a_pin_the_child_types_it_first_and_a_wrong_one_is_refused(user: User) -> None:
    wall = await WallScreen.get(id=1)
    await PresenceSettings.filter(institution_id=wall.institution_id).update(kiosk_pin=True)
    child_id, name = await a_child_who_can_check_in(DEMO_WALL_SCREEN_TOKEN)
    salt = "00" * 16
    await KioskPin.create(child_id=child_id, salt=salt, pin_hash=kiosk._pin_hash("1357", salt))
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    user.find(marker=f"kiosk-tile-{child_id}").click()
    await user.should_see("Skriv din PIN-kode")
    for digit in "1111":
        user.find(marker=f"pin-{digit}").click()
    user.find(marker="kiosk-tjek_ind").click()
    await user.should_see("Forkert PIN-kode. Prøv igen.")
    for digit in "1357":
        user.find(marker=f"pin-{digit}").click()
    user.find(marker="kiosk-tjek_ind").click()
    await user.should_see(f"Hej {name}! Du er tjekket ind")
