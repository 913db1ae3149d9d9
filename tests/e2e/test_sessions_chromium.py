"""Sessions in Chromium: copied cookies give nothing, and a tab left open after logout cannot act."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SammenServer

Login = Callable[..., None]
LOGIN_PAGE = re.compile(r"/login(\?|$)")


def _log_out(page: Page) -> None:
    """Log out through the user menu, as a person does."""
    page.get_by_role("button", name="Din profil og log ud").click()
    page.locator(".q-menu .q-item", has_text="Log ud").click()
    page.wait_for_url(LOGIN_PAGE)


def _thief(browser: Browser, cookies: list[dict]) -> Page:  # type: ignore[type-arg]
    """Another browser holding a copy of the given cookies."""
    context = browser.new_context()
    context.add_cookies(cookies)  # type: ignore[arg-type]
    return context.new_page()


def test_the_session_cookie_is_httponly_and_lax(tablet: Page, login: Login) -> None:
    login(tablet, "demo-foraelder", "/overblik")
    session = [c for c in tablet.context.cookies() if c["name"] == "session"]
    assert session, tablet.context.cookies()
    assert session[0]["httpOnly"] is True
    assert session[0]["sameSite"] == "Lax"


def test_a_cookie_taken_before_login_gives_nothing(
        tablet: Page, browser: Browser, login: Login, base_url: str) -> None:
    tablet.goto(f"{base_url}/login")
    taken = tablet.context.cookies()
    assert any(c["name"] == "session" for c in taken)
    login(tablet, "demo-foraelder", "/overblik")
    thief = _thief(browser, taken)  # type: ignore[arg-type]
    try:
        thief.goto(f"{base_url}/overblik")
        thief.wait_for_url(LOGIN_PAGE)
        expect(thief.get_by_text("Mette")).to_have_count(0)
    finally:
        thief.context.close()


def test_a_cookie_taken_before_logout_stays_dead_after_the_next_login(
        tablet: Page, browser: Browser, login: Login, base_url: str) -> None:
    login(tablet, "demo-foraelder", "/overblik")
    taken = tablet.context.cookies()
    _log_out(tablet)
    login(tablet, "demo-leder", "/leder")
    thief = _thief(browser, taken)  # type: ignore[arg-type]
    try:
        for path in ("/overblik", "/leder"):
            thief.goto(f"{base_url}{path}")
            thief.wait_for_url(LOGIN_PAGE)
    finally:
        thief.context.close()


def _threads_named(server: SammenServer, subject: str) -> int:
    """How many threads the server's database holds with this subject."""
    with sqlite3.connect(server.log.parent / "sammen.sqlite3") as db:
        return int(db.execute("SELECT COUNT(*) FROM message_thread WHERE subject = ?", (subject,)).fetchone()[0])


def test_a_tab_left_open_after_logout_sends_nothing(
        tablet: Page, login: Login, base_url: str, sammen_server: SammenServer) -> None:
    login(tablet, "demo-laerer", "/personale")
    tablet.goto(f"{base_url}/beskeder/ny")
    tablet.get_by_placeholder("Søg efter navn, klasse eller gruppe").fill("2.A")
    tablet.locator(".q-item").filter(has_text=re.compile(r"forældre.*2\.A", re.IGNORECASE)).first.click()
    expect(tablet.locator("text=/Modtages af \\d+ person/")).to_be_visible()
    tablet.get_by_label("Emne").fill("Sendt efter logud")
    tablet.get_by_label("Besked", exact=True).fill("Denne besked må ikke blive sendt.")

    other_tab = tablet.context.new_page()
    other_tab.goto(f"{base_url}/personale")
    _log_out(other_tab)

    tablet.get_by_role("button", name="Send", exact=True).click()
    tablet.wait_for_url(LOGIN_PAGE)
    assert _threads_named(sammen_server, "Sendt efter logud") == 0
