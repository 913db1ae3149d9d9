"""One urgent broadcast for its sender: read figures per institution as a chart and a table, live; and Afslut."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi.responses import RedirectResponse
from nicegui import ui

from domain.broadcast import service, stats
from domain.broadcast.model import BroadcastSummary, InstitutionFigure, broadcast_topic
from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from ui.accessibility.charts import name_chart
from ui.components import confirm, refuse, section_heading
from ui.frame import frame
from ui.guard import page
from ui.i18n import current_language, fmt_datetime, t
from ui.live import follow

PATH = "/kommune/krisebesked"
REDRAW_SECONDS = 1.0


def fmt_count(n: int) -> str:
    """A whole number with the thousands separator people expect: 4.213 in Danish."""
    text = f"{n:,}"
    return text.replace(",", ".") if current_language() == "da" else text


def summary_lines(summary: BroadcastSummary) -> None:
    """Status, time, read figure and e-mail setting of one broadcast."""
    with ui.row().classes("items-center gap-2"):
        ui.badge(t("broadcast.active" if summary.active else "broadcast.ended"),
                 color="negative" if summary.active else "grey-7")
        ui.label(t("broadcast.sent_at", when=fmt_datetime(summary.created_at))).classes("text-grey-8")
    pct = round(100 * summary.read / summary.recipients) if summary.recipients else 0
    ui.label(t("broadcast.read_of", read=fmt_count(summary.read), n=fmt_count(summary.recipients), pct=pct)).props(
        f'data-x="broadcast-read-{summary.id}"')
    minutes = summary.email_after_minutes
    ui.label(t("broadcast.email_after", n=minutes) + " · " + t("broadcast.emailed", n=fmt_count(summary.emailed))
             if minutes else t("broadcast.no_email")).classes("text-caption text-grey-8")


def chart_options(figures: list[InstitutionFigure]) -> dict[str, Any]:
    """A horizontal stacked bar per institution: read and not yet read."""
    names = [f.name for f in figures]
    return {
        "animation": False,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"bottom": 0},
        "grid": {"left": 8, "right": 16, "top": 8, "bottom": 32, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [
            {"type": "bar", "stack": "all", "name": t("broadcast.series.read"), "color": "#21ba45",
             "data": [f.read for f in figures]},
            {"type": "bar", "stack": "all", "name": t("broadcast.series.unread"), "color": "#c10015",
             "data": [f.recipients - f.read for f in figures]},
        ],
    }


def table_rows(figures: list[InstitutionFigure]) -> list[dict[str, Any]]:
    """The table's rows."""
    return [{"id": f.institution_id, "institution": f.name, "recipients": f.recipients, "read": f.read,
             "percent": f"{f.percent} %"} for f in figures]


class Detail:
    """The figures of one broadcast, redrawn at most once a second while guardians read it."""

    def __init__(self, actor: Actor, summary: BroadcastSummary, figures: list[InstitutionFigure]) -> None:
        self.actor, self.summary, self.figures = actor, summary, figures
        self._pending = False
        self._last = 0.0

    def build(self) -> None:
        """Render the detail and follow the broadcast's reads."""
        ui.link(t("broadcast.back"), PATH).classes("text-primary")  # the frame shows the title as the heading
        ui.label(self.summary.body).classes("whitespace-pre-wrap")
        self.lines = ui.column().classes("gap-1")
        self._draw_lines()
        with ui.card().classes("w-full"):
            section_heading(t("broadcast.figures"))
            height = max(160, 32 * len(self.figures) + 72)
            self.chart = ui.echart(chart_options(self.figures)).classes("w-full").style(f"height:{height}px")
            name_chart(self.chart, t("broadcast.figures"))  # the table under it is its text alternative
            columns = [{"name": n, "label": t(f"broadcast.col.{n}"), "field": n,
                        "align": "left" if n == "institution" else "right"}
                       for n in ("institution", "recipients", "read", "percent")]
            self.table = ui.table(columns=columns, rows=table_rows(self.figures), row_key="id").props(
                "flat dense").classes("w-full").mark("broadcast-figures")
        follow(broadcast_topic(self.summary.id), self.on_event)

    def _draw_lines(self) -> None:
        self.lines.clear()
        with self.lines:
            summary_lines(self.summary)
            if self.summary.active:
                ui.button(t("broadcast.end"), icon="stop_circle", color="grey-8", on_click=self.end).props(
                    'no-caps outline data-x="broadcast-end"').mark("broadcast-end")

    async def on_event(self, _event: Event) -> None:
        """Coalesce a burst of reads into one redraw per second."""
        if self._pending:
            return
        self._pending = True
        await asyncio.sleep(max(0.0, self._last + REDRAW_SECONDS - time.monotonic()))
        self._pending = False
        self._last = time.monotonic()
        await self.redraw()

    async def redraw(self) -> None:
        """Reload the figures (two queries) and update the chart, table and lines in place."""
        self.summary = await stats.broadcast_summary(self.actor, self.summary.id)
        self.figures = await stats.institution_figures(self.summary.id)
        self.chart.options.update(chart_options(self.figures))
        self.chart.update()
        self.table.rows = table_rows(self.figures)
        self.table.update()
        self._draw_lines()

    async def end(self) -> None:
        """Confirm, then take the broadcast off Overblik and /krise."""
        if not await confirm(t("broadcast.end_confirm"), t("broadcast.end"), "broadcast-end-confirm"):
            return
        try:
            await service.do_end_broadcast(self.actor, self.summary.id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("broadcast.ended_done"), type="positive")
        await self.redraw()


@page(PATH + "/{broadcast_id}", Role.ADMIN)
async def broadcast_detail(actor: Actor, broadcast_id: int) -> RedirectResponse | None:
    """One broadcast's read figures per institution, live; an unknown broadcast leads back to the list."""
    try:
        summary = await stats.broadcast_summary(actor, broadcast_id)
    except DomainError:
        return RedirectResponse(PATH, status_code=303)
    figures = await stats.institution_figures(broadcast_id)
    with frame(actor, summary.title):
        Detail(actor, summary, figures).build()
    return None
