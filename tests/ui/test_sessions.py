"""Sessions: a copied cookie opens nothing, and an open page whose login ended or expired acts no more."""

from __future__ import annotations

import httpx
import pytest
from nicegui.testing import User

from auth.session import MAX_SESSION_DAYS, cookie_settings
from persistence.messages import Thread
from persistence.organisation import Group
from tests.clocks import TestClock
from tests.ui.conftest import login, logout


def _copy_of(user: User, cookies: httpx.Cookies) -> httpx.AsyncClient:
    """Another browser presenting the given cookies to the same app (an attacker holding a copied cookie)."""
    return httpx.AsyncClient(transport=user.http_client._transport, base_url=user.http_client.base_url,
                             cookies=httpx.Cookies(cookies))


async def _log_out(user: User) -> None:
    """Log out as the user menu does, from another tab of the same browser."""
    assert (await logout(user)).endswith("/login?state=logged_out")


@pytest.fixture
def one_minute_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions may sit idle for one minute (set before the app starts)."""
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "1")


def test_the_cookie_is_lax_and_lives_no_longer_than_a_session() -> None:
    assert cookie_settings("https://sammen.kommune.dk") == {
        "same_site": "lax", "https_only": True, "max_age": MAX_SESSION_DAYS * 24 * 3600}
    assert cookie_settings("http://localhost:8080")["https_only"] is False


async def test_a_cookie_copied_before_login_opens_nothing(user: User) -> None:
    before = await user.http_client.get("/login")
    assert before.status_code == 200
    copied = httpx.Cookies(user.http_client.cookies)
    await login(user, "demo-foraelder")
    assert (await user.http_client.get("/overblik")).status_code == 200
    async with _copy_of(user, copied) as thief:
        answer = await thief.get("/overblik")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")


async def test_a_cookie_copied_before_logout_opens_nothing_after_the_next_login(user: User) -> None:
    await login(user, "demo-foraelder")
    copied = httpx.Cookies(user.http_client.cookies)
    await _log_out(user)
    await login(user, "demo-leder")
    assert (await user.http_client.get("/leder")).status_code == 200
    async with _copy_of(user, copied) as thief:
        for path in ("/overblik", "/leder"):
            answer = await thief.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/login"), path


async def _compose_to_2a(user: User, subject: str, clock: TestClock | None = None) -> None:
    """A teacher's compose page, filled in for the parents of 2.A, not yet sent (50 s pass after opening it)."""
    await user.open("/beskeder/ny")
    if clock is not None:
        clock.advance(seconds=50)
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    user.find(marker="recipient-search").type("2.A")
    await user.should_see("Alle forældre i 2.A")
    user.find(marker=f"choice-group_guardians:{two_a.id}").click()
    await user.should_see(marker=f"chip-group_guardians:{two_a.id}")
    user.find(marker="subject").type(subject)
    user.find(marker="body").type("Husk madpakke.")


async def test_send_on_a_page_left_open_after_logout_sends_nothing(user: User) -> None:
    await login(user, "demo-laerer")
    await _compose_to_2a(user, "Efter logud")
    await _log_out(user)
    user.find(marker="send").click()
    await user.should_see("Log ind med MitID / UNI-Login")
    assert not await Thread.filter(subject="Efter logud").exists()


async def test_send_after_the_idle_limit_sends_nothing(one_minute_idle: None, user: User, clock: TestClock) -> None:
    await login(user, "demo-laerer")
    await _compose_to_2a(user, "Efter pause")
    clock.advance(seconds=100)
    user.find(marker="send").click()
    await user.should_see("Log ind med MitID / UNI-Login")
    assert not await Thread.filter(subject="Efter pause").exists()


async def test_working_on_an_open_page_keeps_the_session_alive(
        one_minute_idle: None, user: User, clock: TestClock) -> None:
    await login(user, "demo-laerer")
    await _compose_to_2a(user, "Aktiv hele tiden", clock)  # choosing the recipients is activity on the page
    clock.advance(seconds=50)  # 100 s after the page opened, 50 s after the last click
    user.find(marker="send").click()
    await user.should_see("Sendt til")
    assert await Thread.filter(subject="Aktiv hele tiden").exists()


async def test_a_step_up_issues_a_new_identifier_and_open_pages_keep_working(user: User) -> None:
    await login(user, "demo-laerer")
    await _compose_to_2a(user, "Før og efter niveau 3")
    copied = httpx.Cookies(user.http_client.cookies)
    await login(user, "demo-laerer", acr="3")  # the step-up, from another tab of the same browser
    async with _copy_of(user, copied) as thief:
        answer = await thief.get("/personale")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    user.find(marker="send").click()  # the page opened before the step-up belongs to the same login
    await user.should_see("Sendt til")
    assert await Thread.filter(subject="Før og efter niveau 3").exists()
