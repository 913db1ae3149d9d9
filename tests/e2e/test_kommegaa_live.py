"""KommeGå in Chromium with two browser contexts: a parent's phone and a staff tablet see each other's changes live."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.kommegaa_support import ensure_here, open_plan_page, plan_pickup

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def _check_out_with_farmor(tablet: Page, tile_selector: str) -> None:
    """Open Oscar's panel; check him in first when he is not here yet, then check him out with Farmor."""
    tile = tablet.locator(tile_selector)
    tile.click()
    panel = tablet.locator(".q-dialog").last
    check_in = panel.get_by_role("button", name="Tjek ind", exact=True)
    farmor = panel.get_by_role("button", name=re.compile("Farmor"))
    expect(check_in.or_(farmor).first).to_be_visible()
    if check_in.count():
        check_in.click()
        expect(tile).to_contain_text("Til stede")
        tablet.keyboard.press("Escape")
        tile.click()
        panel = tablet.locator(".q-dialog").last
        farmor = panel.get_by_role("button", name=re.compile("Farmor"))
    farmor.first.click()


def test_parent_plans_farmor_and_the_tablet_sees_it_then_checks_oscar_out(
        phone: Page, tablet: Page, login: Login, base_url: str, screenshot: Screenshot) -> None:
    child_id = open_plan_page(phone, login)
    login(tablet, "demo-paedagog-bfo", "/personale")
    tablet.goto(f"{base_url}/kommegaa")
    tablet.get_by_placeholder("Søg på navn").fill("Oscar")  # found whatever his status (the default view hides some)
    tile_selector = f'[data-child="{child_id}"]'
    tile = tablet.locator(tile_selector)
    expect(tile).to_contain_text("Oscar")
    ensure_here(tablet, tile)  # a child reported sick is picked up by no one, so the plan would not show
    screenshot(tablet, "board-before")

    plan_pickup(phone)
    screenshot(phone, "plan-saved")

    expect(tile).to_contain_text("14:30 · Farmor")  # arrived on the open board without a reload
    screenshot(tablet, "board-after-plan")

    _check_out_with_farmor(tablet, tile_selector)
    expect(tile).to_contain_text("Gået hjem")
    screenshot(tablet, "board-after-check-out")

    page = phone.locator(".q-page")
    expect(page).to_contain_text("Gået hjem")  # the parent's open page follows without a reload
    expect(page).to_contain_text(re.compile(r"Hentet \d\d:\d\d af Farmor"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "parent-after-check-out")


def test_oscar_checks_in_on_the_wall_screen_but_cannot_check_himself_out(
        phone: Page, browser: Browser, login: Login, base_url: str, screenshot: Screenshot) -> None:
    open_plan_page(phone, login)
    plan_pickup(phone)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    wall = context.new_page()
    try:
        wall.goto(f"{base_url}/vaegskaerm?token=1.demo-skovly-bfo-vaegskaerm")
        wall.wait_for_url(f"{base_url}/vaegskaerm")  # the token leaves the address bar
        oscar = wall.get_by_text("Oscar", exact=True).first
        expect(oscar).to_be_visible()
        expect(wall.locator("body")).not_to_contain_text("Kristensen")  # first names only on the wall
        screenshot(wall, "wall-screen")
        oscar.click()
        dialog = wall.locator(".q-dialog").last
        check_in = dialog.get_by_role("button", name="Tjek ind")
        check_out = dialog.get_by_role("button", name="Tjek ud")
        expect(check_in.or_(check_out).first).to_be_visible()
        if check_in.count():
            check_in.click()
            expect(wall.locator("body")).to_contain_text("Hej Oscar! Du er tjekket ind")
            screenshot(wall, "wall-screen-checked-in")
            wall.keyboard.press("Escape")
            oscar.click()
            dialog = wall.locator(".q-dialog").last
        dialog.get_by_role("button", name="Tjek ud").click()
        expect(wall.locator("body")).to_contain_text("Farmor henter dig i dag")
        screenshot(wall, "wall-screen-refused")
    finally:
        context.close()
