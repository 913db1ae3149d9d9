"""Search on a 390 px phone by keyboard: a parent finds the class teacher, writes to her; a link opens safely."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, Route, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
ADDRESS = "https://example.org/ugeplan"


def _fits(page: Page) -> None:
    """Nothing sticks out sideways on the phone: no horizontal scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _tab_to(page: Page, name: re.Pattern[str], most: int = 40) -> None:
    """Press Tab until a link with this name has the focus (results are links in tab order)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.tagName === 'A' ? "
                                "(document.activeElement.getAttribute('aria-label') || "
                                "document.activeElement.textContent) : ''")
        if name.search(focused or ""):
            return
    raise AssertionError(f"no link named {name.pattern} in the first {most} tab stops")


def test_a_parent_searches_by_keyboard_on_a_phone_opens_the_teacher_and_her_link_opens_with_noopener(
        phone: Page, login: Login, base_url: str, screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    search = phone.get_by_role("button", name="Søg", exact=True)
    expect(search).to_be_visible()  # in the phone's app bar, beside the bell
    _fits(phone)
    search.focus()
    phone.keyboard.press("Enter")
    field = phone.get_by_role("dialog").get_by_label("Søg efter personer, beskeder, opslag og begivenheder")
    expect(field).to_be_focused()
    phone.keyboard.type("lærer 2.A")
    screenshot(phone, "field")
    phone.keyboard.press("Enter")  # the form's own submit: no script needed
    phone.wait_for_url(re.compile(r"/soeg\?q=l"))
    expect(phone.get_by_role("heading", name=re.compile(r"^Personer"))).to_be_visible()
    _fits(phone)
    screenshot(phone, "results")
    _tab_to(phone, re.compile(r"Anne Holm"))
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/beskeder/ny\?til=person:\d+"))
    expect(phone.locator(".q-chip", has_text="Anne Holm")).to_be_visible()

    phone.get_by_label("Emne").fill("Ugeplan")
    phone.get_by_label("Besked", exact=True).fill(f"Hej Anne. Er det her den nye? {ADDRESS}.")
    phone.get_by_role("button", name="Send", exact=True).click()
    phone.wait_for_url(re.compile(r"/beskeder/\d+$"))
    link = phone.get_by_role("link", name=ADDRESS)
    expect(link).to_have_attribute("href", ADDRESS)
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    expect(phone.get_by_text("Er det her den nye?", exact=False)).to_be_visible()  # the text around it stays text

    def answer(route: Route) -> None:
        route.fulfill(body="<title>Ugeplan</title>ok", content_type="text/html")

    phone.context.route(re.compile(r"^https://example\.org/"), answer)
    with phone.expect_popup() as opened:
        link.click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.url == ADDRESS
    assert popup.evaluate("window.opener") is None  # the other site gets no handle on Sammen's tab
    assert popup.evaluate("document.referrer") == ""
