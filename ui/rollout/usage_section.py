"""Use per week on the adoption tab: digital check-in share and messages, for all institutions or one, as a chart."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from domain.collation import danish_key
from domain.rollout.usage import Usage, WeekUse
from ui.accessibility.charts import chart_table, name_chart
from ui.i18n import t

SHARE_COLOUR, MESSAGES_COLOUR = "#1e7b45", "#1f5f8b"


def share_pct(row: WeekUse) -> float | None:
    """The week's digital check-in share in whole-ish percent, or a gap."""
    return None if row.share is None else round(row.share * 100, 1)


def usage_options(usage: Usage, institution_ids: frozenset[int] | None) -> dict[str, Any]:
    """Bars for messages, a line for the check-in share (right axis, 0-100 %), one point per week."""
    weeks = [usage.total(w, institution_ids) for w in usage.weeks]
    return {
        "animation": False, "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
        "grid": {"left": 50, "right": 50, "top": 40, "bottom": 30},
        "xAxis": {"type": "category",
                  "data": [t("rollout.adoption.week", week=w.isocalendar()[1]) for w in usage.weeks]},
        "yAxis": [{"type": "value", "name": t("usage.messages_series"), "minInterval": 1},
                  {"type": "value", "min": 0, "max": 100, "axisLabel": {":formatter": "v => v + ' %'"}}],
        "series": [
            {"type": "bar", "name": t("usage.messages_series"), "data": [w.messages for w in weeks],
             "itemStyle": {"color": MESSAGES_COLOUR}},
            {"type": "line", "name": t("usage.share_series"), "yAxisIndex": 1, "connectNulls": False,
             "data": [share_pct(w) for w in weeks], "itemStyle": {"color": SHARE_COLOUR}},
        ],
    }


class UsageSection:
    """A chart of the last weeks' use, for all institutions or the one chosen, with its figures as a table."""

    def __init__(self, usage: Usage) -> None:
        self.usage = usage

    def build(self) -> None:
        """The heading, the institution filter and the chart."""
        ui.label(t("usage.title")).classes("text-subtitle2")
        if not self.usage.rows:
            ui.label(t("usage.none")).classes("text-grey-7")
            return
        options: dict[int, str] = {0: t("usage.all")}
        options.update({i.institution_id: i.name for i in sorted(self.usage.institutions,
                                                                 key=lambda i: danish_key(i.name))})
        ui.select(options, value=0, label=t("usage.institution"), on_change=lambda e: self.show(int(e.value or 0))
                  ).classes("min-w-[16rem]").mark("usage-institution")
        self.body = ui.column().classes("w-full gap-1")
        self.show(0)
        ui.label(t("usage.explain")).classes("text-caption text-grey-8")

    def show(self, institution_id: int) -> None:
        """Draw the chart for all institutions (0) or one."""
        self.body.clear()
        chosen = frozenset({institution_id}) if institution_id else None
        options = usage_options(self.usage, chosen)
        with self.body:
            chart = ui.echart(options).classes("w-full h-64").mark("usage-chart")
            name_chart(chart, t("usage.title"))
            chart_table(t("a11y.chart.week"), options)
