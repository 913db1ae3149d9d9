"""The upload, check and apply flow of /kommune/import, with a progress bar fed by the domain."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from nicegui import background_tasks, events, ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.provisioning import service
from domain.provisioning.model import (
    APPLIED,
    DISCARDED,
    ERROR,
    MAX_FILE_BYTES,
    VALIDATED,
    ImportFile,
    ImportReport,
    ReportLine,
)
from domain.provisioning.safety import REASON
from domain.provisioning.stored import do_discard
from ui.accessibility.parts import name_upload
from ui.components import refuse, section_heading
from ui.i18n import t
from ui.provisioning import dialogs
from ui.provisioning.report import CHANGES, reason_text, report_view, totals

log = logging.getLogger(__name__)
LIMIT_TEXT = f"{MAX_FILE_BYTES // (1024 * 1024)} MB"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.0f} kB" if n < 2**20 else f"{n / 2**20:.1f} MB"


class ImportPanel:
    """One admin's import in progress: the files, the switch, the progress and the report."""

    def __init__(self, actor: Actor, lang: str, on_applied: Callable[[], Awaitable[None]]) -> None:
        self.actor, self.lang, self.on_applied = actor, lang, on_applied
        self.files: dict[str, ImportFile] = {}
        self.refused: list[ReportLine] = []  # files too large to read: told here, never part of the import
        self.report: ImportReport | None = None
        self.busy = False

    def build(self) -> None:
        """Draw the panel."""
        self.root = ui.column().classes("w-full gap-3")
        with self.root:
            self._build()

    def _build(self) -> None:
        ui.label(t("prov.intro", self.lang)).classes("text-grey-8")
        self.upload: ui.upload = ui.upload(label=t("prov.upload", self.lang), multiple=True, auto_upload=True,
                                max_file_size=MAX_FILE_BYTES, on_upload=self.add_file,
                                on_multi_upload=self._uploaded,
                                on_rejected=lambda: ui.notify(t("prov.too_big", self.lang, limit=LIMIT_TEXT),
                                                              type="negative")).props(
            'accept=".csv,.json,.txt" flat bordered').classes("w-full").mark("import-upload")
        name_upload(self.upload, t("prov.upload", self.lang))
        self.file_list()
        with ui.row().classes("items-center gap-4 w-full"):
            self.full = ui.switch(t("prov.full", self.lang), value=False,
                                  on_change=lambda: self.full_help.refresh()).mark("import-full")
            self.validate_button = ui.button(t("prov.validate", self.lang), icon="fact_check",
                                             on_click=self.start_validate).props("no-caps unelevated").mark(
                "import-validate")
        self.full_help()
        self.progress_row = ui.column().classes("w-full gap-1")
        with self.progress_row:
            self.progress_label = ui.label("").classes("text-caption text-grey-8").mark("import-progress-text")
            self.progress = ui.linear_progress(value=0, show_value=False).props("rounded size=10px").mark(
                "import-progress")
            self.progress.props["aria-labelledby"] = self.progress_label.html_id  # the line above names the bar
        self.progress_row.set_visibility(False)
        self.report_area()

    @ui.refreshable_method
    def full_help(self) -> None:
        """What the switch means, in plain words."""
        key = "prov.full_help" if self.full.value else "prov.partial_help"
        ui.label(t(key, self.lang)).classes("text-caption " + ("text-negative" if self.full.value else
                                                              "text-grey-8")).mark("import-full-help")

    @ui.refreshable_method
    def file_list(self) -> None:
        """The files uploaded so far, and those refused."""
        with ui.column().classes("w-full gap-1").mark("import-files"):
            if not self.files and not self.refused:
                ui.label(t("prov.no_files", self.lang)).classes("text-grey-7")
            for name, file in sorted(self.files.items()):
                with ui.row().classes("items-center no-wrap gap-2"):
                    ui.icon("description", color="primary")
                    ui.label(name).classes("ellipsis")
                    ui.label(_size(len(file.data))).classes("text-caption text-grey-7")
                    remove = ui.button(icon="close", on_click=lambda n=name: self.remove(n)).props("flat round dense")
                    remove.props["aria-label"] = t("prov.remove_file", self.lang)
                    remove.tooltip(t("prov.remove_file", self.lang))
            for line in self.refused:
                with ui.row().classes("items-center no-wrap gap-2 text-negative"):
                    ui.icon("error")
                    ui.label(f"{line.file}: {reason_text(line, self.lang)}").mark("import-refused")

    def _uploaded(self) -> None:
        self.upload.reset()  # the list below shows the files; the uploader's own queue would repeat them

    async def add_file(self, event: events.UploadEventArguments) -> None:
        """Keep an uploaded file for the next check (one of a name: a new upload replaces the old)."""
        name, size = event.file.name, event.file.size()
        self.refused = [r for r in self.refused if r.file != name]
        if size > MAX_FILE_BYTES:
            # Never read it into memory: the browser already refuses such files, so this came around it.
            self.files.pop(name, None)
            self.refused.append(ReportLine.make(name, 0, ERROR, "", "", "file_too_large",
                                                size_mb=round(size / 1024 / 1024), max_mb=MAX_FILE_BYTES // 2**20))
        else:
            self.files[name] = ImportFile(name, await event.file.read())
        self.report = None
        self.file_list.refresh()
        self.report_area.refresh()

    def remove(self, name: str) -> None:
        """Leave a file out of the next check."""
        self.files.pop(name, None)
        self.report = None
        self.file_list.refresh()
        self.report_area.refresh()

    def _progress(self, fraction: float, message: str) -> None:
        # Called from inside the domain's work; elements push their update to this client on the next turn.
        self.progress.set_value(max(0.0, min(1.0, fraction)))
        self.progress_label.set_text(message)

    def _begin(self, key: str) -> None:
        self.busy = True
        self.validate_button.disable()
        self.progress.set_value(0)
        self.progress_label.set_text(t(key, self.lang))
        self.progress_row.set_visibility(True)

    def _end(self) -> None:
        self.busy = False
        self.validate_button.enable()
        self.progress_row.set_visibility(False)
        self.report_area.refresh()

    def start_validate(self) -> None:
        """Check the files in the background, so the page keeps answering while the bar moves."""
        if self.busy:
            return
        if not self.files:
            ui.notify(t("prov.no_files", self.lang), type="warning")
            return
        self._begin("prov.validating")
        background_tasks.create(self._validate(), name="import validate")

    async def _validate(self) -> None:
        with self.root:  # a background task has no slot of its own: notifications go to this panel's page
            await self._validate_here()

    async def _validate_here(self) -> None:
        try:
            self.report = await service.do_validate(self.actor, list(self.files.values()), full=bool(self.full.value),
                                                    now=utcnow(), progress=self._progress)
        except DomainError as error:
            self.report = None
            refuse(error)
        except Exception:  # noqa: BLE001 - the admin reads a clear sentence, the log keeps the trace
            log.exception("import check failed")
            self.report = None
            ui.notify(t("prov.failed", self.lang), type="negative")
        finally:
            self._end()

    def confirm_apply(self) -> None:
        """Ask with the numbers before anything changes."""
        if self.report is not None and not self.busy:
            dialogs.confirm_apply(self.report, self.lang, self.start_apply)

    def start_apply(self, confirm_deactivate: int | None) -> None:
        """Apply the checked run in the background, with the bar."""
        if self.report is None or self.report.run_id is None or self.busy:
            return
        self._begin("prov.applying")
        background_tasks.create(self._apply(self.report.run_id, confirm_deactivate), name="import apply")

    def confirm_discard(self) -> None:
        """Ask before the checked import is thrown away."""
        if self.report is not None and not self.busy:
            dialogs.confirm_discard(self.lang, self.discard)

    async def discard(self) -> None:
        """Throw the checked import away; its files (CPR numbers) are deleted at once."""
        if self.report is None or self.report.run_id is None:
            return
        try:
            await do_discard(self.actor, self.report.run_id, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.report.status = DISCARDED
        ui.notify(t("prov.discarded", self.lang), type="positive")
        self.report_area.refresh()
        await self.on_applied()

    async def _apply(self, run_id: int, confirm_deactivate: int | None) -> None:
        with self.root:
            await self._apply_here(run_id, confirm_deactivate)

    async def _apply_here(self, run_id: int, confirm_deactivate: int | None) -> None:
        try:
            self.report = await service.do_apply(self.actor, run_id, now=utcnow(), progress=self._progress,
                                                 confirm_deactivate=confirm_deactivate)
        except DomainError as error:
            refuse(error)
        except Exception:  # noqa: BLE001 - the transaction rolled back; say so plainly
            log.exception("import apply failed")
            ui.notify(t("prov.failed", self.lang), type="negative")
        finally:
            self._end()
        if self.report is not None and self.report.status == APPLIED:
            ui.notify(t("prov.applied", self.lang), type="positive")
            await self.on_applied()

    @ui.refreshable_method
    def report_area(self) -> None:
        """The latest report, and Apply only when it may be applied."""
        report = self.report
        if report is None:
            return
        with ui.card().classes("w-full gap-3").mark("import-report").props(f"data-status={report.status}"):
            section_heading(t("prov.report", self.lang))
            status_key = f"prov.status.{report.status}"
            ui.label(t(status_key, self.lang)).classes("text-weight-medium").mark("import-status")
            report_view(report, self.lang)
            sums = totals(report)
            if report.status == APPLIED:
                ui.label(t("prov.applied", self.lang)).classes("text-positive").mark("import-applied")
            elif report.status == DISCARDED:
                ui.label(t("prov.discarded", self.lang)).classes("text-grey-8").mark("import-discarded")
            elif not report.ok or report.status != VALIDATED:
                ui.label(t("prov.has_errors", self.lang)).classes("text-negative").mark("import-has-errors")
            else:
                self._pending_actions(any(sums[k] for k in CHANGES))

    def _pending_actions(self, changes: bool) -> None:
        """Apply (when anything would change) and discard, for a checked import."""
        lang = self.lang
        warning = next((line for line in self.report.lines if line.reason == REASON), None) if self.report else None
        if warning is not None:
            with ui.row().classes("items-center no-wrap gap-2 text-negative").mark("import-large-deactivation"):
                ui.icon("warning")
                ui.label(reason_text(warning, lang)).classes("text-weight-medium")
        if changes:
            ui.label(t("prov.not_applied", lang)).classes("text-grey-8")
        else:
            ui.label(t("prov.nothing_to_do", lang)).classes("text-grey-8").mark("import-nothing")
        with ui.row().classes("items-center gap-2"):
            if changes:
                ui.button(t("prov.apply", lang), icon="done_all", on_click=self.confirm_apply).props(
                    "unelevated no-caps color=positive").mark("import-apply")
            ui.button(t("prov.discard", lang), icon="delete", on_click=self.confirm_discard).props(
                "outline no-caps color=negative").mark("import-discard")
        ui.label(t("prov.kept_for", lang)).classes("text-caption text-grey-7")
