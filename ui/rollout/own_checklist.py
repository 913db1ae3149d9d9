"""Udrulning for leaders and staff (/parathed): their institution's checklist, ticked by leaders and superusers."""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import date
from typing import Any

from fastapi import Request
from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.rollout import readiness
from domain.rollout.checklist import NO_PHASE, ItemView
from domain.rollout.matrix import InstitutionChecklist, load_institution
from domain.rollout.model import ROLLOUT_TOPIC, ChecklistChanged, ReadinessChanged
from ui.components import refuse, section_heading
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import t
from ui.live import follow
from ui.rollout.cell_dialog import cell_look, cell_tooltip, item_line, open_cell_dialog, status_of


class OwnChecklist:
    """One institution's items by phase; a tick anywhere redraws the item's row."""

    def __init__(self, actor: Actor, today: date, data: InstitutionChecklist) -> None:
        self.actor, self.today, self.data = actor, today, data
        self.rows: dict[int, ui.row] = {}
        self.summary = ui.label().classes("text-subtitle1").props('role="status"').mark("own-progress")
        self.body = ui.column().classes("w-full gap-3")
        follow(ROLLOUT_TOPIC, self.on_event)

    def draw(self) -> None:
        """Items grouped by phase, in the plan's order."""
        self.body.clear()
        self.rows.clear()
        self._summary()
        with self.body:
            if not self.data.items:
                ui.label(t("own.no_items")).classes("text-grey-8")
                return
            phases: dict[str, list[ItemView]] = {}
            for item in sorted(self.data.items, key=lambda i: (i.phase_start or date.max, i.position)):
                phases.setdefault(item.phase_key, []).append(item)
            for key, items in phases.items():
                with ui.card().classes("w-full gap-1"):
                    section_heading(items[0].phase_label if key != NO_PHASE else t("checklist.no_phase"))
                    for item in items:
                        self.rows[item.id] = ui.row().classes("items-center w-full no-wrap gap-2").mark(
                            f"own-item-{item.id}")
                        self._row(item)

    def _summary(self) -> None:
        done = sum(c.ticked or c.observed for c in self.data.cells.values())
        self.summary.set_text(t("own.progress", done=done, total=len(self.data.items)))

    def _row(self, item: ItemView) -> None:
        cell = self.data.cells[item.id]
        row = self.rows[item.id]
        row.clear()
        with row:
            icon, colour = cell_look(cell, item, self.today)
            ui.icon(icon, color=colour).props('aria-hidden="true"')
            with ui.column().classes("gap-0 col"):
                ui.label(item.title).classes("text-body1 break-words")
                state = f"{t('matrix.status.' + status_of(cell, item, self.today).value)} · {cell_tooltip(cell)}"
                ui.label(" · ".join(x for x in (item_line(item), state) if x)).classes("text-caption text-grey-8")
            ui.button(t("cell.history"), icon="forum", on_click=lambda: self.open(item)).props(
                "flat no-caps").mark(f"own-open-{item.id}").props["aria-label"] = t("cell.open", title=item.title)
            if self.data.can_tick and not cell.observed:
                if cell.ticked:
                    ui.button(t("rollout.untick"), on_click=lambda: self.tick(item, False)).props(
                        "outline no-caps").mark(f"own-untick-{item.id}")
                else:
                    ui.button(t("rollout.tick"), icon="check", on_click=lambda: self.tick(item, True)).props(
                        "no-caps").mark(f"own-tick-{item.id}")

    async def tick(self, item: ItemView, ticked: bool) -> None:
        """Tick or untick without a comment (the history dialog takes one)."""
        try:
            await readiness.do_tick(self.actor, self.data.institution_id, item.id, ticked, "", now=utcnow())
        except DomainError as error:
            refuse(error)

    async def open(self, item: ItemView) -> None:
        """The item's dialog: comment, tick, and its history."""
        await open_cell_dialog(self.actor, self.data.name, item, self.data.cells[item.id], self.today,
                               can_tick=self.data.can_tick)

    def on_event(self, event: Event) -> Coroutine[Any, Any, None] | None:
        """Redraw the item that changed here at once; reload when the team changed the checklist."""
        if isinstance(event, ChecklistChanged):
            return self.reload()
        if isinstance(event, ReadinessChanged) and event.institution_id == self.data.institution_id \
                and event.item_id in self.rows:
            self.data.cells[event.item_id] = event.cell()
            self._row(next(i for i in self.data.items if i.id == event.item_id))
            self._summary()
        return None

    async def reload(self) -> None:
        """Read the institution's checklist again and redraw it."""
        self.data = await load_institution(self.actor, self.data.institution_id, self.today)
        self.draw()


@page("/parathed", Role.LEADER, Role.STAFF)
async def own_checklist(actor: Actor, request: Request) -> None:
    """Udrulning: the checklist of the leader's or staff member's own institution."""
    today = today_local()
    mine = await readiness.my_institutions(actor, today)
    with frame(actor, t("own.title")):
        if not mine:
            refusal("own.none")
            return
        wanted = request.query_params.get("institution", "")
        chosen = next((i for i, _ in mine if str(i) == wanted), mine[0][0])
        ui.label(t("own.intro")).classes("text-grey-8")
        if len(mine) > 1:
            ui.select(dict(mine), value=chosen, label=t("own.institution"),
                      on_change=lambda e: ui.navigate.to(f"/parathed?institution={e.value}")).props(
                "dense outlined").classes("w-64").mark("own-institution")
        data = await load_institution(actor, chosen, today)
        if len(mine) == 1:
            ui.label(data.name + (f" · {data.wave}" if data.wave else "")).classes("text-subtitle1")
        if not data.can_tick:
            ui.label(t("own.read_only")).classes("text-grey-8").mark("own-read-only")
        OwnChecklist(actor, today, data).draw()
