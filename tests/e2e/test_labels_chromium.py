"""In Chromium, the names Sammen gives reach the browser: the standard week's fields and the upload controls."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

Login = Callable[..., None]


def test_the_standard_weeks_fields_are_named_with_their_weekday(phone: Page, login: Login, base_url: str) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.get_by_role("button", name="Planlæg").first.click()
    phone.wait_for_url("**/kommegaa/plan/*")
    phone.get_by_text("Standarduge", exact=True).click()
    # The open weekdays differ by institution; Monday is open everywhere in the demo.
    expect(phone.get_by_label("Mandag: kommer kl.", exact=True)).to_be_visible()
    expect(phone.get_by_label("Mandag: hentes kl.", exact=True)).to_be_visible()
    expect(phone.get_by_label("Kommer kl.", exact=True)).to_have_count(1)  # only today's own field keeps the short name


def test_the_attachment_uploader_is_named_by_its_label_not_choose_file(phone: Page, login: Login,
                                                                       base_url: str) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}/beskeder/ny")
    expect(phone.get_by_role("button", name="Vedhæft billede eller PDF")).to_have_count(1)
    expect(phone.get_by_role("button", name="Choose File")).to_have_count(0)
    # The file input inside the button is its click target only: hidden, it does not count as a second button.
    expect(phone.locator('.q-uploader__input[aria-hidden="true"]')).to_have_count(1)
