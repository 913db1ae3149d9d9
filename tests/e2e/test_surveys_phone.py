"""Evaluation surveys in Chromium: a parent answers the demo survey on a phone, the project team reads the results."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]

SURVEY = "Evaluering af Sammen i dagtilbud"
ANSWERS = {"Hvor let er det at bruge Sammen?": "4", "Får du de beskeder, du har brug for?": "5",
           "Hvor godt kan du følge dit barns dag?": "3"}
TEXT = "Flere billeder fra turen i skoven"


def _header_button(page: Page, icon: str) -> Locator:
    """A header button identified by its Material icon name."""
    return page.locator("header button").filter(has=page.locator("i", has_text=re.compile(f"^{icon}$")))


def _no_horizontal_scroll(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: scrollWidth {scroll_width} > {width}"


def test_parent_answers_the_demo_survey_on_a_phone(phone: Page, login: Login, base_url: str,
                                                   screenshot: Screenshot) -> None:
    login(phone, "demo-foraelder", "/overblik")
    _header_button(phone, "menu").click()
    drawer = phone.locator(".q-drawer")
    expect(drawer).to_be_visible()
    drawer.get_by_role("button", name="Evaluering").click()
    phone.wait_for_url(f"{base_url}/evaluering")
    main = phone.locator(".q-page")
    card = main.locator(".q-card", has_text=SURVEY)
    expect(card).to_contain_text("Svar senest")
    _no_horizontal_scroll(phone, 390)
    screenshot(phone, "list")

    card.get_by_role("button", name="Svar").click()
    form = main.locator(".q-card", has_text="Dit svar tæller for Solsikken.")
    expect(form).to_be_visible()
    # Before the first question: the demo survey is anonymous, and says so.
    notice = form.get_by_text("Dine svar er anonyme", exact=False)
    expect(notice).to_be_visible()
    first_question = form.get_by_text(f"1. {next(iter(ANSWERS))}")
    assert notice.bounding_box()["y"] < first_question.bounding_box()["y"]  # type: ignore[index]
    groups = form.locator(".q-option-group")
    expect(groups).to_have_count(len(ANSWERS))
    for n, (question, value) in enumerate(ANSWERS.items()):
        expect(form).to_contain_text(f"{n + 1}. {question}")
        # Each point is named by its number and the survey's anchor ("4 Enig").
        radio = groups.nth(n).get_by_role("radio", name=re.compile(rf"^{value}\b"))
        radio.click()
        expect(radio).to_have_attribute("aria-checked", "true")
    form.locator("textarea").fill(TEXT)
    _no_horizontal_scroll(phone, 390)
    screenshot(phone, "before")

    form.get_by_role("button", name="Send svar").click()
    thanks = main.locator(".q-card", has_text="Tak for dit svar")
    expect(thanks).to_be_visible()
    expect(thanks).to_contain_text("Svarene er anonyme")
    _no_horizontal_scroll(phone, 390)
    screenshot(phone, "after")

    thanks.get_by_role("button", name="Tilbage").click()
    expect(main.get_by_role("heading", name=SURVEY)).to_have_count(0)
    phone.reload()
    expect(main).to_contain_text("Evaluering")
    expect(main.get_by_role("heading", name=SURVEY)).to_have_count(0)
    _no_horizontal_scroll(phone, 390)


def test_project_team_reads_the_demo_survey_results_on_a_desktop(desktop: Page, login: Login, base_url: str,
                                                                 screenshot: Screenshot) -> None:
    login(desktop, "demo-projektgruppe", "/udrulning")
    desktop.goto(f"{base_url}/udrulning/evaluering")
    main = desktop.locator(".q-page")
    card = main.locator(".q-card", has_text=SURVEY)
    expect(card).to_contain_text("svar")
    card.get_by_role("button", name="Resultater").click()
    desktop.wait_for_url(re.compile(rf"^{re.escape(base_url)}/udrulning/evaluering/\d+$"))
    expect(main).to_contain_text("Svarprocent pr. institution")
    expect(main).to_contain_text("Solsikken")
    expect(main).to_contain_text("Anonym evaluering: tal for grupper med færre end 5 svar vises ikke")
    expect(main.locator("canvas").first).to_be_visible()  # the averages chart drew
    expect(main.locator("canvas")).to_have_count(2)  # and the answers per week
    texts = main.locator(".q-card", has_text="4. Hvad kan gøres bedre?")
    expect(texts.locator(".border-l-4").first).to_be_visible()  # each question has its own card
    desktop.wait_for_timeout(1500)  # let ECharts finish its one-second grow-in animation before the screenshot
    screenshot(desktop, "results")
    width = desktop.evaluate("document.documentElement.scrollWidth")
    assert width <= 1440
