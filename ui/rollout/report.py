"""The printable status report for the steering group: late milestones, readiness and adoption per area."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from domain.identity.model import Actor
from domain.rollout import adoption, plan, readiness
from domain.rollout.model import Area, MilestoneStatus, ReadinessItem
from ui.components import page_heading, section_heading
from ui.frame import theme
from ui.i18n import fmt_date, t
from ui.rollout.adoption_section import pct

PRINT_CSS = "<style>@media print { .no-print { display: none !important } body { background: white } }</style>"


async def report_body(actor: Actor, today: date) -> None:
    """Render the report as a plain page that prints well on A4."""
    programmes = await plan.plan(actor, today)
    matrix = await readiness.readiness_matrix(actor, today)
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
        section_heading(t("rollout.report.readiness"))
        totals = matrix.area_totals()
        ui.table(columns=[{"name": "item", "label": "", "field": "item", "align": "left"}] + [
            {"name": a.value, "label": t(f"rollout.area.{a.value}"), "field": a.value} for a in Area
        ], rows=[{"item": t(f"rollout.item.{item.value}"), **{
            a.value: f"{totals[a][item][0]}/{totals[a][item][1]}" for a in Area}} for item in ReadinessItem],
            row_key="item").props("flat dense").classes("w-full")
        section_heading(t("rollout.report.adoption"))
        ui.table(columns=[
            {"name": "area", "label": "", "field": "area", "align": "left"},
            {"name": "ever", "label": t("rollout.adoption.ever"), "field": "ever"},
            {"name": "recent", "label": t("rollout.adoption.recent"), "field": "recent"},
        ], rows=[{"area": t(f"rollout.area.{r.area.value}"), "ever": pct(r.share_ever), "recent": pct(r.share_30d)}
                 for r in figures], row_key="area").props("flat dense").classes("w-full")
