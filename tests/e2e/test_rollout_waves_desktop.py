"""The team shapes the plan in Chromium at 1440 px: a new wave with a go-live date typed the Danish way, a move,
and a phase of its own name in the school plan, drawn in the Gantt chart."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from domain.dates import show_day
from tests.conftest import TODAY

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def test_the_team_creates_a_wave_moves_a_school_and_adds_a_phase(desktop: Page, login: Login,
                                                                   screenshot: Screenshot) -> None:
    login(desktop, "demo-projektgruppe", "/udrulning")
    main = desktop.locator(".q-page")
    main.get_by_role("tab", name="Bølger").click()
    expect(main.get_by_role("heading", name="Bølge 1")).to_be_visible()
    expect(main).to_contain_text("Uden bølge (0)")
    screenshot(desktop, "waves")

    main.get_by_role("button", name="Ny bølge").click()
    dialog = desktop.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Navn").fill("Bølge 4")
    dialog.get_by_role("textbox", name="Go-live-dato").fill(show_day(TODAY + timedelta(days=70)))
    dialog.get_by_role("button", name="Gem").click()
    expect(main.get_by_role("heading", name="Bølge 4")).to_be_visible()
    expect(main).to_contain_text(f"Go-live {show_day(TODAY + timedelta(days=70))}")

    main.get_by_label("Bølge for Engskolen").click()
    desktop.get_by_role("option", name="Bølge 4").click()
    expect(desktop.get_by_text("Engskolen er flyttet til «Bølge 4».")).to_be_visible()
    screenshot(desktop, "moved")
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1440

    main.get_by_role("tab", name="Tidsplan").click()
    plan = main.locator(".q-card").filter(has_text="Udrulning i skolerne").first
    plan.get_by_text("Faser og spor").click()
    plan.get_by_role("button", name="Ny fase").click()
    dialog = desktop.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Navn").fill("Pilot på Engskolen")
    dialog.get_by_role("textbox", name="Start", exact=True).fill(show_day(TODAY + timedelta(days=1)))
    dialog.get_by_role("textbox", name="Slut", exact=True).fill(show_day(TODAY + timedelta(days=30)))
    dialog.get_by_role("button", name="Gem").click()
    expect(plan).to_contain_text(re.compile("Fase: Pilot på Engskolen"))
    expect(plan.locator("canvas").first).to_be_visible()
    screenshot(desktop, "phase")
