"""The rollout page at 1440 px in Chromium: the Gantt chart, the readiness matrix, adoption."""

from __future__ import annotations

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
    expect(main).to_contain_text("Superbrugere udpeget")
    expect(main).to_contain_text("BFO og klub")
    screenshot(desktop, "readiness")
    main.get_by_role("tab", name="Adoption").click()
    expect(main).to_contain_text("Logget ind seneste 30 dage")
    expect(main.locator("canvas").first).to_be_visible()  # the trend chart drew
    screenshot(desktop, "adoption")
    width = desktop.evaluate("document.documentElement.scrollWidth")
    assert width <= 1440
