"""Rate limits as people meet them: a Danish message on the wall screen, in the PIN dialog, at login and in Beskeder."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from demo.presence import DEMO_WALL_SCREEN_TOKEN
from domain.clock import utcnow
from domain.identity.limits import LOGIN_CALLBACKS
from domain.limits import limiter
from domain.messages.limits import SENDS_PER_PERSON
from domain.presence import kiosk
from domain.presence.kiosk_limits import PAIRING_PER_ADDRESS, PIN_PER_CHILD
from persistence.audit import AuditEntry
from persistence.messages import Thread
from persistence.organisation import Group
from persistence.people import Person
from persistence.presence import KioskPin, PresenceSettings, WallScreen
from tests.clocks import TestClock
from tests.ui.conftest import login
from tests.ui.test_kiosk import a_child_who_can_check_in

TEST_CLIENT = "127.0.0.1"  # the address NiceGUI's simulated user comes from


@pytest.fixture(autouse=True)
def still_clock(clock: TestClock) -> None:
    """The clock stands still, so no window ends between filling a limit and meeting it."""
    clock.at(clock.now(), ticking=False)


async def test_a_wall_screen_over_the_code_limit_says_so_in_danish_and_makes_no_code(user: User) -> None:
    for _ in range(PAIRING_PER_ADDRESS.count):
        await limiter.hit(PAIRING_PER_ADDRESS, TEST_CLIENT, now=utcnow())
    before = await WallScreen.all().count()
    await user.open("/vaegskaerm")
    await user.should_see("Der er bedt om for mange parringskoder herfra. Skærmen viser en ny kode kl.")
    await user.should_not_see(marker="pairing-code")
    assert await WallScreen.all().count() == before


async def test_five_wrong_pins_lock_the_child_out_and_the_dialog_says_until_when(user: User) -> None:
    wall = await WallScreen.get(id=1)
    await PresenceSettings.filter(institution_id=wall.institution_id).update(kiosk_pin=True)
    child_id, _ = await a_child_who_can_check_in(DEMO_WALL_SCREEN_TOKEN)
    salt = "00" * 16
    await KioskPin.create(child_id=child_id, salt=salt, pin_hash=kiosk._pin_hash("1357", salt))
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    user.find(marker=f"kiosk-tile-{child_id}").click()
    for _ in range(PIN_PER_CHILD.count):
        for digit in "1111":
            user.find(marker=f"pin-{digit}").click()
        user.find(marker="kiosk-tjek_ind").click()
        await user.should_see(marker="pin-1")  # the keypad again, with what went wrong
    await user.should_see("For mange forkerte PIN-koder. Du kan prøve igen kl.")
    assert await AuditEntry.filter(action="kiosk.pin_locked", concerned_person_id=child_id).count() == 1


async def test_a_flood_of_fake_login_callbacks_writes_one_audit_row_past_the_limit(
        user: User, clock: TestClock) -> None:
    clock.at_local(8, 0, ticking=False)  # still, at a minute's start: the wait is the same for every refusal
    before = await AuditEntry.filter(action="login").count()
    answers = [await user.http_client.get("/auth/callback", params={"code": "fake", "state": f"s{i}"},
                                          follow_redirects=False) for i in range(LOGIN_CALLBACKS.count + 40)]
    places = [a.headers["location"] for a in answers]
    assert set(places[:LOGIN_CALLBACKS.count]) == {"/afvist?reason=login.refused.failed"}
    # A hundred in this minute: the next minute still counts most of them, so the wait is into the minute after.
    assert set(places[LOGIN_CALLBACKS.count:]) == {"/afvist?reason=login.refused.too_many&minutes=2"}
    rows = await AuditEntry.filter(action="login").order_by("id").offset(before).values_list("detail", flat=True)
    assert len(rows) == LOGIN_CALLBACKS.count + 1 and str(rows[-1]).startswith("rate_limited")
    await user.open(places[-1])
    await user.should_see("Der er kommet for mange loginforsøg fra din netværksadresse. Vent 2 min., og prøv igen.")


async def test_a_send_over_the_limit_is_refused_in_danish_in_the_compose_form(user: User) -> None:
    await login(user, "demo-laerer")
    anne = await Person.get(first_name="Anne", last_name="Holm")
    for _ in range(SENDS_PER_PERSON.count):
        await limiter.hit(SENDS_PER_PERSON, str(anne.id), now=utcnow())
    await user.open("/beskeder/ny")
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    user.find(marker="recipient-search").type("2.A")
    await user.should_see("Alle forældre i 2.A")
    user.find(marker=f"choice-group_guardians:{two_a.id}").click()
    await user.should_see(marker=f"chip-group_guardians:{two_a.id}")
    user.find(marker="subject").type("Endnu en")
    user.find(marker="body").type("Hej")
    before = await Thread.all().count()
    user.find(marker="send").click()
    await user.should_see("Du har sendt 30 beskeder inden for et minut.")
    assert await Thread.all().count() == before
