"""Beskeder in Chromium: a teacher on a tablet writes to all parents in 2.A; a parent's phone badge counts it live."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.integration.test_messages_attachments import pdf_bytes

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def _unread(phone: Page) -> int:
    """The figure on the phone's menu button (the drawer with Beskeder is closed), once the page has counted it."""
    badge = phone.locator("header [data-unread]").first
    expect(badge).to_have_attribute("data-unread", re.compile(r"^\d+$"))
    return int(badge.get_attribute("data-unread") or "0")


def _attach(tablet: Page, files: Path) -> None:
    """A renamed program is refused in Danish; a real PDF is attached with its name and size."""
    fake = files / "faktura.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 500)
    plan = files / "Årsplan.pdf"
    plan.write_bytes(pdf_bytes())
    picker = tablet.locator(".q-uploader input[type=file]")
    picker.set_input_files(fake)
    expect(tablet.locator(".q-notification").last).to_contain_text("Intet er gemt.")
    picker.set_input_files(plan)
    expect(tablet.locator(".q-notification").last).to_contain_text("Årsplan.pdf er vedhæftet.")


def test_a_teacher_writes_to_all_parents_in_2a_and_a_parents_badge_counts_it_live(
        phone: Page, browser: Browser, login: Login, base_url: str, screenshot: Screenshot,
        tmp_path: Path) -> None:
    login(phone, "demo-foraelder", "/overblik")
    before = _unread(phone)
    screenshot(phone, "badge-before")

    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    tablet = context.new_page()
    try:
        login(tablet, "demo-laerer", "/personale")
        tablet.goto(f"{base_url}/beskeder/ny")
        tablet.get_by_placeholder("Søg efter navn, klasse eller gruppe").fill("2.A")
        tablet.locator(".q-item").filter(has_text=re.compile(r"forældre.*2\.A", re.IGNORECASE)).first.click()
        count = tablet.locator("text=/Modtages af \\d+ person/")
        expect(count).to_be_visible()
        recipients = int(re.findall(r"\d+", count.inner_text())[0])
        assert recipients >= 1
        tablet.get_by_label("Emne").fill("Tur i skoven fredag")
        tablet.get_by_label("Besked", exact=True).fill("Husk gummistøvler og madpakke.\nVi er tilbage kl. 13.")
        _attach(tablet, tmp_path)
        screenshot(tablet, "compose")
        tablet.get_by_role("button", name="Send", exact=True).click()
        expect(tablet.locator("body")).to_contain_text(f"Sendt til {recipients} person")
        expect(tablet.locator("body")).to_contain_text("Husk gummistøvler og madpakke.")
        screenshot(tablet, "sent")
        tablet.goto(f"{base_url}/beskeder")
        expect(tablet.locator("[data-thread]").first).to_contain_text("Tur i skoven fredag")
        screenshot(tablet, "staff-inbox")
    finally:
        context.close()

    badge = phone.locator("header [data-unread]").first
    expect(badge).to_have_attribute("data-unread", str(before + 1))  # arrived on the open phone without a reload
    expect(badge.locator(".q-badge")).to_have_text(str(before + 1))  # and the parent sees it on the menu button
    screenshot(phone, "badge-after")

    phone.goto(f"{base_url}/beskeder")
    first = phone.locator("[data-thread]").first
    expect(first).to_contain_text("Tur i skoven fredag")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "inbox")
    first.click()
    expect(phone.locator("body")).to_contain_text("Vi er tilbage kl. 13.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "thread")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Årsplan.pdf").click()
    assert download.value.suggested_filename == "Årsplan.pdf"
    assert Path(download.value.path()).read_bytes() == pdf_bytes()
    phone.goto(f"{base_url}/beskeder/ny")
    expect(phone.get_by_placeholder("Søg efter navn, klasse eller gruppe")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "parent-compose")
