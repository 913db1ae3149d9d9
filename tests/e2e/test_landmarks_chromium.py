"""The shared chrome in Chromium: one h1, nav and main landmarks, a skip link, named buttons, visible focus (WCAG)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

Login = Callable[..., None]

# (subject, home, pages) for each role, at the device size the role uses.
PAGES = [
    ("demo-foraelder", "/overblik", ("/overblik", "/beskeder", "/kalender", "/profil")),
    ("demo-laerer", "/personale", ("/personale", "/beskeder", "/opslag", "/kalender")),
    ("demo-leder", "/leder", ("/leder", "/leder/kommegaa")),
    ("demo-admin", "/kommune", ("/kommune", "/kommune/widgets", "/kommune/persondata", "/udrulning")),
    ("demo-projektgruppe", "/udrulning", ("/udrulning", "/udrulning/evaluering")),
]
CASES = [(subject, home, path) for subject, home, paths in PAGES for path in paths]

# Controls with no aria-label and no text besides an icon's ligature ("edit" is text to the DOM, not a name).
ICON_TEXT = """() => [...document.querySelectorAll('button, [role=button], [role=switch], [role=checkbox]')]
  .filter(e => e.offsetParent !== null)
  .filter(e => !(e.getAttribute('aria-label') || '').trim() && !e.getAttribute('aria-labelledby'))
  .filter(e => { const c = e.cloneNode(true); c.querySelectorAll('.q-icon, .material-icons, [aria-hidden=true]')
                 .forEach(i => i.remove()); return !(c.textContent || '').trim(); })
  .map(e => e.outerHTML.slice(0, 160))"""


def _open(page: Page, login: Login, base_url: str, subject: str, home: str, path: str) -> None:
    login(page, subject, home)
    if path != home:
        page.goto(f"{base_url}{path}")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(("subject", "home", "path"), CASES)
def test_each_page_has_one_h1_and_nav_and_main_landmarks(tablet: Page, login: Login, base_url: str, subject: str,
                                                         home: str, path: str) -> None:
    _open(tablet, login, base_url, subject, home, path)
    assert tablet.locator("h1").count() == 1, path
    expect(tablet.locator("h1")).to_be_visible()
    assert tablet.get_by_role("main").count() == 1, path
    assert tablet.get_by_role("navigation").count() >= 1, path
    assert tablet.locator("h1").evaluate("h => !!h.closest('main')"), "the h1 is the main region's heading"


@pytest.mark.parametrize(("subject", "home", "path"), CASES)
def test_every_button_and_switch_on_the_page_has_a_name(tablet: Page, login: Login, base_url: str, subject: str,
                                                        home: str, path: str) -> None:
    _open(tablet, login, base_url, subject, home, path)
    assert tablet.evaluate(ICON_TEXT) == [], path


def test_the_widget_switches_are_named_by_widget_and_institution(tablet: Page, login: Login, base_url: str) -> None:
    _open(tablet, login, base_url, "demo-admin", "/kommune", "/kommune/widgets")
    switch = tablet.get_by_role("switch").first
    name = switch.get_attribute("aria-label") or ""
    assert " for " in name and " på " in name, name  # "Madplan for Forælder på Solsikken"
    assert tablet.evaluate(ICON_TEXT) == []


def test_tab_once_reaches_the_skip_link_and_enter_moves_focus_into_main(tablet: Page, login: Login,
                                                                      base_url: str) -> None:
    _open(tablet, login, base_url, "demo-laerer", "/personale", "/beskeder")
    tablet.keyboard.press("Tab")
    focused = tablet.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Gå til indhold"
    skip = tablet.locator(".sammen-skip")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is on screen"
    tablet.keyboard.press("Enter")
    assert tablet.evaluate("!!document.activeElement.closest('main')")
    tablet.keyboard.press("Tab")
    assert tablet.evaluate("!!document.activeElement.closest('main')"), "the next Tab stays in the content"


def test_a_focused_button_shows_a_ring_and_the_user_menu_items_are_menuitems(tablet: Page, login: Login,
                                                                             base_url: str) -> None:
    _open(tablet, login, base_url, "demo-leder", "/leder", "/leder")
    menu = tablet.get_by_role("button", name="Din profil og log ud")
    menu.focus()
    tablet.keyboard.press("Shift+Tab")
    tablet.keyboard.press("Tab")
    outline = menu.evaluate("b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth")
    assert outline == "solid 3px"
    tablet.keyboard.press("Enter")
    expect(tablet.get_by_role("menu")).to_be_visible()
    items = tablet.get_by_role("menu").get_by_role("menuitem")
    expect(items.filter(has_text="Log ud")).to_have_count(1)
    assert tablet.get_by_role("menu").locator("[role=listitem]").count() == 0
    tablet.keyboard.press("Escape")
    expect(tablet.get_by_role("menu")).to_have_count(0)


def test_an_icon_buttons_tooltip_closes_with_escape(tablet: Page, login: Login, base_url: str) -> None:
    _open(tablet, login, base_url, "demo-laerer", "/personale", "/kalender")
    button = tablet.get_by_role("button", name="Næste").first
    button.hover()
    expect(tablet.locator(".q-tooltip")).to_be_visible()
    tablet.keyboard.press("Escape")
    expect(tablet.locator(".q-tooltip")).to_have_count(0)


def test_a_dialog_is_announced_by_its_title_and_its_title_is_a_heading(tablet: Page, login: Login,
                                                                       base_url: str) -> None:
    _open(tablet, login, base_url, "demo-admin", "/kommune", "/kommune/widgets/leverandoerer")
    tablet.get_by_role("button", name="Registrér widget").click()
    dialog = tablet.get_by_role("dialog", name="Registrér widget")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", level=2, name="Registrér widget")).to_be_visible()


def test_the_login_page_has_its_h1_and_a_main_landmark(phone: Page, base_url: str) -> None:
    phone.goto(f"{base_url}/login")
    expect(phone.locator("h1")).to_have_count(1)
    expect(phone.locator("h1")).to_have_text("Sammen")
    expect(phone.get_by_role("main")).to_have_count(1)
