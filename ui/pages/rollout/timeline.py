"""The rollout timeline: a Gantt chart of tracks, phases and milestones with a line for today."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from domain.clock import COPENHAGEN
from domain.rollout.model import MilestoneStatus, SpanKind
from domain.rollout.plan import ProgrammeView
from ui.i18n import t

STATUS_COLOURS = {
    MilestoneStatus.PLANNED: "#1f5f8b",
    MilestoneStatus.IN_PROGRESS: "#f2a541",
    MilestoneStatus.DONE: "#2e8b57",
    MilestoneStatus.LATE: "#c62828",
}
SPAN_COLOURS = {SpanKind.TRACK: "#7aa6c2", SpanKind.PHASE: "#9bc59d"}

# Draws each span as a bar from its start to its end on its row.
RENDER_SPAN = """function(params, api) {
  var row = api.value(0), a = api.coord([api.value(1), row]), b = api.coord([api.value(2), row]);
  var h = api.size([0, 1])[1] * 0.55;
  return {type: 'rect', shape: {x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 3), height: h},
          style: api.style({fill: api.value(4)})};
}"""


def ms(day: date) -> int:
    """Milliseconds since the epoch at Copenhagen midnight, as ECharts wants for a time axis."""
    return int(datetime.combine(day, time.min, tzinfo=COPENHAGEN).timestamp() * 1000)


def rows_of(programmes: list[ProgrammeView]) -> list[tuple[int, SpanKind, str, str]]:
    """One chart row per (programme, kind, key), in plan order: tracks first, then phases."""
    seen: list[tuple[int, SpanKind, str, str]] = []
    for p in programmes:
        for kind in (SpanKind.TRACK, SpanKind.PHASE):
            for s in p.spans:
                row = (p.id, kind, s.key, f"{t('rollout.area.' + p.area.value)} · {s.label}")
                if s.kind is kind and row not in seen:
                    seen.append(row)
    return seen


def gantt_options(programmes: list[ProgrammeView], today: date) -> dict[str, Any]:
    """ECharts options: span bars, milestone diamonds coloured by status, and today's line."""
    rows = rows_of(programmes)
    index = {(pid, kind, key): i for i, (pid, kind, key, _label) in enumerate(rows)}
    bars, stones = [], []
    for p in programmes:
        phases = {s.id: s for s in p.spans}
        for s in p.spans:
            bars.append([index[(p.id, s.kind, s.key)], ms(s.start), ms(s.end), s.label, SPAN_COLOURS[s.kind]])
        for m in p.milestones:
            phase = phases.get(m.phase_id or -1)
            row = index[(p.id, SpanKind.PHASE, phase.key)] if phase else 0
            stones.append({"value": [ms(m.due), row], "name": m.title,
                           "itemStyle": {"color": STATUS_COLOURS[m.status]},
                           "symbolSize": 16 if m.status is MilestoneStatus.LATE else 12})
    return {
        "grid": {"left": 260, "right": 30, "top": 30, "bottom": 40},
        "tooltip": {"trigger": "item"},
        "xAxis": {"type": "time"},
        "yAxis": {"type": "category", "data": [label for *_rest, label in rows], "inverse": True,
                  "axisLabel": {"width": 240, "overflow": "truncate"}},
        "dataZoom": [{"type": "slider", "xAxisIndex": 0, "height": 18, "bottom": 8}],
        "series": [
            {"type": "custom", "name": t("rollout.tab.plan"), ":renderItem": RENDER_SPAN, "data": bars,
             "encode": {"x": [1, 2], "y": 0, "tooltip": [3]},
             "markLine": {"symbol": "none", "lineStyle": {"color": "#c62828", "type": "dashed"},
                          "label": {"formatter": t("rollout.today")}, "data": [{"xAxis": ms(today)}]}},
            {"type": "scatter", "name": t("rollout.milestones"), "symbol": "diamond", "data": stones,
             "tooltip": {":formatter": "function(p){return p.name}"}},
        ],
    }
