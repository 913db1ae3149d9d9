"""Chromium on a 390x844 phone: a parent answers the demo's survey of every kind by keyboard alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Locator, Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]

SURVEY = "Sådan bruger I Sammen derhjemme"
AXE_OPTIONS: dict[str, Any] = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                               "resultTypes": ["violations"]}


def _serious_axe_violations(page: Page, scope: str | None = None) -> list[str]:
    """What axe finds critical or serious on the page (or in one part of it), by rule and first target."""
    # As in the axe table: inside a dialog axe measures contrast against the backdrop, not the card.
    options = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}} if scope else AXE_OPTIONS
    found = page.evaluate("([scope, options]) => axe.run(scope ? {include: [[scope]]} : document, options)",
                          [scope, options])["violations"]
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in found if v["impact"] in ("critical", "serious")]


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways: scrollWidth {width} > 390"


def _press(page: Page, control: Locator, key: str = "Space") -> None:
    """Reach a control with the focus and operate it with a key, as a keyboard user does."""
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press(key)


def _same_row(boxes: Locator) -> bool:
    """Whether every box stands on one line."""
    tops = {round(boxes.nth(n).bounding_box()["y"]) for n in range(boxes.count())}  # type: ignore[index]
    return len(tops) == 1


def test_a_parent_answers_every_kind_of_question_by_keyboard_on_a_phone(phone: Page, tablet: Page, login: Login,
                                                                        base_url: str,
                                                                        screenshot: Screenshot) -> None:
    # First a look on her tablet: the 1-5 points and 0-10 each stand in one row there.
    login(tablet, "demo-foraelder", "/overblik")
    tablet.goto(f"{base_url}/evaluering")
    tablet.locator(".q-card", has_text=SURVEY).get_by_role("button", name="Svar").click()
    on_tablet = tablet.locator(".q-card", has_text="Dit svar tæller for")
    expect(on_tablet.get_by_role("heading", name="Til sidst")).to_be_visible()
    assert _same_row(on_tablet.get_by_role("radiogroup", name=re.compile("Hvor tilfreds")).get_by_role("radio"))
    assert _same_row(on_tablet.get_by_role("radiogroup", name=re.compile("anbefale")).get_by_role("radio"))
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1024
    screenshot(tablet, "tablet")

    phone.context.add_init_script(script=AXE_SCRIPT)  # before the page's own scripts, as the axe table does
    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}/evaluering")
    main = phone.locator(".q-page")
    card = main.locator(".q-card", has_text=SURVEY)
    _press(phone, card.get_by_role("button", name="Svar"), "Enter")
    form = main.locator(".q-card", has_text="Dit svar tæller for")
    expect(form.get_by_role("heading", name=SURVEY)).to_be_visible()
    notice = form.get_by_text("Dine svar er anonyme", exact=False)
    first_section = form.get_by_role("heading", name="Hverdagen", exact=True)
    assert notice.bounding_box()["y"] < first_section.bounding_box()["y"]  # type: ignore[index]
    expect(form.get_by_role("heading", name="Hjælp og anbefaling")).to_be_visible()

    scale = form.get_by_role("radiogroup", name=re.compile("Hvor tilfreds er du med Sammen"))
    # The 1-5 points carry the survey's own anchors as their names.
    expect(scale.get_by_role("radio")).to_have_count(5)
    _press(phone, scale.get_by_role("radio", name=re.compile(r"^4 Tilfreds")))
    expect(scale.get_by_role("radio", name=re.compile(r"^4 "))).to_have_attribute("aria-checked", "true")
    where = form.get_by_role("radiogroup", name=re.compile("Hvor bruger du oftest"))
    _press(phone, where.get_by_role("radio", name="Telefon"))
    uses = form.get_by_role("group", name=re.compile("Hvad bruger du Sammen til"))
    _press(phone, uses.get_by_role("checkbox", name="Beskeder"))
    _press(phone, uses.get_by_role("checkbox", name="Kalender"))
    expect(uses.get_by_role("checkbox", name="Kalender")).to_have_attribute("aria-checked", "true")
    screenshot(phone, "first-section")
    _no_horizontal_scroll(phone)
    assert _serious_axe_violations(phone) == []

    # Send with two required questions left: both are marked, nothing is sent.
    _press(phone, form.get_by_role("button", name="Send svar"), "Enter")
    expect(phone.get_by_text("2 spørgsmål mangler et svar. Intet er gemt.")).to_be_visible()
    expect(form.get_by_text("Dette spørgsmål skal besvares.")).to_have_count(2)

    help_group = form.get_by_role("radiogroup", name=re.compile("Har du fået hjælp"))
    _press(phone, help_group.get_by_role("radio", name="Ja"))
    ten = form.get_by_role("radiogroup", name=re.compile("anbefale Sammen"))
    expect(ten.get_by_role("radio")).to_have_count(11)
    _press(phone, ten.get_by_role("radio", name="9", exact=True))
    expect(ten.get_by_role("radio", name="9", exact=True)).to_have_attribute("aria-checked", "true")
    text = form.get_by_role("textbox", name=re.compile("Er der andet"))
    text.focus()
    phone.keyboard.type("Tak for en god app")
    expect(form.get_by_text("Dette spørgsmål skal besvares.")).to_have_count(0)  # answering took the marks away
    _no_horizontal_scroll(phone)
    screenshot(phone, "answered")

    _press(phone, form.get_by_role("button", name="Send svar"), "Enter")
    thanks = main.locator(".q-card", has_text="Tak for dit svar")
    expect(thanks).to_be_visible()
    expect(thanks).to_contain_text("Svarene er anonyme")
    _no_horizontal_scroll(phone)


def test_the_team_writes_a_section_and_a_choice_question_in_an_accessible_dialog(desktop: Page, login: Login,
                                                                                base_url: str,
                                                                                screenshot: Screenshot) -> None:
    desktop.context.add_init_script(script=AXE_SCRIPT)
    login(desktop, "demo-projektgruppe", "/udrulning")
    desktop.goto(f"{base_url}/udrulning/evaluering")
    main = desktop.locator(".q-page")
    # The answered demo survey offers its questions to read, not to edit, and can still be closed early.
    card = main.locator(".q-card", has_text=SURVEY)
    expect(card.get_by_role("button", name=f"Se spørgsmålene i {SURVEY}")).to_be_visible()
    expect(card.get_by_role("button", name=f"Luk {SURVEY} nu")).to_be_visible()
    main.get_by_role("button", name="Ny evaluering").click()
    dialog = desktop.locator(".q-dialog").last
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Tilføj afsnit").click()
    dialog.get_by_role("button", name="Flyt afsnit 1 op").click()  # the new section, still without a heading
    dialog.get_by_label("Afsnit: overskrift").fill("Om mødet")
    dialog.get_by_role("button", name="Tilføj spørgsmål").click()
    dialog.get_by_role("combobox", name="Type af spørgsmål 2").click()
    desktop.get_by_role("option", name="Ét valg").click()
    expect(dialog.get_by_label("Svarmuligheder, én pr. linje")).to_be_visible()
    dialog.get_by_role("button", name="Brug tilfreds/utilfreds").click()
    expect(dialog.get_by_label("Punkt 5")).to_have_value("Meget tilfreds")
    desktop.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    screenshot(desktop, "dialog")
    assert _serious_axe_violations(desktop, ".q-dialog") == []
