"""KommeGå's paper and numbers: the printable daily list and the attendance statistics with a CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

from nicegui import ui

from domain.clock import today_local
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.presence import stats as statistics
from domain.presence.daily import DailyList, Place, daily_list
from domain.stamkort.model import Safety
from domain.stamkort.safety import institution_safety
from ui.accessibility.charts import name_chart
from ui.components import empty_state, refuse
from ui.frame import frame, refusal
from ui.i18n import current_language, fmt_date, t
from ui.presence.pickup_text import alone_badge, pickup_short, taken_by
from ui.presence.safety import safety_text
from ui.presence.tiles import place_picker

# Paper needs no chrome: the header, the drawer and the buttons stay on the screen.
PRINT_CSS = """@media print {
  .q-header, .q-drawer, .q-footer, .no-print { display: none !important; }
  .q-page-container { padding: 0 !important; }
  body { background: white !important; }
  .q-table__card { box-shadow: none !important; }
  .q-table tbody td, .q-table thead th { height: auto; padding: 2px 6px; }
}"""
WEEK_CHOICES = (2, 4, 8, 12)


def _column(name: str, align: str = "left") -> dict[str, Any]:
    return {"name": name, "label": t(f"board.daily.col.{name}"), "field": name, "align": align}


def _rows(day: DailyList, group_index: int, safety: dict[int, Safety]) -> list[dict[str, Any]]:
    return [{"id": r.child_id, "name": r.name, "status": t(f"presence.status.{r.status.value}", location=r.location),
             "arrived": r.arrived, "left": r.left, "picked_up_by": taken_by(r.picked_up_by),
             "plan": pickup_short(r.plan) or alone_badge(r.plan), "note": "✎" if r.has_note else "",
             "sleep": ", ".join(r.sleeps), "safety": safety_text(safety.get(r.child_id))}
            for r in day.groups[group_index].rows]


async def daily_page(actor: Actor, places: list[Place], chosen: int | None, day: date) -> None:
    """/kommegaa/dagsliste: a plain table per group, ready for paper."""
    ui.add_css(PRINT_CSS)
    with frame(actor, t("board.daily.title")):
        if chosen is None:
            empty_state("how_to_reg", "board.no_places")
            return
        try:
            listing = await daily_list(actor, chosen, day)
            safety = await institution_safety(actor, chosen, day)  # allergies and diet: one query for the list
        except DomainError as error:
            refusal(error.key)
            return
        with ui.row().classes("items-center gap-2 w-full no-print"):
            place_picker(places, chosen, "/kommegaa/dagsliste")
            ui.space()
            ui.button(t("board.back"), icon="arrow_back", on_click=lambda: ui.navigate.to(
                f"/kommegaa?institution={chosen}")).props("flat no-caps")
            ui.button(t("board.daily.print"), icon="print", on_click=lambda: ui.run_javascript("window.print()")) \
                .props("unelevated no-caps").mark("print")
        ui.label(f"{listing.institution_name} · {fmt_date(listing.day)}").classes("text-subtitle1").mark(
            "daily-heading")
        if not listing.groups:
            empty_state("groups", "board.daily.empty")
        columns = [_column("name"), _column("status"), _column("arrived", "center"), _column("left", "center"),
                   _column("picked_up_by"), _column("plan"), _column("note", "center")]
        if any(r.sleeps for g in listing.groups for r in g.rows):  # naps: a nursery's list shows each one's times
            columns.insert(4, _column("sleep"))
        if safety:  # safety information from the stamkort, beside the name it belongs to
            columns.insert(1, {"name": "safety", "label": t("stamkort.board.col"), "field": "safety", "align": "left"})
        for index, group in enumerate(listing.groups):
            ui.label(group.name or t("board.room.none")).classes("text-h6 q-mt-sm")
            ui.table(columns=columns, rows=_rows(listing, index, safety), row_key="id").props(
                "flat bordered dense hide-pagination :rows-per-page-options=[0]").classes("w-full").mark(
                f"daily-{group.group_id}")


def _chart(result: statistics.Stats) -> dict[str, Any]:
    weekdays = [f.weekday for f in result.groups[0].weekdays] if result.groups else []
    return {
        "animation": False,
        "tooltip": {"trigger": "axis"},
        "legend": {"type": "scroll", "bottom": 0},
        "grid": {"left": 40, "right": 16, "top": 16, "bottom": 48},
        "xAxis": {"type": "category", "data": [t(f"widget.weekday.{w}") for w in weekdays]},
        "yAxis": {"type": "value", "name": t("board.stats.children_axis"), "minInterval": 1},
        "series": [{"type": "bar", "name": g.name or t("board.room.none"),
                    "data": [f.avg_children for f in g.weekdays]} for g in result.groups],
    }


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text.replace(".", ",") if current_language() == "da" else text


def _table(result: statistics.Stats) -> None:
    columns = [{"name": n, "label": t(f"board.stats.col.{n}"), "field": n, "align": "left" if i < 2 else "right"}
               for i, n in enumerate(("group", "weekday", "open_days", "children", "hours"))]
    rows = []
    for g in result.groups:
        for f in g.weekdays:
            rows.append({"id": f"{g.group_id}-{f.weekday}", "group": g.name or t("board.room.none"),
                         "weekday": t(f"widget.weekday.{f.weekday}"), "open_days": f.open_days,
                         "children": _number(f.avg_children), "hours": _number(f.avg_hours)})
        rows.append({"id": f"{g.group_id}-all", "group": g.name or t("board.room.none"),
                     "weekday": t("board.stats.all_days"), "open_days": sum(f.open_days for f in g.weekdays),
                     "children": "", "hours": _number(g.avg_hours)})
    ui.table(columns=columns, rows=rows, row_key="id").props(
        "flat bordered dense hide-pagination :rows-per-page-options=[0]").classes("w-full").mark("stats-table")


async def stats_page(actor: Actor, places: list[Place], chosen: int | None, weeks: int) -> None:
    """/kommegaa/statistik: per group, children per weekday and hours present, as a chart, a table and a CSV."""
    with frame(actor, t("board.stats.title")):
        if chosen is None:
            empty_state("how_to_reg", "board.no_places")
            return
        try:
            result = await statistics.attendance(actor, chosen, today_local(), weeks)
        except DomainError as error:
            if error.key == "error.access_denied":
                refusal(error.key)
            else:
                refuse(error)
                empty_state("bar_chart", "board.stats.empty")
            return
        with ui.row().classes("items-center gap-2 w-full"):
            place_picker(places, chosen, "/kommegaa/statistik")
            ui.select({w: t("board.stats.weeks", n=w) for w in sorted({*WEEK_CHOICES, weeks})}, value=weeks,
                      label=t("board.stats.period"),
                      on_change=lambda e: ui.navigate.to(f"/kommegaa/statistik?institution={chosen}&weeks={e.value}")
                      ).props("outlined dense").classes("min-w-[10rem]").mark("weeks")
            ui.space()
            ui.button(t("board.back"), icon="arrow_back", on_click=lambda: ui.navigate.to(
                f"/kommegaa?institution={chosen}")).props("flat no-caps")
            ui.button(t("board.stats.csv"), icon="download", on_click=lambda: ui.download.content(
                statistics.to_csv(result), f"kommegaa-statistik-{result.last.isoformat()}.csv",
                "text/csv; charset=utf-8")).props("unelevated no-caps").mark("csv")
        ui.label(t("board.stats.range", name=result.institution_name, first=fmt_date(result.first),
                   last=fmt_date(result.last))).classes("text-subtitle1").mark("stats-heading")
        if not result.groups:
            empty_state("bar_chart", "board.stats.empty")
            return
        with ui.card().classes("w-full"):
            ui.label(t("board.stats.chart")).classes("text-subtitle1 text-weight-medium")
            name_chart(ui.echart(_chart(result)).classes("w-full h-80").mark("stats-chart"), t("board.stats.chart"))
        _table(result)
