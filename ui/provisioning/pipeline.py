"""The pipeline view: the last imports, staff without accounts, institutions without staff, recent changes."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.provisioning import service
from domain.provisioning.model import ImportRunView
from domain.provisioning.pipeline import Pipeline, load_pipeline
from ui.components import refuse, section_heading
from ui.i18n import fmt_datetime, t
from ui.provisioning.report import CHANGES, counts_table, lines_table, report_view
from ui.texts import TEXTS

SHOWN = 100


def _counts_text(run: ImportRunView) -> str:
    sums = {o: sum(c.get(o, 0) for c in run.counts.values()) for o in (*CHANGES, "errors")}
    return " / ".join(str(sums[o]) for o in (*CHANGES, "errors"))


def _status(status: str, lang: str) -> str:
    key = f"prov.status.{status}"
    return t(key, lang) if key in TEXTS else status


def _section(title: str, help_key: str | None, lang: str) -> ui.card:
    card = ui.card().classes("w-full gap-2")
    with card:
        section_heading(title)
        if help_key:
            ui.label(t(help_key, lang)).classes("text-caption text-grey-8")
    return card


def _empty(key: str, lang: str, marker: str) -> None:
    with ui.row().classes("items-center gap-2 text-grey-8").mark(marker):
        ui.icon("check_circle", color="positive")
        ui.label(t(key, lang))


class PipelineView:
    """The admin's overview, reloaded after each applied import."""

    def __init__(self, actor: Actor, lang: str) -> None:
        self.actor, self.lang = actor, lang

    async def open_report(self, run: ImportRunView) -> None:
        """Show one run's stored report in a dialog."""
        try:
            report = await service.load_report(self.actor, run.id)
        except DomainError as error:
            refuse(error)
            return
        with ui.dialog().props("maximized-on-mobile") as dialog, ui.card().classes(
                "w-full max-w-screen-lg gap-3").mark("run-report"):
            section_heading(t("prov.report_of", self.lang, when=fmt_datetime(run.started_at, self.lang)))
            ui.label(_status(report.status, self.lang)).classes("text-weight-medium")
            report_view(report, self.lang)
            ui.button(t("prov.close", self.lang), on_click=dialog.close).props("flat no-caps")
        dialog.open()

    @ui.refreshable_method
    async def show(self) -> None:
        """Load and draw the four sections."""
        pipeline = await load_pipeline(self.actor, today=today_local(utcnow()))
        self._runs(pipeline)
        self._differences(pipeline)
        self._staff(pipeline)
        self._institutions(pipeline)

    def _runs(self, pipeline: Pipeline) -> None:
        lang = self.lang
        with _section(t("prov.runs", lang), None, lang).mark("pipeline-runs"):
            if not pipeline.runs:
                ui.label(t("prov.runs_empty", lang)).classes("text-grey-8").mark("runs-empty")
                return
            ui.label(t("prov.col.counts", lang)).classes("text-caption text-grey-7")
            for run in pipeline.runs:
                with ui.row().classes("items-center gap-x-4 gap-y-0 w-full border-b q-py-xs").props(
                        f"data-run={run.id}"):
                    ui.label(fmt_datetime(run.started_at, lang)).classes("text-weight-medium")
                    ui.label(run.actor_name or t(f"prov.source.{run.source}", lang))
                    ui.label(t("prov.kind.full" if run.full else "prov.kind.partial", lang))
                    ui.label(_status(run.status, lang)).mark(f"run-status-{run.id}")
                    ui.label(_counts_text(run)).classes("text-grey-8")
                    ui.button(t("prov.open_report", lang), icon="description",
                              on_click=lambda r=run: self.open_report(r)).props("flat dense no-caps").mark(
                        f"open-run-{run.id}")

    def _differences(self, pipeline: Pipeline) -> None:
        lang, diff = self.lang, pipeline.differences
        with _section(t("prov.differences", lang), None, lang).mark("pipeline-differences"):
            if diff is None:
                ui.label(t("prov.differences_empty", lang)).classes("text-grey-8").mark("differences-empty")
                return
            run = diff.run
            when = fmt_datetime(run.applied_at or run.started_at, lang)
            key = "prov.differences_pending" if diff.pending else "prov.differences_applied"
            ui.label(t(key, lang, when=when, who=run.actor_name or "—")).classes("text-grey-8").mark(
                "differences-source")
            counts_table(diff.counts, lang, marker="differences-counts")
            if diff.lines:
                lines_table(diff.lines, lang, marker="differences-lines")
            if diff.hidden:
                ui.label(t("prov.more_lines", lang, n=diff.hidden)).classes("text-caption text-grey-7")

    def _staff(self, pipeline: Pipeline) -> None:
        lang, people = self.lang, pipeline.staff_without_accounts
        with _section(t("prov.staff_without_accounts", lang, n=len(people)), "prov.staff_without_accounts_help",
                      lang).mark("pipeline-staff"):
            if not people:
                _empty("prov.staff_without_accounts_empty", lang, "staff-empty")
            for person in people[:SHOWN]:
                with ui.row().classes("items-center gap-2"):
                    ui.label(person.name).classes("text-weight-medium")
                    ui.label(", ".join(person.institutions)).classes("text-grey-8")
            if len(people) > SHOWN:
                ui.label(t("prov.more", lang, n=len(people) - SHOWN)).classes("text-caption text-grey-7")

    def _institutions(self, pipeline: Pipeline) -> None:
        lang, places = self.lang, pipeline.institutions_without_staff
        with _section(t("prov.institutions_without_staff", lang, n=len(places)),
                      "prov.institutions_without_staff_help", lang).mark("pipeline-institutions"):
            if not places:
                _empty("prov.institutions_without_staff_empty", lang, "institutions-empty")
            for place in places[:SHOWN]:
                with ui.row().classes("items-center gap-2"):
                    ui.label(place.name).classes("text-weight-medium")
                    ui.label(place.number).classes("text-grey-8")
            if len(places) > SHOWN:
                ui.label(t("prov.more", lang, n=len(places) - SHOWN)).classes("text-caption text-grey-7")
