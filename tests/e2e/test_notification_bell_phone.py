"""The notification bell in Chromium: a parent's phone counts a teacher's message live, the list opens the thread."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import TABLET

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
SUBJECT = "Bålaften torsdag"


def _bell_count(page: Page) -> int:
    """The figure the bell carries (data-unread), once the page has counted it."""
    bell = page.get_by_role("button", name=re.compile(r"^Notifikationer"))
    expect(bell).to_have_attribute("data-unread", re.compile(r"^\d+$"))
    return int(bell.get_attribute("data-unread") or "0")


def _teacher_writes_to_2a(browser: Browser, login: Login, base_url: str, screenshot: Screenshot) -> None:
    context = browser.new_context(**TABLET)
    tablet = context.new_page()
    try:
        login(tablet, "demo-laerer", "/personale")
        bell = tablet.get_by_role("button", name=re.compile(r"^Notifikationer"))
        expect(bell).to_be_visible()  # on the tablet's one-row app bar too
        assert tablet.evaluate("document.querySelector('header').getBoundingClientRect().height") < 80
        screenshot(tablet, "tablet-bell")
        tablet.goto(f"{base_url}/beskeder/ny")
        tablet.get_by_placeholder("Søg efter navn, klasse eller gruppe").fill("2.A")
        tablet.locator(".q-item").filter(has_text=re.compile(r"forældre.*2\.A", re.IGNORECASE)).first.click()
        expect(tablet.locator("text=/Modtages af \\d+ person/")).to_be_visible()
        tablet.get_by_label("Emne").fill(SUBJECT)
        tablet.get_by_label("Besked", exact=True).fill("Vi tænder bål kl. 17. Tag varmt tøj på.")
        tablet.get_by_role("button", name="Send", exact=True).click()
        expect(tablet.locator("body")).to_contain_text("Vi tænder bål kl. 17.")
        tablet.goto(f"{base_url}/notifikationer")
        expect(tablet.locator("h1")).to_have_text("Notifikationer")
        screenshot(tablet, "tablet-centre")
    finally:
        context.close()


def test_a_parents_bell_counts_a_teachers_message_live_and_the_list_opens_the_thread(
        phone: Page, browser: Browser, login: Login, base_url: str, screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    bell = phone.get_by_role("button", name=re.compile(r"^Notifikationer"))
    expect(bell).to_be_visible()  # on a 390 px phone, beside the menu
    before = _bell_count(phone)
    screenshot(phone, "before")

    _teacher_writes_to_2a(browser, login, base_url, screenshot)

    expect(bell).to_have_attribute("data-unread", str(before + 1))  # arrived on the open phone without a reload
    expect(bell).to_have_accessible_name(f"Notifikationer, {before + 1} ulæste")
    expect(bell.locator(".q-badge")).to_have_text(str(before + 1))
    screenshot(phone, "bell-up")

    bell.click()
    phone.wait_for_url(f"{base_url}/notifikationer")
    row = phone.locator("[data-notification]").first
    expect(row).to_contain_text("Ny besked fra Anne Holm")
    expect(row).to_contain_text(SUBJECT)
    expect(row).to_contain_text("Ulæst")  # in words, not by colour alone
    expect(row).not_to_contain_text("Tag varmt tøj på")  # the text stays in the thread
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "centre")

    row.get_by_role("link").click()
    phone.wait_for_url(re.compile(r"/beskeder/\d+$"))
    expect(phone.locator("body")).to_contain_text("Vi tænder bål kl. 17.")
    bell = phone.get_by_role("button", name=re.compile(r"^Notifikationer"))
    expect(bell).to_have_attribute("data-unread", str(before))  # opened, so read
    screenshot(phone, "thread")
    phone.goto(f"{base_url}/notifikationer")
    expect(phone.locator("[data-notification]").first).to_have_attribute("data-read", "true")
