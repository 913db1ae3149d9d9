"""The project team's rollout page (/udrulning) and the printable status report."""

from __future__ import annotations

from fastapi import Request
from nicegui import ui

from domain.clock import today_local
from domain.identity.model import Actor, Role
from domain.rollout import export
from domain.rollout.matrix import MatrixFilter, load_all
from domain.rollout.overview import overview
from domain.rollout.usage import weekly_use
from ui.frame import frame, load_or_refuse
from ui.guard import page
from ui.i18n import fmt_date, t
from ui.rollout.adoption_section import AdoptionSection
from ui.rollout.checklist_editor import ChecklistEditor
from ui.rollout.matrix_section import MatrixSection
from ui.rollout.own_checklist import own_checklist
from ui.rollout.plan_section import PlanSection
from ui.rollout.report import report_body
from ui.rollout.usage_section import UsageSection
from ui.rollout.waves_section import WavesSection, plan_exports


async def _page(actor: Actor, query: dict[str, str]) -> None:
    today = today_local()
    data = await load_or_refuse(actor, t("rollout.title"), overview(actor, today))
    if data is None:
        return
    with frame(actor, t("rollout.title")):
        ui.label(f"{t('rollout.today')}: {fmt_date(today)}").classes("text-grey-8")
        with ui.tabs().classes("w-full").props("align=left no-caps") as tabs:
            tab_plan = ui.tab(t("rollout.tab.plan"))
            tab_waves = ui.tab(t("rollout.tab.waves"))
            tab_ready = ui.tab(t("rollout.tab.readiness"))
            tab_adopt = ui.tab(t("rollout.tab.adoption"))
            tab_export = ui.tab(t("rollout.tab.export"))
        # The readiness tab's filters live in the address (?fane=parathed&omraade=skole...), so it opens where it was.
        first = tab_ready if query.get("fane") == "parathed" else tab_plan
        with ui.tab_panels(tabs, value=first, animated=False).classes("w-full bg-transparent"):
            with ui.tab_panel(tab_plan):
                PlanSection(actor, today, data.programmes).render()
            with ui.tab_panel(tab_waves):
                await WavesSection(actor, today, data.programmes).build()
            with ui.tab_panel(tab_ready):
                await MatrixSection(actor, today, MatrixFilter.parse(query)).build()
                await ChecklistEditor(actor, today).build()
            with ui.tab_panel(tab_adopt):
                AdoptionSection(data.adoption, data.trend, today, data.checkins).build()
                UsageSection(await weekly_use(actor, today)).build()
            with ui.tab_panel(tab_export):
                with ui.column().classes("gap-2"):
                    ui.button(t("rollout.export.report"), icon="print",
                              on_click=lambda: ui.navigate.to("/udrulning/rapport", new_tab=True)).props("no-caps")

                    async def readiness_csv() -> None:
                        ui.download(export.readiness_csv(await load_all(actor, today)), f"parathed-{today}.csv")

                    ui.button(t("rollout.export.matrix"), icon="download", on_click=readiness_csv).props(
                        "outline no-caps")
                    ui.button(t("rollout.export.adoption"), icon="download", on_click=lambda: ui.download(
                        export.adoption_csv(data.adoption), f"adoption-{today}.csv")).props("outline no-caps")
                    plan_exports(actor, today, data.programmes)


__all__ = ["own_checklist"]  # importing the package declares /parathed too


@page("/udrulning", Role.PROJECT_TEAM, Role.ADMIN)
async def rollout_home(actor: Actor, request: Request) -> None:
    """Udrulning: plans, readiness (filters in the address), adoption and exports."""
    await _page(actor, dict(request.query_params))


@page("/udrulning/rapport", Role.PROJECT_TEAM, Role.ADMIN)
async def rollout_report(actor: Actor) -> None:
    """The printable status report of the rollout."""
    await report_body(actor, today_local())
