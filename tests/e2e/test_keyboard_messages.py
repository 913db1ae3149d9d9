"""Keyboard only in Chromium (WCAG 2.1.1, 2.4.3): a teacher sends a message with Tab, arrows, Enter and Escape.

After each step the test says where focus is; it is never dropped to <body>.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

Login = Callable[..., None]
SEARCH = "Til: søg efter navn, klasse eller gruppe"
MAX_TABS = 40  # more Tab presses than that to reach a field is itself a failure


def _focused(page: Page) -> dict[str, str]:
    """What has focus: its tag, role, accessible-name parts and text."""
    return page.evaluate("""() => { const e = document.activeElement;
      return {tag: e.tagName, role: e.getAttribute('role') || '', label: e.getAttribute('aria-label') || '',
              text: (e.textContent || '').trim(), id: e.id || '',
              field: (e.closest('.q-field') && e.closest('.q-field').querySelector('.q-field__label')
                      ? e.closest('.q-field').querySelector('.q-field__label').textContent : '')}; }""")


def _tab_to(page: Page, found: Callable[[dict[str, str]], bool], what: str) -> list[dict[str, str]]:
    """Press Tab until focus is on what `found` recognises; returns the stops passed on the way."""
    passed: list[dict[str, str]] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = _focused(page)
        assert now["tag"] != "BODY", f"focus fell to <body> after {passed}"
        if found(now):
            return passed
        passed.append(now)
    raise AssertionError(f"{what} not reached with {MAX_TABS} Tab presses; passed {passed}")


def test_a_teacher_sends_a_message_with_the_keyboard_only(tablet: Page, login: Login, base_url: str) -> None:
    login(tablet, "demo-laerer", "/personale")
    tablet.goto(f"{base_url}/beskeder/ny")
    expect(tablet.get_by_label(SEARCH)).to_be_visible()

    # Tab into the recipient search and type: suggestions come, focus stays in the field.
    _tab_to(tablet, lambda f: f["label"] == SEARCH, "the recipient search")
    tablet.keyboard.type("2.A", delay=30)
    options = tablet.get_by_role("listbox", name="Forslag til modtagere").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(tablet.get_by_label(SEARCH)).to_be_focused()

    # Arrow down into the suggestions, Escape back to the field, arrow down again to the parents of 2.A.
    tablet.keyboard.press("ArrowDown")
    expect(options.first).to_be_focused()
    tablet.keyboard.press("Escape")
    expect(tablet.get_by_label(SEARCH)).to_be_focused()
    tablet.keyboard.press("ArrowDown")
    wanted = re.compile(r"Alle forældre i 2\.A")
    for _ in range(options.count()):
        if wanted.search(_focused(tablet)["text"]):
            break
        tablet.keyboard.press("ArrowDown")
    expect(tablet.locator(":focus")).to_contain_text(wanted)

    # Enter chooses it: the chip and the count appear, focus is back in the (emptied) search field.
    tablet.keyboard.press("Enter")
    expect(tablet.locator(".q-chip", has_text=wanted)).to_be_visible()
    expect(tablet.get_by_role("status").filter(has_text=re.compile(r"Modtages af \d+ person"))).to_be_visible()
    expect(tablet.get_by_label(SEARCH)).to_be_focused()
    expect(tablet.get_by_label(SEARCH)).to_have_value("")

    # Shift+Tab goes back to the chip's remove button; Enter removes it and focus returns to the search field.
    tablet.keyboard.press("Shift+Tab")
    expect(tablet.locator(".q-chip", has_text=wanted).locator(":focus")).to_have_count(1)
    tablet.keyboard.press("Enter")
    expect(tablet.locator(".q-chip", has_text=wanted)).to_have_count(0)
    expect(tablet.get_by_label(SEARCH)).to_be_focused()
    expect(tablet.get_by_role("status").filter(has_text="er fjernet som modtager")).to_have_count(1)

    # And once more: type, arrow down to the parents of 2.A, Enter.
    tablet.keyboard.type("2.A", delay=30)
    expect(options.first).to_be_visible()
    tablet.keyboard.press("ArrowDown")
    for _ in range(options.count()):
        if wanted.search(_focused(tablet)["text"]):
            break
        tablet.keyboard.press("ArrowDown")
    tablet.keyboard.press("Enter")
    expect(tablet.locator(".q-chip", has_text=wanted)).to_be_visible()
    expect(tablet.get_by_label(SEARCH)).to_be_focused()

    # Tab to the subject (nothing in between), type; Tab to the message, type.
    tablet.keyboard.press("Tab")
    expect(tablet.get_by_label("Emne")).to_be_focused()
    tablet.keyboard.type("Tur i skoven", delay=10)
    tablet.keyboard.press("Tab")
    body = tablet.get_by_label("Besked", exact=True)
    expect(body).to_be_focused()
    tablet.keyboard.type("Husk gummistøvler.", delay=10)
    expect(tablet.get_by_role("status").filter(has_text="Kladde gemt")).to_be_visible()

    # Tab on to Send (past the sensitive box, the upload control and Kassér), Enter sends.
    passed = _tab_to(tablet, lambda f: f["tag"] == "BUTTON" and f["text"].endswith("Send"), "Send")
    assert any("Følsom" in stop["text"] for stop in passed), passed
    tablet.keyboard.press("Enter")
    expect(tablet.locator("body")).to_contain_text(re.compile(r"Sendt til \d+ person"))
    expect(tablet.locator("body")).to_contain_text("Husk gummistøvler.")


def test_a_refusal_is_announced_as_an_alert_and_focus_stays_on_send(tablet: Page, login: Login, base_url: str) -> None:
    login(tablet, "demo-laerer", "/personale")
    tablet.goto(f"{base_url}/beskeder/ny")
    expect(tablet.get_by_label(SEARCH)).to_be_visible()
    _tab_to(tablet, lambda f: f["tag"] == "BUTTON" and f["text"].endswith("Send"), "Send")
    tablet.keyboard.press("Enter")
    # Quasar's notifications carry role="alert": a screen reader reads them when they appear, wherever focus is.
    expect(tablet.get_by_role("alert").filter(has_text="Intet er sendt")).to_be_visible()
    assert _focused(tablet)["text"].endswith("Send")
