"""Kalender in Chromium: a teacher invites 2.A on a tablet; a parent answers on a 390 px phone; the count follows."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from domain.clock import today_local

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
TITLE = "Forældrekaffe i 2.A"


def _teacher_invites_2a(tablet: Page, base_url: str, login: Login) -> None:
    """Anne opens the editor on her tablet and makes a weekly event for 2.A with the guardians invited."""
    login(tablet, "demo-laerer", "/personale")
    tablet.goto(f"{base_url}/kalender")
    tablet.get_by_role("button", name="Ny begivenhed").click()
    editor = tablet.locator(".q-dialog").last
    editor.get_by_label("Titel").fill(TITLE)
    editor.get_by_label("Hvem er den for?").click()
    tablet.locator(".q-menu").get_by_text("2.A · Skovlyskolen").click()
    editor.get_by_label("Fra kl.").fill("08:15")
    editor.get_by_label("Til kl.").fill("09:00")
    editor.get_by_text("Inviter forældrene").click()
    editor.get_by_role("button", name="Gem").click()
    expect(tablet.locator(".q-notification").last).to_contain_text("Begivenheden er gemt.")


def _open_event(tablet: Page) -> Locator:
    """Open the new event's dialog on the tablet; a click that lands while the saved event redraws the view is lost."""
    dialog = tablet.locator(".q-dialog").last
    for _ in range(3):
        tablet.locator("[data-cal-item]").filter(has_text=TITLE).first.click()
        try:
            expect(dialog).to_be_visible(timeout=3000)
            return dialog
        except AssertionError:
            continue
    expect(dialog).to_be_visible()
    return dialog


def test_a_parent_answers_an_invitation_on_a_phone_and_the_teacher_sees_the_count(
        phone: Page, tablet: Page, login: Login, base_url: str, screenshot: Screenshot) -> None:
    _teacher_invites_2a(tablet, base_url, login)
    counts = _open_event(tablet)
    expect(counts).to_contain_text("Ja: 0")
    screenshot(tablet, "organiser-before")

    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}/kalender")
    page = phone.locator(".q-page")
    # the agenda's days, the Danish way ("28. mar."), in whatever month the run is
    expect(page).to_contain_text(re.compile(r"\d+\. (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\b"))
    item = phone.locator("[data-cal-item]").filter(has_text=TITLE).first
    expect(item).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "agenda")

    item.click()
    dialog = phone.locator(".q-dialog").last
    expect(dialog).to_contain_text("Kommer du?")
    expect(dialog).to_contain_text("kl. 08.15–09.00")
    dialog.locator('[data-answer="ja"]').click()
    expect(phone.locator(".q-notification").last).to_contain_text("Dit svar er gemt.")
    expect(dialog.locator('[data-answer="ja"]')).to_have_attribute("data-chosen", "true")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "answered")
    phone.keyboard.press("Escape")
    expect(item).to_contain_text("Du har svaret ja")  # the agenda heard the answer too

    phone.get_by_text("Måned", exact=True).click()
    expect(phone.locator("[data-cal-cell]").first).to_be_visible()
    phone.locator(f'[data-cal-cell="{today_local().isoformat()}"]').click()
    expect(phone.locator(f'[data-cal-day="{today_local().isoformat()}"]')).to_contain_text(TITLE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "month")

    expect(counts).to_contain_text("Ja: 1")  # the organiser's open dialog follows without a reload
    screenshot(tablet, "organiser-after")
