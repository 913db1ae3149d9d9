"""Steps the KommeGå Chromium tests share: the parent's planning page and a day's pickup on it."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

Login = Callable[..., None]


def open_plan_page(phone: Page, login: Login) -> int:
    """The parent opens Oscar's planning page from Overblik; returns his id from the address."""
    login(phone, "demo-foraelder", "/overblik")
    card = phone.locator(".q-card").filter(has_text="Oscar Kristensen").first
    card.get_by_role("button", name="Planlæg").click()
    phone.wait_for_url(re.compile(r"/kommegaa/plan/\d+$"))
    found = re.search(r"/kommegaa/plan/(\d+)$", phone.url)
    assert found, phone.url
    return int(found.group(1))


def plan_pickup(phone: Page, at: str = "14:30", by: str = "Farmor") -> None:
    """On the open planning page: today Oscar is picked up at a time by someone on his list."""
    phone.get_by_label("Hentes kl.").first.fill(at)
    phone.get_by_label("Hentes af").first.click()
    phone.locator(".q-menu").get_by_text(by, exact=True).click()
    phone.get_by_role("button", name="Gem dagens plan").click()
    expect(phone.locator(".q-notification").last).to_contain_text("Dagens plan er gemt")


def dialog_of(tablet: Page, tile: Locator) -> Locator:
    """Open the tile's dialog and return it."""
    tile.click()
    dialog = tablet.locator(".q-dialog").last
    expect(dialog.get_by_role("button", name="Luk")).to_be_visible()
    return dialog


def ensure_here(tablet: Page, tile: Locator) -> None:
    """Check Oscar in when he is not here (the demo may start him sick, and earlier tests move him)."""
    dialog = dialog_of(tablet, tile)
    check_in = dialog.get_by_role("button", name="Tjek ind", exact=True)
    here = dialog.locator("[data-checkout-default]")
    expect(check_in.or_(here).first).to_be_visible()
    if check_in.count():
        check_in.click()
        expect(tile).to_contain_text("Til stede")
    else:
        dialog.get_by_role("button", name="Luk").click()
