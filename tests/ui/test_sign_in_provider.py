"""Signing in and out at the embedded provider: logout is a form, it ends the provider's session too, a shared
device and a step-up always ask for a new login, and a step-up that is cancelled or stays at level 2 says so."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import httpx
from nicegui import ui
from nicegui.testing import User

from auth.oidc import step_up_path
from auth.shared_device import SHARED_DEVICE_COOKIE
from domain.settings import NSIS_HIGH, NSIS_SUBSTANTIAL
from persistence.identity import LoginRecord
from tests.ui.conftest import HIDDEN, login, logout
from tests.ui.test_messages_thread import mette_id, send_to


def query(location: str) -> dict[str, list[str]]:
    """The query of an address, parsed."""
    return parse_qs(urlsplit(location).query)


async def authorize(user: User, start_at: str = "/auth/login") -> tuple[str, httpx.Response]:
    """Start a login at Sammen and open the provider's authorization address: (that address, its answer)."""
    start = await user.http_client.get(start_at)
    assert start.status_code in (302, 303), start.text
    location = str(start.headers["location"])
    return location, await user.http_client.get(location)


def switch_value(user: User) -> bool:
    """Whether the login page's shared-device switch is on."""
    switch = user.find(marker="shared-device").elements.pop()
    assert isinstance(switch, ui.switch)
    return bool(switch.value)


def shows_the_provider_page(answer: httpx.Response) -> bool:
    """The provider asked who is logging in (instead of answering from its own session)."""
    return answer.status_code == 200 and 'name="subject"' in answer.text


async def answer_at_provider(user: User, page: httpx.Response, **choice: str) -> str:
    """Submit the provider's page (a person and a level, or cancel); where Sammen's callback sends us."""
    fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)} | choice
    answer = await user.http_client.post("/dev-idp/authorize", data=fields)
    assert answer.status_code == 302, answer.text
    back = await user.http_client.get(answer.headers["location"])
    assert back.status_code == 303, back.text
    return str(back.headers["location"])


async def test_a_link_or_another_sites_form_cannot_log_anyone_out(user: User) -> None:
    await login(user, "demo-foraelder")
    client = user.http_client
    assert (await client.get("/auth/logout?reason=expired")).headers["location"] == "/"
    for forged in ({"reason": "logged_out"}, {"token": "guessed", "reason": "logged_out"}):
        answer = await client.post("/auth/logout", data=forged)
        assert answer.status_code == 303 and answer.headers["location"] == "/"
    await user.open("/overblik")  # still signed in, and told why the logout did not happen
    await user.should_see("Du blev ikke logget ud, fordi siden var for gammel.")
    await user.should_see("Oscar Kristensen")


async def test_logout_ends_the_provider_session_so_log_ind_shows_its_page_again(user: User) -> None:
    await login(user, "demo-foraelder")
    _, again = await authorize(user)  # while the provider's own login lasts, it answers without a page
    assert again.status_code == 302 and "/auth/callback?code=" in again.headers["location"]
    assert await logout(user) == "http://test/login?state=logged_out"
    _, page = await authorize(user)
    assert shows_the_provider_page(page)
    assert (await user.http_client.get("/overblik")).status_code == 303


async def test_the_expired_logout_comes_back_to_the_login_page_saying_so(user: User) -> None:
    await login(user, "demo-foraelder")
    assert await logout(user, reason="expired") == "http://test/login?state=expired"
    await user.open("/login?state=expired")
    await user.should_see("Du er blevet logget ud, fordi du ikke har været aktiv i et stykke tid.")


async def test_a_shared_device_asks_the_provider_for_a_new_login_every_time(user: User) -> None:
    await login(user, "demo-foraelder")  # the provider now has a session for this browser
    user.http_client.cookies.set(SHARED_DEVICE_COOKIE, "1")  # what the login page's switch leaves on the device
    location, page = await authorize(user)
    assert query(location)["prompt"] == ["login"]
    assert shows_the_provider_page(page)


async def test_the_login_page_offers_the_shared_device_switch_and_shows_the_devices_choice(user: User) -> None:
    await user.open("/login")
    await user.should_see("Dette er en delt enhed (fx en tablet på stuen)")
    assert switch_value(user) is False
    user.http_client.cookies.set(SHARED_DEVICE_COOKIE, "1")
    await user.open("/login")
    assert switch_value(user) is True


async def test_an_ordinary_login_asks_for_both_levels_and_a_chosen_level_3_is_kept(user: User) -> None:
    location, page = await authorize(user)
    assert query(location)["acr_values"] == [f"{NSIS_SUBSTANTIAL} {NSIS_HIGH}"]
    assert "prompt" not in query(location)
    assert await answer_at_provider(user, page, subject="demo-foraelder", acr="3") == "/"
    assert (await LoginRecord.all().order_by("-id").first()).acr == "3"  # type: ignore[union-attr]


async def test_step_up_asks_for_a_new_login_and_says_when_level_3_was_not_reached(user: User) -> None:
    sent = await send_to([await mette_id()], "Om Oscar", "Oscar har haft en svær uge.", sensitive=True)
    thread = f"/beskeder/{sent.thread_id}"
    await login(user, "demo-foraelder", acr="2")
    location, page = await authorize(user, step_up_path(thread))
    asked = query(location)
    assert (asked["prompt"], asked["max_age"], asked["acr_values"]) == (["login"], ["0"], [NSIS_HIGH])
    assert shows_the_provider_page(page)  # its session at level 2 does not answer for level 3
    assert await answer_at_provider(user, page, subject="demo-foraelder", acr="2") == thread
    await user.open(thread)
    await user.should_see("Login gav ikke sikringsniveau 3 (MitID)")
    await user.should_not_see("Oscar har haft en svær uge.")
    retry = user.find(marker="login-retry")
    retry.click()
    await user.should_see("Login gav ikke sikringsniveau 3 (MitID)", retries=1)


async def test_a_cancelled_step_up_returns_to_the_thread_still_signed_in_at_level_2(user: User) -> None:
    sent = await send_to([await mette_id()], "Om Oscar", "Oscar har haft en svær uge.", sensitive=True)
    thread = f"/beskeder/{sent.thread_id}"
    await login(user, "demo-foraelder", acr="2")
    _, page = await authorize(user, step_up_path(thread))
    assert await answer_at_provider(user, page, cancel="1") == thread
    await user.open(thread)
    await user.should_see("Du afbrød login med MitID. Du er stadig logget ind som før")
    await user.should_see("Følsom besked — log ind med MitID for at læse den")
    await user.should_not_see("Login blev afvist")
    assert (await user.http_client.get("/overblik")).status_code == 200


async def test_a_cancelled_login_without_a_session_says_it_was_cancelled(user: User) -> None:
    _, page = await authorize(user)
    assert await answer_at_provider(user, page, cancel="1") == "/login?reason=cancelled"
    await user.open("/login?reason=cancelled")
    await user.should_see("Login blev afbrudt.")
