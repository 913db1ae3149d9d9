"""The profile in sections on a 390x844 phone in Chromium: a guardian skips a first-login step, then moves through
/profil by its section navigation with the keyboard and opens a widget's details with a tap; it also fits 1440 px."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import SammenServer
from tests.e2e.first_login_support import fresh_first_login

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
FOCUSED = "() => (document.activeElement && document.activeElement.textContent) || ''"


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _tab_to(page: Page, name: str, most: int = 40) -> None:
    """Press Tab until the link with exactly this text has the focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.tagName === 'A' ? "
                         "document.activeElement.textContent.trim() : ''") == name:
            return
    raise AssertionError(f"no link named {name} in the first {most} tab stops")


def test_a_guardian_skips_a_step_and_uses_the_profiles_sections_by_keyboard_on_a_phone(
        phone: Page, login: Login, base_url: str, screenshot: Screenshot, sammen_server: SammenServer) -> None:
    fresh_first_login(sammen_server)
    login(phone, "demo-foraelder", "/overblik")
    welcome = phone.get_by_role("region", name="Velkommen til Sammen")
    expect(welcome.get_by_text("Trin 1 af 5: Privatlivspolitik")).to_be_visible()
    _fits(phone, 390)
    screenshot(phone, "privacy-step")
    welcome.get_by_role("button", name="Spring over").tap()
    step = welcome.get_by_text("Trin 2 af 5: Kontaktoplysninger")
    expect(step).to_be_visible()
    expect(step).to_be_focused()  # the next step's heading takes focus, so Tab goes on from there
    # The picture uploader is drawn after the page was sent: its file input is still named (axe's "label" rule).
    expect(welcome.locator(".q-uploader__input")).to_have_attribute("aria-label", "Vælg billede")

    phone.goto(f"{base_url}/profil")
    nav = phone.get_by_role("navigation", name="Gå til afsnit")
    expect(nav).to_be_visible()
    _fits(phone, 390)
    screenshot(phone, "profile-top")
    _tab_to(phone, "Stamkort")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/profil#stamkort$"))
    section = phone.get_by_role("region", name="Stamkort", exact=True)
    expect(section).to_be_focused()
    heading = section.get_by_role("heading", level=2, name="Stamkort")
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    assert box is not None and box["y"] >= 56  # below the fixed app bar, not hidden under it
    phone.keyboard.press("Tab")  # from the section on to its first link
    assert re.fullmatch(r"Stamkort for Oscar Kristensen", phone.evaluate(FOCUSED).strip())
    screenshot(phone, "stamkort-section")

    widgets = phone.get_by_role("region", name="Data delt med widgets")
    details = widgets.get_by_text(re.compile(r"^Detaljer om ")).first  # Overblik's widgets were given data
    expect(details).to_be_visible()
    expect(widgets.get_by_text(re.compile(r"gange, senest")).first).to_be_hidden()
    details.tap()
    expect(widgets.get_by_text(re.compile(r"gange, senest")).first).to_be_visible()
    screenshot(phone, "widget-details")
    _fits(phone, 390)


def test_the_profile_fits_a_1440_px_desktop(desktop: Page, login: Login, base_url: str) -> None:
    login(desktop, "demo-foraelder", "/overblik")
    desktop.goto(f"{base_url}/profil")
    expect(desktop.get_by_role("navigation", name="Gå til afsnit")).to_be_visible()
    headings = desktop.locator("main h2, .q-page h2").all_text_contents()
    order = ["Kontaktoplysninger", "Notifikationer og enheder", "Samtykker", "Stamkort", "Data delt med widgets",
             "Hent mine data"]
    assert [h for h in headings if h in order] == order
    _fits(desktop, 1440)
    desktop.goto(f"{base_url}/profil#stamkort")  # as the link from Overblik's "ting mangler" arrives
    expect(desktop.get_by_role("region", name="Stamkort", exact=True)).to_be_focused()
    expect(desktop.get_by_role("heading", level=2, name="Stamkort")).to_be_in_viewport()
