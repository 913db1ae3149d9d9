"""The admin creates a tværgående gruppe by keyboard in Chromium at 1440 px and sees the member preview first."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from domain.dates import show_day
from tests.conftest import TODAY

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def test_the_admin_creates_a_cross_group_by_keyboard_and_sees_the_preview(desktop: Page, login: Login,
                                                                            base_url: str,
                                                                            screenshot: Screenshot) -> None:
    login(desktop, "demo-admin", "/kommune")
    desktop.goto(f"{base_url}/kommune/grupper")
    main = desktop.locator(".q-page")
    expect(main.get_by_role("heading", name="Tværgående læsevenner")).to_be_visible()
    main.get_by_role("button", name="Opret gruppe").focus()
    desktop.keyboard.press("Enter")
    dialog = desktop.get_by_role("dialog")
    name = dialog.get_by_role("textbox", name="Navn")
    expect(name).to_be_focused()  # the dialog opens in its first field, so typing goes there at once
    desktop.keyboard.type("Corona-nødpasning")
    desktop.keyboard.press("Tab")
    expect(dialog.get_by_role("textbox", name="Formål")).to_be_focused()
    desktop.keyboard.type("Fælles beskeder til skole og BFO under nedlukningen")
    expiry = dialog.get_by_role("textbox", name="Udløber")
    expiry.focus()
    desktop.keyboard.type(show_day(TODAY + timedelta(days=60)))
    institutions = dialog.get_by_label("Institutioner i regel 1")
    institutions.focus()
    desktop.keyboard.press("Enter")  # the list opens; the first institution is highlighted and chosen with Enter
    expect(desktop.get_by_role("listbox")).to_be_visible()
    desktop.keyboard.press("ArrowDown")
    desktop.keyboard.press("Enter")
    desktop.keyboard.press("Escape")
    preview = dialog.get_by_role("status")
    expect(preview).to_have_text(re.compile(r"^Gruppen får [1-9]\d* medlemmer$"))
    shown = preview.text_content()
    screenshot(desktop, "preview")
    dialog.get_by_role("button", name="Gem gruppe").focus()
    desktop.keyboard.press("Enter")
    expect(desktop.get_by_text("Gruppen er gemt.")).to_be_visible()
    card = main.locator(".q-card").filter(has=desktop.get_by_role("heading", name="Corona-nødpasning"))
    expect(card).to_contain_text(f"Udløber: {show_day(TODAY + timedelta(days=60))}")
    count = re.search(r"\d+", shown or "")
    assert count is not None
    expect(card).to_contain_text(f"{count.group()} medlemmer")
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1440
    screenshot(desktop, "created")
