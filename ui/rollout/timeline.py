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


def rows_of(programme: ProgrammeView) -> list[tuple[SpanKind, str]]:
    """One chart row per track or phase label of a programme: tracks first, then phases, in date order."""
    rows: list[tuple[SpanKind, str]] = []
    for kind in (SpanKind.TRACK, SpanKind.PHASE):
        for s in programme.spans:
            if s.kind is kind and (kind, s.label) not in rows:
                rows.append((kind, s.label))
    return rows


def gantt_options(programme: ProgrammeView, today: date) -> dict[str, Any]:
    """ECharts options for one programme: span bars, milestone diamonds by status, and today's line."""
    rows = rows_of(programme)
    # A new programme may have milestones before it has phases or tracks: they get a row of their own.
    labels = [f"{t('rollout.kind.' + kind.value)}: {label}" for kind, label in rows] or [t("rollout.milestones")]
    index = {row: i for i, row in enumerate(rows)}
    phases = {s.id: s for s in programme.spans}
    bars = [[index[(s.kind, s.label)], ms(s.start), ms(s.end), s.label, SPAN_COLOURS[s.kind]]
            for s in programme.spans]
    stones = []
    for m in programme.milestones:
        phase = phases.get(m.phase_id or -1)
        row = index[(SpanKind.PHASE, phase.label)] if phase else len(labels) - 1
        stones.append({"value": [ms(m.due), labels[row]],
                       "name": f"{m.title} ({t('rollout.status.' + m.status.value)})",
                       "itemStyle": {"color": STATUS_COLOURS[m.status], "borderColor": "#fff", "borderWidth": 1},
                       "symbolSize": 18 if m.status is MilestoneStatus.LATE else 14})
    first = min([programme.start, *(s.start for s in programme.spans)])
    last = max([programme.end, *(s.end for s in programme.spans)])
    today_line = ({"symbol": "none", "silent": True, "lineStyle": {"color": "#c62828", "type": "dashed", "width": 2},
                   "label": {"formatter": t("rollout.today"), "position": "start"}, "data": [{"xAxis": ms(today)}]}
                  if first <= today <= last else None)
    return {
        "animation": False,  # a plan is read, not watched; and screenshots catch it whole
        "grid": {"left": 250, "right": 30, "top": 24, "bottom": 30},
        "tooltip": {"trigger": "item"},
        "xAxis": {"type": "time", "min": ms(first), "max": ms(last)},
        "yAxis": {"type": "category", "data": labels, "inverse": True,
                  "axisLabel": {"width": 230, "overflow": "truncate"}},
        "series": [
            {"type": "custom", "name": programme.name, ":renderItem": RENDER_SPAN, "data": bars,
             "encode": {"x": [1, 2], "y": 0, "tooltip": [3]}},
            {"type": "scatter", "name": t("rollout.milestones"), "symbol": "diamond", "data": stones, "z": 10,
             **({"markLine": today_line} if today_line else {})},
        ],
    }
