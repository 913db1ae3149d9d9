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
    # One control, not two nested ones: the named file input; the link-button around it is only its picture.
    expect(phone.locator('.q-btn:has(.q-uploader__input)[role="button"]')).to_have_count(0)
    picker = phone.locator(".q-uploader__input")
    expect(picker).to_have_attribute("aria-label", "Vedhæft billede eller PDF")
    # Listen before the key press: Playwright starts intercepting file pickers only when the first listener is
    # added, and a press that wins that race opened a picker no one saw (the test then failed under load).
    choosers: list[object] = []
    phone.on("filechooser", lambda chooser: choosers.append(chooser))
    phone.wait_for_load_state("networkidle")  # under load a late first render could take the focus back
    picker.focus()
    expect(picker).to_be_focused()
    phone.keyboard.press("Enter")  # the keyboard opens the file picker
    for _ in range(100):
        if choosers:
            break
        phone.wait_for_timeout(100)
    assert choosers, "Enter on the named picker opened no file chooser"
