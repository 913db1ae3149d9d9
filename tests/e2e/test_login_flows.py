"""Login flows in a real browser: parents on a phone, staff on a tablet, the admin on a desktop, the dev IdP."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def _header_button(page: Page, icon: str) -> Locator:
    """A header button identified by its Material icon name (account_circle, menu)."""
    return page.locator("header button").filter(has=page.locator("i", has_text=re.compile(f"^{icon}$")))


def _open_user_menu(page: Page) -> Locator:
    _header_button(page, "account_circle").click()
    menu = page.locator(".q-menu")
    expect(menu).to_be_visible()
    return menu


def _no_horizontal_scroll(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: scrollWidth {scroll_width} > {width}"


def test_parent_on_phone_sees_children_and_a_childs_history(
        phone: Page, login: Login, base_url: str, screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    main = phone.locator(".q-page")
    expect(main.get_by_text("Hej Mette")).to_be_visible()
    oscar = main.locator(".q-card", has_text="Oscar Kristensen")
    freja = main.locator(".q-card", has_text="Freja Kristensen")
    expect(oscar).to_contain_text("Skovlyskolen")
    expect(oscar).to_contain_text("2.A")
    expect(oscar).to_contain_text("Skovlyskolens BFO")
    expect(freja).to_contain_text("Solsikken")
    expect(freja).to_contain_text("Børnehave")
    _no_horizontal_scroll(phone, 390)
    screenshot(phone, "overblik")

    oscar.click()
    phone.wait_for_url(re.compile(rf"^{re.escape(base_url)}/barn/\d+$"))
    history = phone.locator(".q-card", has_text="Forløb 0–16 år")
    expect(history).to_be_visible()
    entries = history.locator(".q-timeline__entry")
    expect(entries.first).to_be_visible()
    assert entries.count() >= 2, "Oscar (8) has been in daycare before school: expected at least two enrolments"
    expect(history).to_contain_text("Skovlyskolen")
    expect(history).to_contain_text("Solsikken")
    _no_horizontal_scroll(phone, 390)
    screenshot(phone, "child")


def test_staff_on_tablet_switches_role_to_parent(
        tablet: Page, login: Login, base_url: str, screenshot: Screenshot) -> None:
    login(tablet, "demo-paedagog-bfo", "/personale")
    main = tablet.locator(".q-page")
    institution = main.locator(".q-card", has_text="Skovlyskolens BFO").first
    expect(institution).to_contain_text("Grupper")
    # a group chip with its head count, "1 barn" or "12 børn" (the small demo's groups vary with the day)
    expect(institution.locator(".q-card").first).to_contain_text(re.compile(r"\d+ (barn|børn)"))
    expect(tablet.locator("header")).to_contain_text("Medarbejder")  # the active role, shown for multi-role users
    screenshot(tablet, "personale")

    menu = _open_user_menu(tablet)
    expect(menu).to_contain_text("Sofie Nielsen")
    menu.locator(".q-item", has_text="Forælder").click()
    tablet.wait_for_url(f"{base_url}/overblik")
    expect(tablet.locator(".q-page").locator(".q-card", has_text="Alma Nielsen")).to_be_visible()
    expect(tablet.locator("header")).to_contain_text("Forælder")
    screenshot(tablet, "overblik")


def test_dev_idp_search_filters_the_users(phone: Page, base_url: str) -> None:
    phone.goto(f"{base_url}/login")
    phone.get_by_role("button", name="Log ind med MitID / UNI-Login").click()
    phone.wait_for_url(re.compile(r"/dev-idp/authorize"))
    users = phone.locator('button[name="subject"]')
    assert users.count() >= 10
    phone.locator("#search").fill("Birgitte")
    expect(phone.locator('button[name="subject"]:visible')).to_have_count(1)
    expect(phone.locator('button[name="subject"][value="demo-ppr"]')).to_be_visible()
    expect(phone.locator('button[name="subject"][value="demo-foraelder"]')).to_be_hidden()
    expect(phone.locator("#no-match")).to_be_hidden()

    phone.locator("#search").fill("zzz-nobody")
    expect(phone.locator('button[name="subject"]:visible')).to_have_count(0)
    expect(phone.locator("#no-match")).to_be_visible()
    phone.locator("#search").fill("")
    expect(phone.locator('button[name="subject"]:visible')).to_have_count(users.count())


def test_assurance_level_3_login_succeeds(desktop: Page, login: Login) -> None:
    login(desktop, "demo-leder", "/leder", acr="3")
    expect(desktop.locator(".q-page")).to_contain_text("Administration af Solsikken")


def test_admin_on_desktop_sees_institutions_and_switches_to_english(
        desktop: Page, login: Login, screenshot: Screenshot) -> None:
    login(desktop, "demo-admin", "/kommune")
    main = desktop.locator(".q-page")
    expect(main.get_by_text("Kommunens institutioner", exact=True)).to_be_visible()
    table = main.locator(".q-table")
    expect(table.locator("thead")).to_contain_text("Institution")
    expect(table.locator("tbody tr", has_text="Skovlyskolen").first).to_be_visible()
    assert table.locator("tbody tr").count() >= 10, "the demo municipality has 16 institutions at scale 0.1"
    _no_horizontal_scroll(desktop, 1440)

    language = desktop.locator("header button").filter(has_text=re.compile(r"^\s*EN\s*$"))
    expect(language).to_have_count(1)
    language.click()
    expect(main.get_by_text("The municipality's institutions", exact=True)).to_be_visible()
    expect(table.locator("thead")).to_contain_text("Kind")
    expect(main).to_contain_text("Records per page")  # Quasar's own texts follow the session's language
    expect(desktop.locator("header button").filter(has_text=re.compile(r"^\s*DA\s*$"))).to_have_count(1)
    screenshot(desktop, "english")


def test_phone_drawer_opens_navigation(phone: Page, login: Login, base_url: str) -> None:
    login(phone, "demo-admin", "/kommune")
    header_links = phone.locator("header button", has_text="Udrulning")
    expect(header_links).to_be_hidden()  # the header's nav links give way to the menu on a phone
    drawer = phone.locator(".q-drawer")
    expect(drawer).to_be_hidden()

    _header_button(phone, "menu").click()
    expect(drawer).to_be_visible()
    link = drawer.locator("button", has_text="Udrulning")
    expect(link).to_be_visible()
    expect(drawer.locator("button", has_text="Kommunen")).to_be_visible()
    link.click()
    phone.wait_for_url(f"{base_url}/udrulning")
    # The address changes before the page is built; the Udrulning page (Gantt charts) took over 5 s on a loaded CI.
    expect(phone.locator(".q-page")).to_contain_text("Udrulning", timeout=15_000)


def test_logout_via_user_menu_returns_to_login(tablet: Page, login: Login, base_url: str) -> None:
    login(tablet, "demo-foraelder", "/overblik")
    menu = _open_user_menu(tablet)
    menu.locator(".q-item", has_text="Log ud").click()
    tablet.wait_for_url(re.compile(rf"^{re.escape(base_url)}/login"))
    expect(tablet.get_by_text("Du er logget ud.")).to_be_visible()

    tablet.goto(f"{base_url}/overblik")  # the session is really gone
    tablet.wait_for_url(re.compile(rf"^{re.escape(base_url)}/login"))
    expect(tablet.get_by_role("button", name="Log ind med MitID / UNI-Login")).to_be_visible()


def test_after_logout_log_ind_asks_the_provider_again(tablet: Page, login: Login, base_url: str) -> None:
    login(tablet, "demo-foraelder", "/overblik")
    tablet.goto(f"{base_url}/auth/logout")  # a link (another site could plant it) logs nobody out
    tablet.wait_for_url(f"{base_url}/overblik")
    menu = _open_user_menu(tablet)
    menu.locator(".q-item", has_text="Log ud").click()
    tablet.wait_for_url(re.compile(rf"^{re.escape(base_url)}/login\?state=logged_out"))
    expect(tablet.get_by_text("Du er logget ud.")).to_be_visible()
    tablet.get_by_role("button", name="Log ind med MitID / UNI-Login").click()
    tablet.wait_for_url(re.compile(r"/dev-idp/authorize"))  # the provider's login ended too: it asks who this is
    expect(tablet.locator('button[name="subject"][value="demo-leder"]')).to_be_visible()


def test_a_shared_tablet_asks_the_provider_at_every_login(tablet: Page, login: Login, base_url: str) -> None:
    tablet.goto(f"{base_url}/login")
    tablet.get_by_role("switch", name="Dette er en delt enhed (fx en tablet på stuen)").click()
    tablet.wait_for_function("document.cookie.includes('sammen_shared_device=1')")
    login(tablet, "demo-foraelder", "/overblik")
    cookies = {c["name"]: c for c in tablet.context.cookies()}
    assert cookies["sammen_shared_device"]["value"] == "1"
    tablet.goto(f"{base_url}/login")  # the next person, without anyone logging out
    expect(tablet.get_by_role("switch", name="Dette er en delt enhed (fx en tablet på stuen)")).to_be_checked()
    tablet.get_by_role("button", name="Log ind med MitID / UNI-Login").click()
    tablet.wait_for_url(re.compile(r"/dev-idp/authorize\?.*prompt=login"))
    expect(tablet.locator('button[name="subject"][value="demo-leder"]')).to_be_visible()
