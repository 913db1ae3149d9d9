"""At 1024x768 in Chromium: a leader opens 'Mangler at logge ind', selects a guardian and sends a reminder e-mail."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def test_a_leader_reminds_a_selected_guardian_by_email_on_a_tablet(tablet: Page, login: Login,
                                                                   screenshot: Screenshot, base_url: str) -> None:
    login(tablet, "demo-leder", "/leder")
    tablet.get_by_role("link", name="Mangler at logge ind").or_(
        tablet.get_by_role("button", name="Mangler at logge ind")).first.click()
    tablet.wait_for_url(re.compile(r"/mangler-login"))
    main = tablet.locator(".q-page")
    expect(main.get_by_role("heading", name="Solsikken")).to_be_visible()
    expect(main).to_contain_text("har aldrig logget ind")
    boxes = main.get_by_role("checkbox", name=re.compile(r"^Vælg (?!alle)"))
    first_name = str(boxes.first.get_attribute("aria-label")).removeprefix("Vælg ")
    boxes.first.click()
    remind = main.get_by_role("button", name="Send påmindelse til de valgte (1)")
    expect(remind).to_be_visible()
    remind.click()
    dialog = tablet.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Send påmindelse")).to_be_visible()
    dialog.get_by_role("radio", name="E-mail").click()
    expect(dialog).to_contain_text("Påmindelsen sendes til 1 person.")
    text = dialog.get_by_label("Tekst")
    expect(text).to_have_value(re.compile("Solsikken"))
    text.fill("Hej\n\nHusk at logge ind i Sammen – så får du beskeder fra Solsikken.\n\nHilsen Peter")
    screenshot(tablet, "dialog")
    dialog.get_by_role("button", name="Send til 1 person").click()
    expect(tablet.locator(".q-notification")).to_contain_text("1 e-mail sendes inden for et minut.")
    expect(dialog).to_be_hidden()
    row = main.locator("tbody tr", has_text=first_name)
    expect(row).to_contain_text("I dag")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1024
    screenshot(tablet, "reminded")
    # The same person again today: the dialog names them as skipped and offers no send.
    row.get_by_role("checkbox").click()
    main.get_by_role("button", name="Send påmindelse til de valgte (1)").click()
    dialog = tablet.get_by_role("dialog")
    expect(dialog).to_contain_text("er allerede påmindet i dag")
    expect(dialog.get_by_role("button", name="Send til 0 personer")).to_be_disabled()
