"""The stamkort in Chromium: a parent on a phone fills it in by keyboard; the pædagog's board marks the allergy live."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

Login = Callable[..., None]


def tab_to_field(page: Page, label: str, limit: int = 40) -> None:
    """Press Tab until the field with this label has focus."""
    field = page.get_by_label(label, exact=True)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if field.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"the field {label!r} never got focus")


def replace_text(page: Page, text: str) -> None:
    """Select what the focused field holds and type over it."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def show_all(tablet: Page) -> None:
    """Choose 'Alle' in the board's status filter, so a child at home or sick is shown as well."""
    tablet.get_by_label("Status").click()
    tablet.get_by_role("option", name="Alle", exact=True).click()
    tablet.keyboard.press("Escape")


def test_a_parent_fills_the_stamkort_by_keyboard_and_the_board_marks_the_allergy(
        phone: Page, tablet: Page, login: Login, base_url: str) -> None:
    login(phone, "demo-foraelder", "/overblik", acr="3")
    phone.locator(".q-page").locator(".q-card:has-text('Oscar Kristensen')").first.click()
    phone.wait_for_url(re.compile(r"/barn/\d+$"))
    phone.locator("a[href$='/stamkort']").first.click()
    phone.wait_for_url(re.compile(r"/barn/\d+/stamkort$"))
    child_id = re.search(r"/barn/(\d+)/stamkort", phone.url).group(1)  # type: ignore[union-attr]
    expect(phone.get_by_role("heading", name="Stamkort for Oscar Kristensen")).to_be_visible()

    # The pædagog's board is open before the parent saves: the mark must change there without a reload.
    login(tablet, "demo-paedagog-bfo", "/personale")
    tablet.goto(f"{base_url}/kommegaa")
    expect(tablet.locator("[data-child]").first).to_be_attached()
    show_all(tablet)
    tile = tablet.locator(f'[data-child="{child_id}"]')
    expect(tile).to_have_attribute("aria-label", re.compile(r"allergi: Jordnødder og nødder$"))

    tab_to_field(phone, "Allergier")
    replace_text(phone, "Jordnødder og sesam")
    tab_to_field(phone, "Kost og diæt", limit=3)
    replace_text(phone, "Ingen nødder eller sesam i madpakken")
    tab_to_field(phone, "Helbredsoplysninger", limit=6)
    phone.keyboard.type("Astma, spray i tasken")
    save = phone.get_by_role("button", name="Gem stamkort")
    for _ in range(12):
        if save.evaluate("e => e === document.activeElement"):
            break
        phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Stamkortet er gemt")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing pushes the phone page sideways

    expect(tile).to_have_attribute("aria-label", re.compile(r"allergi: Jordnødder og sesam$"))
    expect(tile.locator("[data-allergy]")).to_be_visible()
    tile.click()
    dialog = tablet.get_by_role("dialog")
    expect(dialog.get_by_text("Allergi: Jordnødder og sesam")).to_be_visible()
    expect(dialog.get_by_text("Kost: Ingen nødder eller sesam i madpakken")).to_be_visible()
    expect(dialog.get_by_text("Astma")).to_have_count(0)  # health notes never reach the board
