"""The plan's edit dialogs: a programme (name, area, dates) and a phase or track (name, dates); removal with undo."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from nicegui import ui

from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout import programmes
from domain.rollout.model import Area, SpanKind
from domain.rollout.plan import ProgrammeView, SpanView
from domain.rollout.programmes import ProgrammeDraft, SpanDraft
from ui.components import confirm, named_dialog, refuse, section_heading
from ui.dates import checked_range, date_input, problem
from ui.i18n import t

Reload = Callable[[], Awaitable[None]]


@dataclass
class Undo:
    """A line under the plan saying what was removed, with Fortryd; it survives the redraw that follows."""

    text: str
    action: Callable[[], Awaitable[Any]]


def _dates(first_label: str, last_label: str, start: date, end: date, marker: str) -> tuple[Any, Any]:
    first = date_input(first_label, start, f"{marker}-start")
    last = date_input(last_label, end, f"{marker}-end")
    return first, last


def _buttons(dialog: ui.dialog, save: Callable[[], Awaitable[None]], marker: str) -> None:
    with ui.row().classes("w-full justify-end gap-2"):
        ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
        ui.button(t("common.save"), on_click=save).props("no-caps").mark(f"{marker}-save")


def programme_dialog(actor: Actor, today: date, existing: ProgrammeView | None, reload: Reload) -> None:
    """Create a programme for an area, or rename and redate one; refusals are shown and nothing is stored."""
    heading = t("rollout.programme.edit_named", name=existing.name) if existing else t("rollout.programme.new")
    with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-md gap-2"):
        section_heading(heading)
        name = ui.input(t("rollout.programme.name"), value=existing.name if existing else "") \
            .props("dense outlined").mark("programme-name")
        area = ui.select({a: t(f"rollout.area.{a.value}") for a in Area},
                         value=existing.area if existing else Area.SKOLE, label=t("rollout.area")) \
            .props("dense outlined").mark("programme-area")
        if existing:
            area.disable()  # waves and checklists belong to the area's institutions
        first, last = _dates(t("rollout.field.start"), t("rollout.field.end"), existing.start if existing else today,
                             existing.end if existing else today, "programme")

        async def save() -> None:
            days = checked_range(first, last)
            if days is None:
                ui.notify(problem(first, last) or t("rollout.error.bad_date"), type="negative")
                return
            draft = ProgrammeDraft(Area(area.value), name.value or "", *days)
            try:
                if existing:
                    await programmes.do_update_programme(actor, existing.id, draft)
                else:
                    await programmes.do_create_programme(actor, draft)
            except DomainError as error:
                refuse(error)
                return
            dialog.close()
            ui.notify(t("rollout.saved"), type="positive")
            await reload()

        _buttons(dialog, save, "programme")
    dialog.open()


def span_dialog(actor: Actor, programme: ProgrammeView, kind: SpanKind, existing: SpanView | None,
                reload: Reload) -> None:
    """Add a phase or track with its own name, or rename and redate one."""
    what = t(f"rollout.kind.{kind.value}")
    heading = t("rollout.span.edit_named", name=existing.label) if existing else t(f"rollout.span.new_{kind.value}")
    with named_dialog(heading) as dialog, ui.card().classes("w-full max-w-md gap-2"):
        section_heading(heading)
        label = ui.input(t("rollout.span.name", kind=what), value=existing.label if existing else "") \
            .props("dense outlined").mark("span-name")
        first, last = _dates(t("rollout.field.start"), t("rollout.field.end"),
                             existing.start if existing else programme.start,
                             existing.end if existing else programme.end, "span")

        async def save() -> None:
            days = checked_range(first, last)
            if days is None:
                ui.notify(problem(first, last) or t("rollout.error.bad_date"), type="negative")
                return
            try:
                if existing:
                    await programmes.do_update_span(actor, existing.id, label.value or "", *days)
                else:
                    await programmes.do_add_span(actor, SpanDraft(programme.id, kind, label.value or "", *days))
            except DomainError as error:
                refuse(error)
                return
            dialog.close()
            ui.notify(t("rollout.saved"), type="positive")
            await reload()

        _buttons(dialog, save, "span")
    dialog.open()


async def remove_span(actor: Actor, span: SpanView, offer_undo: Callable[[Undo], Awaitable[None]]) -> None:
    """Remove a phase or track after a question; its milestones stay, and Fortryd puts it back."""
    kind = t(f"rollout.kind.{span.kind.value}")
    if not await confirm(t("rollout.span.confirm_remove", kind=kind.lower(), name=span.label), t("common.delete"),
                         "span-remove-confirm"):
        return
    try:
        removed = await programmes.do_remove_span(actor, span.id)
    except DomainError as error:
        refuse(error)
        return
    await offer_undo(Undo(t("rollout.span.removed", kind=kind, name=span.label),
                          lambda: programmes.do_restore_span(actor, removed)))
