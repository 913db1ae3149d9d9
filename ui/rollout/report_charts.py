"""The report's charts as inline SVG: they scale to the paper when printed, where a canvas chart keeps its width.

Every text in them is escaped here (a span's label is the team's own text); the page sanitises the SVG once more.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from domain.rollout.adoption import TrendPoint
from domain.rollout.model import Area, MilestoneStatus, SpanKind
from domain.rollout.plan import ProgrammeView
from ui.i18n import MONTHS, current_language, fmt_short_date, t
from ui.rollout.timeline import STATUS_COLOURS, rows_of

WIDTH, LEFT, RIGHT, TOP, ROW = 900, 260, 20, 30, 26
INK, GRID, TODAY_RED = "#212121", "#c8c8c8", "#b71c1c"
# Darker than the screen's bar colours: bars carry no text, but they must stand out from white paper (3:1).
PRINT_SPAN = {SpanKind.TRACK: "#3f7199", SpanKind.PHASE: "#3d7d41"}
AREA_LINES = {Area.DAGTILBUD: ("#1f5f8b", ""), Area.BFO_KLUB: ("#8a4b00", "8 4"), Area.SKOLE: ("#2e7d32", "2 3")}


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span


def _text(x: float, y: float, text: str, *, size: int = 12, anchor: str = "start", fill: str = INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-family="Roboto, Arial, sans-serif">{escape(text)}</text>')


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _month_ticks(first: date, last: date) -> list[date]:
    """First days of months between two days, thinned to at most ten."""
    months = []
    day = date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // 10))
    return months[::step]


def _month_label(day: date) -> str:
    name = MONTHS[current_language()][day.month - 1]
    return f"{name[:3]}{'.' if len(name) > 3 else ''} {day.year}"


def gantt_svg(programme: ProgrammeView, today: date) -> str:
    """Tracks and phases as bars, milestones as diamonds coloured by status, today as a dashed line."""
    rows = rows_of(programme)
    labels = [f"{t('rollout.kind.' + kind.value)}: {label}" for kind, label in rows] or [t("rollout.milestones")]
    index = {row: i for i, row in enumerate(rows)}
    first = min([programme.start, *(s.start for s in programme.spans)])
    last = max([programme.end, *(s.end for s in programme.spans)])
    height = TOP + ROW * len(labels) + 8
    parts = []
    for tick in _month_ticks(first, last):
        x = _x(tick, first, last)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 8}" stroke="{GRID}"/>')
        parts.append(_text(x + 2, TOP - 10, _month_label(tick), size=13))
    for i, label in enumerate(labels):
        parts.append(_text(4, TOP + ROW * i + 18, _short(label, 32), size=14))
    for s in programme.spans:
        y = TOP + ROW * index[(s.kind, s.label)] + 5
        a, b = _x(s.start, first, last), _x(s.end + timedelta(days=1), first, last)
        title = f"{s.label}: {fmt_short_date(s.start)} – {fmt_short_date(s.end)}"
        parts.append(f'<rect x="{a:.1f}" y="{y}" width="{max(b - a, 3):.1f}" height="{ROW - 10}" rx="2" '
                     f'fill="{PRINT_SPAN[s.kind]}"><title>{escape(title)}</title></rect>')
    phases = {s.id: s for s in programme.spans}
    for m in programme.milestones:
        phase = phases.get(m.phase_id or -1)
        row = index[(SpanKind.PHASE, phase.label)] if phase else len(labels) - 1
        x, cy = _x(m.due, first, last), TOP + ROW * row + ROW / 2
        r = 8 if m.status is MilestoneStatus.LATE else 6
        title = f"{m.title} ({t('rollout.status.' + m.status.value)}, {fmt_short_date(m.due)})"
        corners = f"{x:.1f},{cy - r:.1f} {x + r:.1f},{cy:.1f} {x:.1f},{cy + r:.1f} {x - r:.1f},{cy:.1f}"
        parts.append(f'<polygon points="{corners}" fill="{STATUS_COLOURS[m.status]}" stroke="#fff">'
                     f'<title>{escape(title)}</title></polygon>')
    if first <= today <= last:
        x = _x(today, first, last)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{height - 4}" stroke="{TODAY_RED}" '
                     'stroke-width="2" stroke-dasharray="5 3"/>')
        parts.append(_text(x, height + 12, t("rollout.today"), size=13, anchor="middle", fill=TODAY_RED))
        height += 16
    name = t("rollout.report.gantt_named", name=programme.name)
    return _svg(name, height, parts)


def trend_svg(points: list[TrendPoint]) -> str:
    """The share of guardians logged in over the last 30 days, one line per area, 0-100 %."""
    height, bottom = 240, 200
    days = sorted({p.day for p in points})
    if not days:
        return _svg(t("rollout.adoption.trend"), height + 8, [])
    first, last = days[0], days[-1]
    parts = []
    for share in (0, 25, 50, 75, 100):
        y = bottom - (bottom - TOP) * share / 100
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_text(LEFT - 6, y + 4, f"{share} %", anchor="end", size=13))
    for day in days[:: max(1, -(-len(days) // 6))]:
        parts.append(_text(_x(day, first, last), bottom + 20, fmt_short_date(day), anchor="middle", size=13))
    for n, area in enumerate(Area):
        line = [p for p in points if p.area is area]
        colour, dash = AREA_LINES[area]
        if line:
            coords = " ".join(f"{_x(p.day, first, last):.1f},{bottom - (bottom - TOP) * p.share_30d:.1f}" for p in line)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5" '
                         f'stroke-dasharray="{dash}"/>')
        y = TOP + 18 * n + 4
        parts.append(f'<line x1="10" y1="{y}" x2="40" y2="{y}" stroke="{colour}" stroke-width="2.5" '
                     f'stroke-dasharray="{dash}"/>')
        parts.append(_text(46, y + 5, t(f"rollout.area.{area.value}"), size=14))
    return _svg(t("rollout.adoption.trend"), height + 8, parts)


def _svg(name: str, height: int, parts: list[str]) -> str:
    """An SVG image named for screen readers, as wide as its column on screen and on paper."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'aria-label="{escape(name)}" style="max-width:100%;height:auto">{"".join(parts)}</svg>')
