"""The import's two questions: apply (with the number typed when many would be deactivated) and discard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from domain.provisioning.model import ImportReport
from domain.provisioning.safety import REASON
from ui.components import named_dialog, section_heading
from ui.i18n import t
from ui.provisioning.report import CHANGES, totals


def confirm_apply(report: ImportReport, lang: str, on_yes: Callable[[int | None], None]) -> None:
    """Ask with the numbers; a large deactivation also needs its exact number typed before Continue works."""
    sums = totals(report)
    needed = report.confirm_deactivate
    heading = t("prov.confirm_title", lang)
    with named_dialog(heading) as dialog, ui.card().classes("q-pa-md gap-3 w-full max-w-md").mark("import-confirm"):
        section_heading(heading)
        ui.label(t("prov.confirm", lang, **{k: sums[k] for k in CHANGES})).mark("import-confirm-text")
        typed: ui.input | None = None
        if needed:
            warning = next((line for line in report.lines if line.reason == REASON), None)
            if warning is not None:
                ui.label(t("prov.confirm_large", lang, **warning.params)).classes("text-negative")
            ui.label(t("prov.confirm_number", lang, total=needed)).classes("text-negative text-weight-medium").mark(
                "import-confirm-number-text")
            typed = ui.input(t("prov.confirm_number_label", lang),
                             validation={t("prov.confirm_number_wrong", lang, total=needed):
                                         lambda value: (value or "").strip() in ("", str(needed))}).props(
                'outlined autofocus inputmode=numeric autocomplete=off').classes("w-full").mark(
                "import-confirm-number")
        ui.label(t("prov.confirm_note", lang)).classes("text-caption text-grey-8")

        def go_on() -> None:
            dialog.close()
            on_yes(int(str(typed.value).strip()) if typed is not None else None)

        with ui.row().classes("justify-end w-full gap-2"):
            ui.button(t("prov.cancel", lang), on_click=dialog.close).props("flat no-caps").mark("import-cancel")
            go = ui.button(t("prov.continue", lang), on_click=go_on).props(
                "unelevated no-caps color=primary").mark("import-continue")
        if typed is not None:
            # Enabled only by the exact number: a reflex click cannot deactivate a municipality.
            go.bind_enabled_from(typed, "value", backward=lambda value: (value or "").strip() == str(needed))
    dialog.open()


def confirm_discard(lang: str, on_yes: Callable[[], Awaitable[None]]) -> None:
    """Ask before a checked import is thrown away and its files deleted."""
    heading = t("prov.discard_title", lang)
    with named_dialog(heading) as dialog, ui.card().classes("q-pa-md gap-3 w-full max-w-sm").mark("discard-confirm"):
        section_heading(heading)
        ui.label(t("prov.discard_text", lang))

        async def go_on() -> None:
            dialog.close()
            await on_yes()

        with ui.row().classes("justify-end w-full gap-2"):
            ui.button(t("prov.cancel", lang), on_click=dialog.close).props("flat no-caps").mark("discard-cancel")
            ui.button(t("prov.discard", lang), icon="delete", on_click=go_on).props(
                "unelevated no-caps color=negative").mark("discard-continue")
    dialog.open()
