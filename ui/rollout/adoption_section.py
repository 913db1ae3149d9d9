"""Adoption from real use: guardians who logged in, per institution and area, live; the daily trend."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from domain.events import Event
from domain.identity.model import LOGINS_TOPIC, UserLoggedIn
from domain.rollout.adoption import AdoptionRow, TrendPoint, by_area
from domain.rollout.model import Area
from ui.accessibility.charts import chart_table
from ui.i18n import fmt_short_date, t
from ui.live import follow

# Each institution's name opens who there has never logged in (Vue escapes the name: text, never HTML).
DRILL_CELL = ('<q-td :props="props"><a :href="\'/mangler-login?institution=\' + props.row.id" '
              'class="text-primary">{{ props.row.name }}</a></q-td>')
AREA_COLOURS = {Area.DAGTILBUD: "#e0823d", Area.BFO_KLUB: "#2a9d8f", Area.SKOLE: "#1f5f8b"}


def pct(share: float) -> str:
    """A share as a whole percentage."""
    return f"{round(share * 100)} %"


def table_rows(rows: list[AdoptionRow], name_of_area: bool = False) -> list[dict[str, object]]:
    """Rows for ui.table."""
    return [{"id": r.institution_id if not name_of_area else r.area.value,
             "name": t(f"rollout.area.{r.area.value}") if name_of_area else r.name,
             "area": t(f"rollout.area.{r.area.value}"), "guardians": r.guardians,
             "ever": pct(r.share_ever), "recent": pct(r.share_30d), "superusers": r.superusers} for r in rows]


def columns(per_area: bool = False) -> list[dict[str, object]]:
    """The adoption table's columns: per institution (with its area) or per area."""
    first = t("rollout.area") if per_area else t("rollout.institution")
    area = [] if per_area else [
        {"name": "area", "label": t("rollout.area"), "field": "area", "align": "left", "sortable": True}]
    return [
        {"name": "name", "label": first, "field": "name", "align": "left", "sortable": True},
        *area,
        {"name": "guardians", "label": t("rollout.adoption.guardians"), "field": "guardians", "sortable": True},
        {"name": "ever", "label": t("rollout.adoption.ever"), "field": "ever"},
        {"name": "recent", "label": t("rollout.adoption.recent"), "field": "recent"},
        {"name": "superusers", "label": t("rollout.adoption.superusers"), "field": "superusers", "sortable": True},
    ]


def trend_options(points: list[TrendPoint]) -> dict[str, object]:
    """One line per area: the share of guardians active in the last 30 days, day by day."""
    days = sorted({p.day for p in points})
    series = []
    for area in Area:
        by_day = {p.day: round(p.share_30d * 100, 1) for p in points if p.area is area}
        series.append({"type": "line", "name": t(f"rollout.area.{area.value}"), "smooth": True,
                       "data": [by_day.get(d) for d in days], "itemStyle": {"color": AREA_COLOURS[area]}})
    return {"animation": False, "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
            "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
            "xAxis": {"type": "category", "data": [fmt_short_date(d) for d in days]},
            "yAxis": {"type": "value", "min": 0, "max": 100, "axisLabel": {":formatter": "v => v + ' %'"}},
            "series": series}


def checkin_options(checkins: dict[tuple[date, Area], int]) -> dict[str, object]:
    """Stacked bars: digital check-ins per week, one colour per area."""
    weeks = sorted({week for week, _ in checkins})
    series = [{"type": "bar", "stack": "all", "name": t(f"rollout.area.{area.value}"),
               "itemStyle": {"color": AREA_COLOURS[area]}, "data": [checkins.get((w, area), 0) for w in weeks]}
              for area in Area]
    return {"animation": False, "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
            "grid": {"left": 50, "right": 20, "top": 40, "bottom": 30},
            "xAxis": {"type": "category", "data": [t("rollout.adoption.week", week=w.isocalendar()[1]) for w in weeks]},
            "yAxis": {"type": "value"}, "series": series}


class AdoptionSection:
    """The adoption tables; each login event updates the institutions it concerns, without a query."""

    def __init__(self, rows: list[AdoptionRow], trend: list[TrendPoint], today: date,
                 checkins: dict[tuple[date, Area], int] | None = None) -> None:
        self.rows = {r.institution_id: r for r in rows}
        self.trend, self.today, self.checkins = trend, today, checkins or {}
        follow(LOGINS_TOPIC, self.on_login)

    def build(self) -> None:
        """Area totals, the per-institution table, the trend and what is still to come."""
        areas = table_rows(by_area(list(self.rows.values())), True)
        self.area_table = ui.table(columns=columns(per_area=True), rows=areas, row_key="id")
        self.area_table.props("flat dense").classes("w-full").mark("adoption-areas")
        self.table = ui.table(columns=columns(), rows=table_rows(list(self.rows.values())), row_key="id",
                              pagination=20).props("flat dense").classes("w-full").mark("adoption")
        self.table.add_slot("body-cell-name", DRILL_CELL)
        ui.label(t("rollout.adoption.trend")).classes("text-subtitle2")
        if self.trend:
            trend = trend_options(self.trend)
            ui.echart(trend).classes("w-full h-64").mark("adoption-trend")
            chart_table(t("a11y.chart.day"), trend)
        else:
            ui.label(t("rollout.adoption.no_trend")).classes("text-grey-7")
        ui.label(t("rollout.adoption.checkins")).classes("text-subtitle2")
        if self.checkins:
            weekly = checkin_options(self.checkins)
            ui.echart(weekly).classes("w-full h-64").mark("adoption-checkins")
            chart_table(t("a11y.chart.week"), weekly)
        else:
            ui.label(t("rollout.adoption.no_checkins")).classes("text-grey-7")
        ui.label(t("rollout.adoption.pending")).classes("text-caption text-grey-7")

    def on_login(self, event: Event) -> None:
        """A guardian logged in somewhere: count them in each institution their children attend."""
        if not isinstance(event, UserLoggedIn) or not (event.first_ever or event.first_in_30d):
            return
        changed = False
        for inst_id in event.guardian_institution_ids:
            if inst_id in self.rows:
                self.rows[inst_id] = self.rows[inst_id].after_login(event.first_ever, event.first_in_30d)
                changed = True
        if changed:
            self.table.rows = table_rows(list(self.rows.values()))
            self.area_table.rows = table_rows(by_area(list(self.rows.values())), True)
            self.table.update()
            self.area_table.update()
