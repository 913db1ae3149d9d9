"""Husk denne enhed in the app: the choice on the login page, renewal at level 2, the profile's list, Glem, Log ud."""

from __future__ import annotations

import html

import httpx
from nicegui.testing import User

from auth.dev_idp.router import SESSION_COOKIE as DEV_IDP_SESSION_COOKIE
from auth.shared_device import SHARED_DEVICE_COOKIE
from domain.devices.model import DEVICE_COOKIE, DeviceKey
from persistence.audit import AuditEntry
from persistence.devices import RememberedDevice
from tests.clocks import TestClock
from tests.ui.conftest import HIDDEN, logout, logout_token

GUARDIAN, TEACHER = "demo-foraelder", "demo-laerer"


async def _login(user: User, subject: str, *, remember: bool = True, acr: str = "2") -> str:
    """The dev IdP's login, started with "Husk denne enhed" ticked (the login page's button adds remember=1)."""
    client = user.http_client
    client.cookies.delete(DEV_IDP_SESSION_COOKIE)
    start = await client.get("/auth/login" + ("?remember=1" if remember else ""))
    page = await client.get(start.headers["location"])
    fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)}
    fields.update(subject=subject, acr=acr)
    answer = await client.post("/dev-idp/authorize", data=fields)
    back = await client.get(answer.headers["location"])
    assert back.status_code == 303, back.text
    return str(back.headers["location"])


def _device_cookie(user: User) -> str | None:
    return user.http_client.cookies.get(DEVICE_COOKIE)


async def test_the_login_page_offers_husk_denne_enhed_but_not_on_a_shared_device(user: User) -> None:
    await user.open("/login")
    await user.should_see("Husk denne enhed")
    user.http_client.cookies.set(SHARED_DEVICE_COOKIE, "1")
    await user.open("/login")
    await user.should_not_see("Husk denne enhed")


async def test_a_remembered_guardian_is_renewed_at_level_2_after_the_idle_limit(user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN, acr="3")
    assert _device_cookie(user) is not None
    clock.advance(minutes=31)
    answer = await user.http_client.get("/overblik")
    assert answer.status_code == 200  # no login page: the device renewed the session
    await user.open("/profil")
    await user.should_see(marker="export-below-level3")  # level 2 now: sensitive content needs MitID again
    await user.should_see(marker="this-device")
    await user.should_see("Huskede enheder")


async def test_without_the_choice_the_idle_limit_still_logs_out(user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN, remember=False)
    assert _device_cookie(user) is None
    clock.advance(minutes=31)
    answer = await user.http_client.get("/overblik")
    assert answer.status_code == 303 and answer.headers["location"] == "/login?reason=expired"


async def test_staff_are_not_remembered_and_are_told_why(user: User, clock: TestClock) -> None:
    await _login(user, TEACHER)
    assert _device_cookie(user) is None
    await user.open("/personale")
    await user.should_see("Enheden blev ikke husket")
    clock.advance(minutes=31)
    assert (await user.http_client.get("/personale")).status_code == 303


async def test_a_shared_device_is_not_remembered(user: User) -> None:
    user.http_client.cookies.set(SHARED_DEVICE_COOKIE, "1")
    await _login(user, GUARDIAN)
    assert _device_cookie(user) is None
    assert await RememberedDevice.all().count() == 0


async def test_a_forged_device_cookie_is_refused(user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN)
    key = DeviceKey.parse(_device_cookie(user))
    assert key is not None
    clock.advance(minutes=31)
    forged = httpx.Cookies({DEVICE_COOKIE: DeviceKey(key.device_id, DeviceKey.new_secret()).cookie_value})
    async with httpx.AsyncClient(transport=user.http_client._transport, base_url=user.http_client.base_url,
                                 cookies=forged) as thief:
        answer = await thief.get("/overblik")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert await AuditEntry.filter(action="device.renew", outcome="refused", detail="secret_mismatch").exists()


async def test_glem_denne_enhed_on_the_profile_forgets_it(user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN)
    key = DeviceKey.parse(_device_cookie(user))
    assert key is not None
    await user.open("/profil")
    user.find(marker=f"forget-device-{key.device_id}").click()
    await user.should_see("Glem ?? Næste gang skal du logge ind med MitID på den enhed.")  # httpx's agent: "?"
    user.find(marker="forget-confirm").click()
    await user.should_see("Enheden er glemt.")
    await user.should_see(marker="devices-empty")
    clock.advance(minutes=31)
    assert (await user.http_client.get("/overblik")).status_code == 303


async def test_log_ud_forgets_this_device(user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN)
    key = DeviceKey.parse(_device_cookie(user))
    assert key is not None
    await logout(user)
    assert (await RememberedDevice.get(id=key.device_id)).revoked_at is not None


async def test_log_ud_pa_alle_enheder_ends_every_session_and_device(user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN)
    key = DeviceKey.parse(_device_cookie(user))
    assert key is not None
    other = httpx.Cookies(user.http_client.cookies)  # another browser still signed in (it holds the same login)
    await user.open("/profil")
    await user.should_see("Log ud på alle enheder")
    clock.advance(seconds=5)
    answer = await user.http_client.post("/auth/logout-everywhere", data={"token": await logout_token(user)})
    assert answer.status_code == 303
    assert (await RememberedDevice.get(id=key.device_id)).revoked_at is not None
    async with httpx.AsyncClient(transport=user.http_client._transport, base_url=user.http_client.base_url,
                                 cookies=other) as elsewhere:
        assert (await elsewhere.get("/overblik")).status_code == 303
    assert await AuditEntry.filter(action="device.logout_everywhere").exists()


async def test_the_idle_timers_logout_keeps_the_device_and_the_login_page_carries_on(
        user: User, clock: TestClock) -> None:
    await _login(user, GUARDIAN)
    key = DeviceKey.parse(_device_cookie(user))
    assert key is not None
    where = await logout(user, reason="expired")  # what the page's idle timer posts after 30 quiet minutes
    assert (await RememberedDevice.get(id=key.device_id)).revoked_at is None
    back = await user.http_client.get(where)
    assert back.status_code == 303 and back.headers["location"] == "/"
    assert (await user.http_client.get("/overblik")).status_code == 200  # renewed from the device at level 2


async def test_log_ud_pa_alle_enheder_sends_pages_open_elsewhere_to_the_login(user: User, clock: TestClock) -> None:
    from domain.devices.service import do_log_out_everywhere
    from domain.identity.service import current_actor
    from persistence.identity import UserAccount

    await _login(user, GUARDIAN)
    await user.open("/profil")
    await user.should_see("Huskede enheder")
    account = await UserAccount.get(oidc_subject=GUARDIAN)
    actor = await current_actor(account.person_id, "parent", "2", now=clock.advance(seconds=5))
    await do_log_out_everywhere(actor, clock.advance(seconds=1))  # pressed on another device
    await user.should_see("Log ind med MitID / UNI-Login")
