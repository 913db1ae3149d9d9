"""One long word in a subject or title breaks on a 390 px phone instead of widening the page (issue 17)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

Login = Callable[..., None]
LONG = "Spørgsmål" + "x" * 111  # 120 characters without a space


def test_a_thread_with_a_one_word_subject_fits_a_phone(phone: Page, login: Login, base_url: str) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}/beskeder/ny")
    phone.get_by_placeholder("Søg efter navn, klasse eller gruppe").fill("Sofie")
    phone.locator(".q-item").filter(has_text="Sofie").first.click()  # the search's answer, not an older list
    expect(phone.locator("text=/Modtages af \\d+ person/")).to_be_visible()
    phone.get_by_label("Emne").fill(LONG)
    phone.get_by_label("Besked", exact=True).fill("Hej " + "y" * 150)
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(phone.locator("body")).to_contain_text("Sendt til")
    expect(phone).to_have_url(re.compile(r"/beskeder/\d+$"))
    phone.wait_for_load_state("networkidle")
    expect(phone.locator("h1")).to_contain_text(LONG[:20])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
