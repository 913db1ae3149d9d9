"""The printable report: the Gantt chart, the next four weeks' milestones, the laggards and the adoption trend."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from tests.ui.conftest import login


async def test_the_report_shows_the_four_added_sections_from_the_demo(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning/rapport")
    await user.should_see("Tidsplan")
    gantt = user.find(marker="report-gantt").elements.pop()
    assert isinstance(gantt, ui.html)
    # The running school programme, drawn as SVG that scales to the paper; its label is escaped text.
    assert gantt.content.startswith("<svg") and "Gantt-diagram for Udrulning i skolerne" in gantt.content
    await user.should_see("Milepæle de næste fire uger")
    upcoming = user.find(marker="report-upcoming").elements.pop()
    assert isinstance(upcoming, ui.table)
    assert "Alle lærere har været på kursus" in [row["title"] for row in upcoming.rows]
    await user.should_see("Institutioner bagud i forhold til deres bølge")
    lagging = user.find(marker="report-lagging").elements.pop()
    assert isinstance(lagging, ui.table)
    # Skovlyskolen's wave went live ten days ago and the schools are early in their checklists (demo).
    [skovly] = [row for row in lagging.rows if row["name"] == "Skovlyskolen"]
    assert skovly["wave"] == "Bølge 1" and skovly["needed"] == "100 %" and "for 10 dage siden" in skovly["go_live"]
    assert "Sammenby Skole" not in [row["name"] for row in lagging.rows]  # goes live in 40 days
    await user.should_see("Udvikling i adoption")
    trend = user.find(marker="report-trend").elements.pop()
    assert isinstance(trend, ui.html) and trend.content.count("<polyline") == 3
