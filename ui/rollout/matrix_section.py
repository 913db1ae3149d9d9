"""The readiness matrix: institutions x checklist items, ticked with a comment, updated live."""

from __future__ import annotations

from datetime import datetime

from nicegui import ui

from domain import access
from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.rollout import readiness
from domain.rollout.model import ROLLOUT_TOPIC, Area, ReadinessCell, ReadinessChanged, ReadinessItem
from domain.rollout.readiness import ReadinessMatrix
from ui.components import named_dialog, refuse, section_heading
from ui.i18n import fmt_datetime, t
from ui.live import follow

ITEMS = list(ReadinessItem)


def cell_look(cell: ReadinessCell) -> tuple[str, str]:
    """Icon and colour of a cell: Sammen's own observation, ticked by hand, or open."""
    if cell.observed:
        return "visibility", "teal"
    return ("check_circle", "positive") if cell.ticked else ("radio_button_unchecked", "grey-5")


def cell_name(institution: str, cell: ReadinessCell) -> str:
    """What a cell's button says to a screen reader: where, which item, and its state (the icon says it to the eye)."""
    return f"{institution}, {t(f'rollout.item.{cell.item.value}')}: {cell_tooltip(cell)}"


def cell_tooltip(cell: ReadinessCell) -> str:
    """Who ticked, when, and why."""
    if cell.observed:
        return t("rollout.observed")
    if cell.at is None:
        return t("rollout.not_ticked")
    key = "rollout.ticked_by" if cell.ticked else "rollout.unticked_by"
    text = t(key, name=cell.by_name, at=fmt_datetime(cell.at))
    return f"{text}: {cell.comment}" if cell.comment else text


class MatrixSection:
    """Holds the matrix in memory; each ReadinessChanged event redraws only its cell and the totals."""

    def __init__(self, actor: Actor, matrix: ReadinessMatrix) -> None:
        self.actor = actor
        self.cells = {(r.institution_id, item): r.cells[item] for r in matrix.rows for item in ITEMS}
        self.rows = matrix.rows
        self.names = {r.institution_id: r.name for r in matrix.rows}
        self.buttons: dict[tuple[int, ReadinessItem], ui.button] = {}
        self.tips: dict[tuple[int, ReadinessItem], ui.tooltip] = {}
        self.totals: dict[tuple[Area, ReadinessItem], ui.label] = {}
        self.can_edit = access.can_edit_rollout(actor).allowed
        follow(ROLLOUT_TOPIC, self.on_event)

    def build(self) -> None:
        """The grid, with one row of totals per area."""
        with ui.element("div").classes("w-full overflow-auto"):
            with ui.grid(columns=f"minmax(180px, 2fr) repeat({len(ITEMS)}, minmax(70px, 1fr))").classes(
                    "w-full gap-1 items-center").mark("readiness-matrix"):
                ui.label(t("rollout.institution")).classes("text-caption text-weight-bold")
                for item in ITEMS:
                    ui.label(t(f"rollout.item.{item.value}")).classes("text-caption text-weight-bold text-center")
                for area in Area:
                    self._area_block(area)

    def _area_block(self, area: Area) -> None:
        rows = [r for r in self.rows if r.area is area]
        ui.label(t(f"rollout.area.{area.value}")).classes("text-subtitle2 text-primary q-mt-sm")
        for item in ITEMS:
            self._total_label(area, item)
        for row in rows:
            ui.label(row.name).classes("text-body2 ellipsis")
            for item in ITEMS:
                self._cell_button(row.institution_id, item)

    def _total_label(self, area: Area, item: ReadinessItem) -> None:
        label = ui.label().classes("text-caption text-center text-grey-8").mark(f"total-{area.value}-{item.value}")
        self.totals[(area, item)] = label
        self._set_total(area, item)

    def _set_total(self, area: Area, item: ReadinessItem) -> None:
        ids = [r.institution_id for r in self.rows if r.area is area]
        ticked = sum(self.cells[(i, item)].ticked for i in ids)
        self.totals[(area, item)].set_text(f"{ticked}/{len(ids)}")

    def _cell_button(self, inst_id: int, item: ReadinessItem) -> None:
        icon, colour = cell_look(self.cells[(inst_id, item)])
        button = ui.button(icon=icon, on_click=lambda: self.tick_dialog(inst_id, item)).props(
            f"flat round dense color={colour}").classes("justify-self-center").mark(f"cell-{inst_id}-{item.value}")
        with button:
            tip = ui.tooltip(cell_tooltip(self.cells[(inst_id, item)]))
        button.props["aria-label"] = cell_name(self.names[inst_id], self.cells[(inst_id, item)])
        button.set_enabled(self.can_edit)
        self.buttons[(inst_id, item)] = button
        self.tips[(inst_id, item)] = tip

    def apply(self, cell: ReadinessCell) -> None:
        """Show a cell's new state, and its area's new total."""
        key = (cell.institution_id, cell.item)
        if key not in self.buttons:
            return
        self.cells[key] = cell
        icon, colour = cell_look(cell)
        self.buttons[key].props(f"icon={icon} color={colour}")
        self.tips[key].set_text(cell_tooltip(cell))
        self.buttons[key].props["aria-label"] = cell_name(self.names[cell.institution_id], cell)
        area = next(r.area for r in self.rows if r.institution_id == cell.institution_id)
        self._set_total(area, cell.item)

    def on_event(self, event: Event) -> None:
        """Another page (or this one) ticked an item."""
        if isinstance(event, ReadinessChanged):
            at = datetime.fromisoformat(event.at) if event.at else None
            self.apply(ReadinessCell(event.institution_id, ReadinessItem(event.item), event.ticked, event.by_name,
                                     at, event.comment, event.observed))

    def tick_dialog(self, inst_id: int, item: ReadinessItem) -> None:
        """Tick or untick with a comment."""
        cell = self.cells[(inst_id, item)]
        name = next(r.name for r in self.rows if r.institution_id == inst_id)
        heading = f"{name}: {t(f'rollout.item.{item.value}')}"
        with named_dialog(heading) as dialog, ui.card().classes("gap-2 w-full max-w-md"):
            section_heading(heading)
            ui.label(cell_tooltip(cell)).classes("text-grey-8")
            comment = ui.input(t("rollout.field.comment"), value=cell.comment).props("dense outlined").mark(
                "tick-comment")

            async def save(ticked: bool) -> None:
                try:
                    await readiness.do_tick(self.actor, inst_id, item, ticked, comment.value or "", now=utcnow())
                except DomainError as error:
                    refuse(error)
                    return
                dialog.close()

            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")
                if cell.ticked and not cell.observed:
                    ui.button(t("rollout.untick"), on_click=lambda: save(False)).props("outline no-caps").mark(
                        "untick")
                if not cell.observed:
                    ui.button(t("rollout.tick"), on_click=lambda: save(True)).props("no-caps").mark("tick")
        dialog.open()
