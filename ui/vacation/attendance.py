"""The staff's view of a vacation request: expected attendance per day as a stacked bar chart and a table, live."""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import Any

from nicegui import ui

from domain.events import Event
from domain.identity.model import Actor
from domain.vacation.attendance import attendance
from domain.vacation.model import Attendance, vacation_topic
from ui.accessibility.charts import name_chart
from ui.i18n import t
from ui.live import follow
from ui.vacation.format import day_label

REDRAW_SECONDS = 1.0
COLOURS = {"comes": "#21BA45", "away": "#F2711C", "missing": "#BDBDBD"}


def chart_options(data: Attendance) -> dict[str, Any]:
    """ECharts options: one stacked bar per day, comes / ferie / ikke svaret."""
    labels = [day_label(d.day) for d in data.days]
    series = [{"name": t(f"vacation.series.{key}"), "type": "bar", "stack": "day", "itemStyle": {"color": colour},
               "data": [getattr(d, key) for d in data.days]} for key, colour in COLOURS.items()]
    return {"tooltip": {"trigger": "axis"}, "legend": {"top": 0},
            "grid": {"left": 8, "right": 8, "top": 32, "bottom": 8, "containLabel": True},
            "xAxis": {"type": "category", "data": labels, "axisLabel": {"rotate": 60, "fontSize": 10}},
            "yAxis": {"type": "value", "minInterval": 1}, "series": series}


def table_rows(data: Attendance) -> list[dict[str, Any]]:
    """One row per day; a day where every child's place is closed says so."""
    rows = []
    for d in data.days:
        closed = d.closed == data.children and data.children > 0
        rows.append({"day": day_label(d.day), "comes": "" if closed else d.comes, "away": "" if closed else d.away,
                     "missing": t("vacation.table.closed") if closed else d.missing})
    return rows


class AttendanceView:
    """The chart, the table and the children without an answer, redrawn at most once a second on answers."""

    def __init__(self, actor: Actor, data: Attendance) -> None:
        self.actor, self.request_id = actor, data.request.id
        self.last, self.pending = monotonic(), False
        self.summary = ui.label("").classes("text-body2").mark("vacation-summary")
        self.chart = ui.echart(chart_options(data)).classes("w-full h-72").mark("vacation-chart")
        name_chart(self.chart, t("a11y.chart.attendance"))  # the table under it is its text alternative
        columns = [{"name": key, "label": t(label), "field": key, "align": "left" if key == "day" else "right"}
                   for key, label in (("day", "vacation.table.day"), ("comes", "vacation.series.comes"),
                                      ("away", "vacation.series.away"), ("missing", "vacation.series.missing"))]
        self.table = ui.table(columns=columns, rows=table_rows(data), row_key="day").props(
            "dense flat bordered hide-bottom :rows-per-page-options=[0]").classes("w-full").mark("vacation-table")
        self.missing_title = ui.label("").classes("text-subtitle1 text-weight-medium")
        self.missing = ui.column().classes("gap-0").mark("vacation-unanswered")
        self.draw(data)
        follow(vacation_topic(self.request_id), self.on_answer)

    def draw(self, data: Attendance) -> None:
        """Show one snapshot."""
        self.summary.set_text(t("vacation.children", n=data.children))
        self.chart.options.clear()
        self.chart.options.update(chart_options(data))
        self.chart.update()
        self.table.rows = table_rows(data)
        self.table.update()
        self.missing_title.set_text(t("vacation.unanswered", n=len(data.unanswered)) if data.unanswered
                                    else t("vacation.all_answered"))
        self.missing.clear()
        with self.missing:
            for name in data.unanswered:
                ui.label(name).classes("text-body2")

    async def on_answer(self, _event: Event) -> None:
        """Coalesce a burst of answers into one redraw, at most one a second."""
        if self.pending:
            return
        self.pending = True
        await asyncio.sleep(max(0.0, REDRAW_SECONDS - (monotonic() - self.last)))
        self.pending = False
        self.last = monotonic()
        self.draw(await attendance(self.actor, self.request_id))
