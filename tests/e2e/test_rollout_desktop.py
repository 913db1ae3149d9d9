"""The rollout page at 1440 px in Chromium (Gantt chart, filtered matrix, a cell, adoption); a leader's at 1024 px."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def test_project_team_sees_the_rollout_page_on_a_desktop(desktop: Page, login: Login,
                                                         screenshot: Screenshot) -> None:
    login(desktop, "demo-projektgruppe", "/udrulning")
    main = desktop.locator(".q-page")
    expect(main.locator("canvas").first).to_be_visible()  # the Gantt chart drew
    expect(main).to_contain_text("Udrulning i skolerne")
    expect(main).to_contain_text("Forsinket")
    screenshot(desktop, "timeline")
    main.get_by_role("tab", name="Parathed").click()
    expect(main).to_contain_text("Viser ")
    expect(main).to_contain_text("BFO og klub")
    expect(main.get_by_role("button", name="Åbn fasen Udrulning")).to_be_visible()
    screenshot(desktop, "readiness")
    main.get_by_role("tab", name="Adoption").click()
    expect(main).to_contain_text("Logget ind seneste 30 dage")
    expect(main.locator("canvas").first).to_be_visible()  # the trend chart drew
    screenshot(desktop, "adoption")
    width = desktop.evaluate("document.documentElement.scrollWidth")
    assert width <= 1440


def test_project_team_filters_the_matrix_and_comments_a_cell(desktop: Page, login: Login, base_url: str,
                                                             screenshot: Screenshot) -> None:
    login(desktop, "demo-projektgruppe", "/udrulning")
    desktop.goto(f"{base_url}/udrulning?fane=parathed")
    main = desktop.locator(".q-page")
    main.get_by_label("Område").click()
    desktop.locator(".q-menu").get_by_text("Skole", exact=True).click()
    desktop.wait_for_url(re.compile(r"omraade=skole"))
    expect(main.get_by_text(re.compile(r"Viser \d+ af \d+ institutioner"))).to_be_visible()
    expect(main).not_to_contain_text("Solsikken")
    main.get_by_role("button", name="Åbn fasen Udrulning").click()
    desktop.wait_for_url(re.compile(r"fase=udrulning"))
    cell = main.get_by_role("button", name=re.compile(r"^Engskolen, Personale uddannet")).first
    cell.click()
    dialog = desktop.locator(".q-dialog").last
    expect(dialog.get_by_role("heading", name="Historik")).to_be_visible()
    dialog.get_by_label("Kommentar").fill("Kursus aftalt til næste uge")
    screenshot(desktop, "cell-dialog")
    dialog.get_by_role("button", name="Gem kommentar").click()
    expect(desktop.locator(".q-dialog")).to_have_count(0)
    cell.click()
    dialog = desktop.locator(".q-dialog").last
    expect(dialog.locator("li").first).to_contain_text("Kursus aftalt til næste uge")
    expect(dialog.locator("li").first).to_contain_text("Camilla Berg")
    dialog.get_by_role("button", name="Annuller").click()
    desktop.reload()  # the filters and the open phase come back from the address
    expect(desktop.locator(".q-page").get_by_text("Fase: Udrulning")).to_be_visible()
    screenshot(desktop, "filtered")
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1440


def test_leader_ticks_her_own_checklist_on_a_tablet(tablet: Page, login: Login, screenshot: Screenshot) -> None:
    login(tablet, "demo-leder", "/leder")
    tablet.get_by_role("button", name="Udrulning").click()
    tablet.wait_for_url(re.compile(r"/parathed"))
    main = tablet.locator(".q-page")
    expect(main).to_contain_text("Solsikken")
    row = main.locator(".q-card").filter(has_text="Evaluering besvaret")
    row.get_by_role("button", name="Afkryds", exact=True).click()
    expect(row.get_by_role("button", name="Fjern afkrydsning")).to_be_visible()
    expect(row).to_contain_text("Afkrydset af Peter Lund")
    screenshot(tablet, "own-checklist")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= 1024
