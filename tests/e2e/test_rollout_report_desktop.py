"""The steering group's report at 1440 px in Chromium, on screen and as printed: the Gantt chart, the next four
weeks' milestones, the institutions behind their wave and the adoption trend, none wider than the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Login = Callable[..., None]
Screenshot = Callable[[Page, str], Path]


def test_the_report_shows_its_charts_and_tables_and_prints_within_the_paper(desktop: Page, login: Login,
                                                                             screenshot: Screenshot) -> None:
    login(desktop, "demo-projektgruppe", "/udrulning")
    desktop.goto(desktop.url.split("/udrulning")[0] + "/udrulning/rapport")
    main = desktop.locator("body")
    expect(main.get_by_role("heading", name="Statusrapport: udrulning af Sammen")).to_be_visible()
    gantt = main.get_by_role("img", name="Gantt-diagram for Udrulning i skolerne")
    expect(gantt).to_be_visible()
    expect(gantt.locator("rect").first).to_be_visible()
    expect(main.get_by_role("heading", name="Milepæle de næste fire uger")).to_be_visible()
    expect(main).to_contain_text("Alle lærere har været på kursus")
    expect(main.get_by_role("heading", name="Institutioner bagud i forhold til deres bølge")).to_be_visible()
    expect(main).to_contain_text("Skovlyskolen")
    trend = main.get_by_role("img", name="Udvikling, andel forældre logget ind seneste 30 dage")
    expect(trend).to_be_visible()
    assert trend.locator("polyline").count() == 3
    screenshot(desktop, "screen")
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1440

    desktop.emulate_media(media="print")
    expect(main.get_by_role("button", name="Udskriv")).to_be_hidden()
    screenshot(desktop, "print")
    # A4 at 96 dpi less the margins is about 700 px: the SVG charts scale down with the page instead of overflowing.
    desktop.set_viewport_size({"width": 700, "height": 900})
    box = gantt.bounding_box()
    assert box is not None and box["width"] <= 700
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 700
    screenshot(desktop, "print-a4")
