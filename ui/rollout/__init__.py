"""The project team's rollout page (/udrulning) and the printable status report."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local
from domain.identity.model import Actor, Role
from domain.rollout import export
from domain.rollout.overview import overview
from ui.frame import frame, load_or_refuse
from ui.guard import page
from ui.i18n import fmt_date, t
from ui.rollout.adoption_section import AdoptionSection
from ui.rollout.matrix_section import MatrixSection
from ui.rollout.plan_section import PlanSection
from ui.rollout.report import report_body


async def _page(actor: Actor) -> None:
    today = today_local()
    data = await load_or_refuse(actor, t("rollout.title"), overview(actor, today))
    if data is None:
        return
    with frame(actor, t("rollout.title")):
        ui.label(f"{t('rollout.today')}: {fmt_date(today)}").classes("text-grey-8")
        with ui.tabs().classes("w-full").props("align=left no-caps") as tabs:
            tab_plan = ui.tab(t("rollout.tab.plan"))
            tab_ready = ui.tab(t("rollout.tab.readiness"))
            tab_adopt = ui.tab(t("rollout.tab.adoption"))
            tab_export = ui.tab(t("rollout.tab.export"))
        with ui.tab_panels(tabs, value=tab_plan, animated=False).classes("w-full bg-transparent"):
            with ui.tab_panel(tab_plan):
                PlanSection(actor, today, data.programmes).render()
            with ui.tab_panel(tab_ready):
                MatrixSection(actor, data.matrix).build()
            with ui.tab_panel(tab_adopt):
                AdoptionSection(data.adoption, data.trend, today, data.checkins).build()
            with ui.tab_panel(tab_export):
                with ui.column().classes("gap-2"):
                    ui.button(t("rollout.export.report"), icon="print",
                              on_click=lambda: ui.navigate.to("/udrulning/rapport", new_tab=True)).props("no-caps")
                    ui.button(t("rollout.export.matrix"), icon="download", on_click=lambda: ui.download(
                        export.readiness_csv(data.matrix), f"parathed-{today}.csv")).props("outline no-caps")
                    ui.button(t("rollout.export.adoption"), icon="download", on_click=lambda: ui.download(
                        export.adoption_csv(data.adoption), f"adoption-{today}.csv")).props("outline no-caps")


@page("/udrulning", Role.PROJECT_TEAM, Role.ADMIN)
async def rollout_home(actor: Actor) -> None:
    """Udrulning: plans, readiness, adoption and exports."""
    await _page(actor)


@page("/udrulning/rapport", Role.PROJECT_TEAM, Role.ADMIN)
async def rollout_report(actor: Actor) -> None:
    """The printable status report of the rollout."""
    await report_body(actor, today_local())
