"""One institution's checklist item: its look in a grid, and the dialog that ticks, comments and shows its history."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.rollout import readiness
from domain.rollout.checklist import ItemView
from domain.rollout.model import CellStatus, ReadinessCell, cell_status
from ui.components import named_dialog, refuse, section_heading
from ui.i18n import fmt_date, fmt_datetime, t

LOOK = {CellStatus.DONE: ("check_circle", "positive"), CellStatus.MISSING: ("radio_button_unchecked", "grey-7"),
        CellStatus.LATE: ("error_outline", "negative")}


def status_of(cell: ReadinessCell, item: ItemView, today: date) -> CellStatus:
    """Done, missing, or missing past the item's deadline."""
    return cell_status(cell.ticked or cell.observed, item.deadline, today)


def cell_look(cell: ReadinessCell, item: ItemView, today: date) -> tuple[str, str]:
    """Icon and colour of a cell: Sammen's own observation, done by hand, open, or open past its deadline."""
    if cell.observed:
        return "visibility", "teal"
    return LOOK[status_of(cell, item, today)]


def cell_tooltip(cell: ReadinessCell) -> str:
    """Who ticked, when, and why."""
    if cell.observed:
        return t("rollout.observed")
    if cell.at is None:
        return t("rollout.not_ticked")
    key = "rollout.ticked_by" if cell.ticked else "rollout.unticked_by"
    text = t(key, name=cell.by_name, at=fmt_datetime(cell.at))
    return f"{text}: {cell.comment}" if cell.comment else text


def cell_name(institution: str, item: ItemView, cell: ReadinessCell, today: date) -> str:
    """What a cell's button says to a screen reader: where, which item, and its state (the icon says it to the eye)."""
    late = f" ({t('matrix.late_cell')})" if status_of(cell, item, today) is CellStatus.LATE else ""
    return f"{institution}, {item.title}: {cell_tooltip(cell)}{late}"


def item_line(item: ItemView) -> str:
    """The item's owner and deadline, as far as they are set."""
    parts = [item.owner] if item.owner else []
    if item.deadline:
        parts.append(t("checklist.deadline", deadline=fmt_date(item.deadline)))
    return " · ".join(parts)


async def open_cell_dialog(actor: Actor, institution: str, item: ItemView, cell: ReadinessCell, today: date,
                           after: Callable[[], Awaitable[None] | None] | None = None, *, can_tick: bool = True) -> None:
    """Tick, untick or comment one cell, with its history newest first (only the history for those who may not)."""
    try:
        entries = await readiness.history(actor, cell.institution_id, item.id, today)
    except DomainError as error:
        refuse(error)
        return
    heading = f"{institution}: {item.title}"
    with named_dialog(heading) as dialog, ui.card().classes("gap-2 w-full max-w-lg"):
        section_heading(heading)
        if item_line(item):
            ui.label(item_line(item)).classes("text-grey-8")
        ui.label(cell_tooltip(cell)).classes("text-body2").mark("cell-state")
        if not can_tick:
            with ui.row().classes("justify-end w-full"):
                ui.button(t("cell.close"), on_click=dialog.close).props("flat no-caps").mark("cell-close")
        else:
            comment = ui.input(t("rollout.field.comment")).props("dense outlined maxlength=300").classes("w-full") \
                .mark("tick-comment")

            async def save(ticked: bool | None) -> None:
                text = comment.value or ""
                try:
                    if ticked is None:
                        await readiness.do_comment(actor, cell.institution_id, item.id, text, now=utcnow())
                    else:
                        await readiness.do_tick(actor, cell.institution_id, item.id, ticked, text, now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()
                if after is not None:
                    result = after()
                    if result is not None:
                        await result

            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                ui.button(t("cell.add_comment"), on_click=lambda: save(None)).props("outline no-caps").mark(
                    "comment-save")
                if cell.ticked and not cell.observed:
                    ui.button(t("rollout.untick"), on_click=lambda: save(False)).props("outline no-caps").mark("untick")
                if not cell.observed:
                    ui.button(t("rollout.tick"), on_click=lambda: save(True)).props("no-caps").mark("tick")
        TextElement(tag="h3", text=t("cell.history")).classes("text-subtitle1 q-mt-sm q-mb-none")
        if not entries:
            ui.label(t("cell.no_history")).classes("text-grey-8")
        with ui.element("ol").classes("q-pl-none q-my-none w-full").style("list-style: none").mark("cell-history"):
            for entry in entries:
                with ui.element("li").classes("q-py-xs"):
                    ui.label(f"{fmt_datetime(entry.at)} · {entry.by_name} · {t(f'cell.action.{entry.action.value}')}") \
                        .classes("text-caption text-grey-8")
                    if entry.comment:
                        ui.label(entry.comment).classes("text-body2 break-words")
    dialog.open()
