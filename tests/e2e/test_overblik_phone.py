"""Overblik on a phone in Chromium: the children, the widgets, and the supplier's widget with its token."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def test_overblik_with_widgets_on_a_phone(phone: Page, login: Login, screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    main = phone.locator(".q-page")
    expect(main).to_contain_text("Oscar Kristensen")
    expect(main.locator('[data-testid], .q-card').filter(has_text="Ugeplan").first).to_be_visible()
    expect(main).to_contain_text("Madplan")
    frame = main.locator("iframe").first
    expect(frame).to_have_attribute("sandbox", "allow-scripts allow-forms")
    supplier = phone.frame_locator("iframe").first
    expect(supplier.locator("body")).to_contain_text("Hej")  # the demo supplier verified the token
    box = frame.bounding_box()
    assert box is not None and box["width"] > 300, box  # the supplier's page gets the card's full width
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "overblik")
    frame.scroll_into_view_if_needed()
    page_shot = screenshot(phone, "overblik-bottom")
    frame.screenshot(path=str(page_shot.with_name(page_shot.name.replace("-overblik-bottom", "-supplier"))))
