"""The printable status report for the steering group: milestones, the Gantt chart, readiness, laggards, adoption."""

from __future__ import annotations

from datetime import date, timedelta

from nicegui import ui

from domain.identity.model import Actor
from domain.rollout import adoption, lagging, plan
from domain.rollout.matrix import MatrixFilter, load_matrix
from domain.rollout.model import Area, MilestoneStatus
from domain.rollout.overview import TREND_DAYS
from ui.components import page_heading, section_heading
from ui.frame import theme
from ui.i18n import fmt_date, t
from ui.rollout.adoption_section import pct
from ui.rollout.report_sections import gantt_section, lagging_section, trend_section, upcoming_section

PRINT_CSS = ("<style>@media print { .no-print { display: none !important } body { background: white } "
             "@page { size: A4; margin: 14mm } h2, h3 { break-after: avoid } svg, tr { break-inside: avoid } }"
             "</style>")


async def report_body(actor: Actor, today: date) -> None:
    """Render the report as a plain page that prints well on A4."""
    programmes = await plan.plan(actor, today)
    matrix = await load_matrix(actor, MatrixFilter(), today)
    figures = adoption.by_area(await adoption.adoption(actor, today))
    theme()
    ui.add_head_html(PRINT_CSS)
    ui.page_title(t("rollout.report.title"))
    with ui.column().classes("w-full max-w-4xl mx-auto q-pa-lg gap-3 bg-white"):
        with ui.row().classes("items-center justify-between w-full"):
            page_heading(t("rollout.report.title"))
            ui.button(t("rollout.report.print"), icon="print", on_click=lambda: ui.run_javascript("window.print()")) \
                .props("outline no-caps").classes("no-print")
        ui.label(fmt_date(today)).classes("text-grey-8")
        section_heading(t("rollout.report.late"))
        late = [(p, m) for p in programmes for m in p.milestones if m.status is MilestoneStatus.LATE]
        if not late:
            ui.label(t("rollout.report.none_late"))
        for p, m in late:
            ui.label(f"{fmt_date(m.due)} · {p.name} · {m.title} ({m.owner})").mark("late-milestone")
        upcoming_section(programmes, today)
        gantt_section(programmes, today)
        section_heading(t("rollout.report.readiness"))
        totals = matrix.area_totals()
        ui.table(columns=[
            {"name": "area", "label": "", "field": "area", "align": "left"},
            {"name": "done", "label": t("rollout.report.done"), "field": "done"},
            {"name": "late", "label": t("rollout.report.late_items"), "field": "late"},
        ], rows=[{"area": t(f"rollout.area.{a.value}"), "done": f"{totals[a].done}/{totals[a].total}",
                  "late": totals[a].late} for a in Area if a in totals],
            row_key="area").props("flat dense").classes("w-full").mark("report-readiness")
        progress = {r.institution_id: (r.total.done, r.total.total) for r in matrix.rows}
        lagging_section(await lagging.lagging(actor, today, progress), today)
        section_heading(t("rollout.report.adoption"))
        ui.table(columns=[
            {"name": "area", "label": "", "field": "area", "align": "left"},
            {"name": "ever", "label": t("rollout.adoption.ever"), "field": "ever"},
            {"name": "recent", "label": t("rollout.adoption.recent"), "field": "recent"},
        ], rows=[{"area": t(f"rollout.area.{r.area.value}"), "ever": pct(r.share_ever), "recent": pct(r.share_30d)}
                 for r in figures], row_key="area").props("flat dense").classes("w-full")
        trend_section(await adoption.trend(actor, today - timedelta(days=TREND_DAYS)))
