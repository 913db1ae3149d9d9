"""The Farmor afternoon in Chromium: picked up by Mette, back again, then Farmor planned; every screen says Farmor."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.kommegaa_support import dialog_of, ensure_here, open_plan_page, plan_pickup

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def _act(tablet: Page, tile: Locator, button: re.Pattern[str] | str, then: str) -> None:
    """Tap a button in the tile's dialog and wait for the tile to show the new state."""
    name = button if isinstance(button, re.Pattern) else re.compile(f"^{re.escape(button)}$")
    dialog_of(tablet, tile).get_by_role("button", name=name).first.click()
    expect(tile).to_contain_text(then)


def test_farmor_planned_after_a_pickup_and_a_re_check_in_is_said_on_tablet_phone_and_wall(
        phone: Page, tablet: Page, browser: Browser, login: Login, base_url: str, screenshot: Screenshot) -> None:
    child_id = open_plan_page(phone, login)
    login(tablet, "demo-paedagog-bfo", "/personale")
    tablet.goto(f"{base_url}/kommegaa")
    tablet.get_by_placeholder("Søg på navn").fill("Oscar")  # found whatever his status
    tile = tablet.locator(f'[data-child="{child_id}"]')
    expect(tile).to_be_visible()

    ensure_here(tablet, tile)
    _act(tablet, tile, re.compile(r"Mette"), "Gået hjem")  # Mette picks him up ...
    _act(tablet, tile, "Tjek ind", "Til stede")  # ... and he comes back the same day
    plan_pickup(phone, "15:30", "Farmor")  # then Mette plans Farmor for the rest of the day

    pickup = tile.locator("[data-pickup]")
    expect(pickup).to_contain_text("Farmor")  # on the open board without a reload
    expect(pickup).not_to_contain_text("Mette")
    screenshot(tablet, "board-farmor")
    dialog = dialog_of(tablet, tile)
    expect(dialog.locator("[data-pickup]")).to_contain_text("Farmor")
    expect(dialog.locator("[data-checkout-default]")).to_contain_text("Farmor")
    expect(dialog.locator("[data-checkout-default]")).not_to_contain_text("Mette")
    screenshot(tablet, "dialog-farmor")
    dialog.get_by_role("button", name="Luk").click()

    phone.goto(f"{base_url}/overblik")
    card = phone.locator(".q-card").filter(has_text="Oscar Kristensen").first
    expect(card).to_contain_text("Farmor")
    expect(card).not_to_contain_text("Mette")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "overblik-farmor")

    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    wall = context.new_page()
    try:
        wall.goto(f"{base_url}/vaegskaerm?token=1.demo-skovly-bfo-vaegskaerm")
        wall.wait_for_url(f"{base_url}/vaegskaerm")
        wall.get_by_text(re.compile(r"^Oscar( K\.)?$")).first.click()
        wall.locator(".q-dialog").last.get_by_role("button", name="Tjek ud").click()
        expect(wall.locator("[data-kiosk-problem]")).to_contain_text("Farmor henter dig i dag")
        expect(wall.locator("body")).not_to_contain_text("Mette")
        screenshot(wall, "wall-farmor")
    finally:
        context.close()
