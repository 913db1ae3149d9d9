"""Notification choices on a 390 px phone in Chromium: the first question on Overblik, the profile's switches by Tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import SammenServer
from tests.e2e.first_login_support import fresh_first_login

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
FOCUSED_NAME = "() => document.activeElement && document.activeElement.getAttribute('aria-label')"


def test_notification_choices_on_a_phone_by_keyboard(phone: Page, login: Login, screenshot: Screenshot,
                                                     base_url: str, sammen_server: SammenServer) -> None:
    fresh_first_login(sammen_server)  # other tests of this server may have walked Mette through it already
    login(phone, "demo-foraelder", "/overblik")
    question = phone.get_by_role("region", name="Velkommen til Sammen")
    for number in range(1, 5):  # the first-login walkthrough asks about notifications in its fifth and last step
        expect(question.get_by_text(f"Trin {number} af 5")).to_be_visible()
        question.get_by_role("button", name="Spring over").click()
    expect(question.get_by_text("Hvordan vil du have besked?")).to_be_visible()
    expect(question.get_by_role("checkbox", name="Push på telefonen")).to_have_attribute("aria-checked", "true")
    screenshot(phone, "first-question")

    phone.goto(f"{base_url}/profil")
    section = phone.locator(".q-card").filter(has_text="Vælg for hver slags").first
    expect(section).to_be_visible()
    first = phone.get_by_role("switch", name="Beskeder og svar: Push på telefonen")
    expect(first).to_have_attribute("aria-checked", "true")
    first.focus()
    names = [phone.evaluate(FOCUSED_NAME)]
    for _ in range(3):
        phone.keyboard.press("Tab")
        names.append(phone.evaluate(FOCUSED_NAME))
    assert names == ["Beskeder og svar: Push på telefonen", "Beskeder og svar: E-mail med det samme",
                     "Beskeder og svar: I den daglige opsummering", "Opslag markeret Vigtigt: Push på telefonen"]
    phone.keyboard.press("Shift+Tab")  # back to the summary of messages, and Space flips it
    phone.keyboard.press(" ")
    expect(phone.get_by_text("Gemt – Beskeder og svar: I den daglige opsummering slået til")).to_be_visible()
    expect(phone.get_by_role("switch", name="Beskeder og svar: I den daglige opsummering")).to_have_attribute(
        "aria-checked", "true")
    # the krisebesked's push is shown on and cannot be flipped
    crisis = phone.get_by_role("switch", name="Krisebeskeder: Push på telefonen")
    expect(crisis).to_have_attribute("aria-disabled", "true")
    expect(phone.get_by_role("textbox", name="Stille fra")).to_have_value("21:00")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sideways on the phone
    section.scroll_into_view_if_needed()
    screenshot(phone, "profile-notifications")
