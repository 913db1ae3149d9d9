"""The shared date picker on a 390 px phone in Chromium: Danish names, every weekday column visible, closes on pick."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]
WIDTH = 390


def test_the_date_picker_is_danish_fits_a_phone_and_closes_on_pick(phone: Page, login: Login,
                                                                   screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.get_by_role("button", name="Planlæg").first.click()
    phone.wait_for_url("**/kommegaa/plan/*")
    if not phone.get_by_label("Fra", exact=True).is_visible():  # the absence section may start folded
        phone.get_by_text("Fravær", exact=True).first.click()
    for label in ("Fra", "Til og med"):  # the left field's calendar must not run off the right edge either
        field = phone.get_by_label(label, exact=True)
        expect(field).to_be_editable()  # typeable, not only a picker
        expect(field).to_have_value(re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"))  # shown as 7.12.2026
        field.scroll_into_view_if_needed()
        opener = phone.get_by_role("button", name=f"Vælg i kalenderen: {label}")
        if label == "Fra":  # by keyboard: the calendar button is a real button, Enter opens it
            opener.focus()
            phone.keyboard.press("Enter")
        else:
            opener.click()
        picker = phone.locator(".q-menu .q-date, .q-dialog .q-date")  # a dialog on a phone, a menu when wide
        expect(picker).to_be_visible()
        weekdays = picker.locator(".q-date__calendar-weekdays > div")
        expect(weekdays).to_have_count(7)
        expect(weekdays.first).to_have_text("man.")  # Danish, and the week starts on Monday
        expect(weekdays.last).to_have_text("søn.")
        expect(picker.locator(".q-date__header-title")).to_have_text(re.compile(
            r"^(man|tir|ons|tor|fre|lør|søn)\. \d{1,2}\. (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\.?$"))
        screenshot(phone, f"date-picker-{label}")
        for column in range(7):
            box = weekdays.nth(column).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (label, column, box)
        assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH
        picker.locator(".q-date__arrow").nth(1).click()  # the next month: every day there lies ahead
        fifteenth = picker.locator(".q-date__calendar-item--in button").filter(has_text=re.compile(r"^15$"))
        expect(fifteenth).to_have_count(1)  # the month's slide has ended (both months are drawn while it runs)
        fifteenth.click()
        expect(picker).to_be_hidden()  # picking closes the calendar
        expect(field).to_have_value(re.compile(r"^15\.\d{1,2}\.\d{4}$"))


def test_typing_is_left_alone_until_the_field_is_left_then_written_out_or_explained(phone: Page, login: Login) -> None:
    login(phone, "demo-foraelder", "/overblik")
    phone.get_by_role("button", name="Planlæg").first.click()
    phone.wait_for_url("**/kommegaa/plan/*")
    field = phone.get_by_label("Til og med", exact=True)
    if not field.is_visible():
        phone.get_by_text("Fravær", exact=True).first.click()
    messages = field.locator("xpath=ancestor::label[contains(@class, 'q-field')][1]").locator(".q-field__bottom")
    field.fill("")
    field.press_sequentially("31.0")
    expect(messages).to_have_text("")  # half a date is no error while typing
    field.press_sequentially("2.2026")
    field.press("Tab")
    expect(messages).to_have_text("Den dato findes ikke: måneden har kun 28 dage.")
    field.fill("")
    field.press_sequentially("1.1")  # no year: written out in full when left, a passed day as next year's
    field.press("Tab")
    expect(field).to_have_value(re.compile(r"^1\.1\.\d{4}$"))
    expect(messages).to_have_text("")
