"""Chromium: a teacher invites 2.A on a tablet; the parent's bell counts it on a phone and its link leads to it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
TITLE = "Juleklip i 2.A"


def _teacher_invites_2a(tablet: Page, base_url: str, login: Login) -> None:
    login(tablet, "demo-laerer", "/personale")
    tablet.goto(f"{base_url}/kalender")
    tablet.get_by_role("button", name="Ny begivenhed").click()
    editor = tablet.locator(".q-dialog").last
    editor.get_by_label("Titel").fill(TITLE)
    editor.get_by_label("Hvem er den for?").click()
    tablet.locator(".q-menu").get_by_text("2.A · Skovlyskolen").click()
    editor.get_by_label("Fra kl.").fill("17:00")
    editor.get_by_label("Til kl.").fill("19:00")
    editor.get_by_text("Inviter forældrene").click()
    editor.get_by_role("button", name="Gem").click()
    expect(tablet.locator(".q-notification").last).to_contain_text("Begivenheden er gemt.")


def test_an_invitation_reaches_the_parents_notification_centre_and_opens_the_calendar_on_its_day(
        phone: Page, tablet: Page, login: Login, base_url: str, screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    bell = phone.locator("header").get_by_role("button", name=re.compile("^Notifikationer"))
    expect(bell).to_have_attribute("data-unread", re.compile(r"\d+"))
    before = int(bell.get_attribute("data-unread") or "0")
    _teacher_invites_2a(tablet, base_url, login)
    expect(bell).to_have_attribute("data-unread", str(before + 1))  # live, without reloading the page
    screenshot(phone, "bell")

    phone.goto(f"{base_url}/notifikationer")
    row = phone.locator("[data-notification]").filter(has_text=f"Invitation: {TITLE}").first
    expect(row).to_contain_text(re.compile(rf"Invitation: {TITLE} \d{{1,2}}\.\d{{1,2}}\.\d{{4}} kl\. 17:00"))
    expect(row).to_have_attribute("data-read", "false")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "centre")

    row.get_by_role("link").click()
    phone.wait_for_url(re.compile(r"/kalender\?dato=\d{4}-\d{2}-\d{2}$"))
    expect(phone.locator("[data-cal-item]").filter(has_text=TITLE).first).to_be_visible()
    screenshot(phone, "calendar")
    phone.goto(f"{base_url}/notifikationer")
    expect(phone.locator("[data-notification]").filter(has_text=f"Invitation: {TITLE}").first).to_have_attribute(
        "data-read", "true")
