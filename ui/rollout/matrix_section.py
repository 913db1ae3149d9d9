"""The readiness matrix: filtered institutions x per-phase progress, a phase's items page by page, updated live."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlencode

from nicegui import ui

from domain import access
from domain.clock import utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.rollout import bulk
from domain.rollout.bulk import BulkUndo
from domain.rollout.checklist import ItemView
from domain.rollout.matrix import PAGE_ITEMS, Column, MatrixFilter, MatrixRow, MatrixView, Progress, load_matrix
from domain.rollout.model import ROLLOUT_TOPIC, Area, CellStatus, ChecklistChanged, ReadinessChanged
from ui.components import confirm, icon_button, refuse
from ui.i18n import t
from ui.live import follow
from ui.rollout.cell_dialog import cell_look, cell_name, cell_tooltip, item_line, open_cell_dialog

STATUS_COLOUR = {CellStatus.DONE: "positive", CellStatus.MISSING: "grey-9", CellStatus.LATE: "negative"}
ALL = ""


def progress_text(p: Progress) -> str:
    """'3/6', with the number late when any are."""
    return f"{p.done}/{p.total}" + (f" · {p.late} {t('matrix.late_cell')}" if p.late else "")


class MatrixSection:
    """The filters (kept in the page's address), the grid, and live updates of cells and progress."""

    def __init__(self, actor: Actor, today: object, filters: MatrixFilter, path: str = "/udrulning") -> None:
        self.actor, self.today, self.filters, self.path = actor, today, filters, path
        self.view: MatrixView | None = None
        self.can_edit = access.can_edit_rollout(actor).allowed
        self.cells: dict[tuple[int, int], ui.button] = {}
        self.progress: dict[tuple[int, str], tuple[Progress, ui.button]] = {}
        self.totals: dict[int, tuple[Progress, ui.label]] = {}
        self.rows: dict[int, MatrixRow] = {}
        self.undo: BulkUndo | None = None
        self.home = ui.element("div")  # dialogs live here, outside the part that redraws
        self.bar = ui.column().classes("w-full gap-2")
        self.body = ui.column().classes("w-full gap-2").mark("readiness-matrix")
        follow(ROLLOUT_TOPIC, self.on_event)

    async def build(self) -> None:
        """Load with the page's filters and draw."""
        self.view = await load_matrix(self.actor, self.filters, self.today)  # type: ignore[arg-type]
        with self.bar:
            self._filter_bar(self.view)
            self.undo_row = ui.row().classes("items-center gap-2 w-full")
        self._draw()

    async def apply_filters(self, filters: MatrixFilter) -> None:
        """Show other filters, and keep them in the address so a reload or a shared link shows the same."""
        self.filters = filters
        query = urlencode({"fane": "parathed", **filters.query()})
        ui.navigate.history.replace(f"{self.path}?{query}")
        await self.reload()

    async def reload(self) -> None:
        """Read the matrix again and redraw it."""
        self.view = await load_matrix(self.actor, self.filters, self.today)  # type: ignore[arg-type]
        self._draw()

    # --- filters ---------------------------------------------------------------------------------------------------

    def _filter_bar(self, view: MatrixView) -> None:
        f = self.filters
        with ui.row().classes("items-end gap-3 w-full"):
            area = {ALL: t("matrix.filter.all"), **{a.value: t(f"rollout.area.{a.value}") for a in Area}}
            ui.select(area, value=f.area.value if f.area else ALL, label=t("matrix.filter.area"),
                      on_change=lambda e: self.apply_filters(self.filters.but(area=Area(e.value) if e.value else None,
                                                                              phase=None))) \
                .props("dense outlined").classes("w-40").mark("filter-area")
            waves = {ALL: t("matrix.filter.all"), **{str(i): name for i, name in view.waves}}
            ui.select(waves, value=str(f.wave_id) if f.wave_id and str(f.wave_id) in waves else ALL,
                      label=t("matrix.filter.wave"),
                      on_change=lambda e: self.apply_filters(
                          self.filters.but(wave_id=int(e.value) if e.value else None))) \
                .props("dense outlined").classes("w-48").mark("filter-wave")
            kinds = {ALL: t("matrix.filter.all"), **{k.value: t(f"kind.{k.value}") for k in InstitutionKind}}
            ui.select(kinds, value=f.kind.value if f.kind else ALL, label=t("matrix.filter.kind"),
                      on_change=lambda e: self.apply_filters(
                          self.filters.but(kind=InstitutionKind(e.value) if e.value else None))) \
                .props("dense outlined").classes("w-40").mark("filter-kind")
            statuses = {ALL: t("matrix.filter.all"), **{s.value: t(f"matrix.status.{s.value}") for s in CellStatus}}
            ui.select(statuses, value=f.status.value if f.status else ALL, label=t("matrix.filter.status"),
                      on_change=lambda e: self.apply_filters(
                          self.filters.but(status=CellStatus(e.value) if e.value else None))) \
                .props("dense outlined").classes("w-40").mark("filter-status")
            ui.button(t("matrix.filter.reset"), icon="filter_alt_off",
                      on_click=lambda: self._reset()).props("flat no-caps").mark("filter-reset")

    async def _reset(self) -> None:
        await self.apply_filters(MatrixFilter())
        self.bar.clear()
        with self.bar:
            self._filter_bar(self.view)  # type: ignore[arg-type]
            self.undo_row = ui.row().classes("items-center gap-2 w-full")

    # --- the grid --------------------------------------------------------------------------------------------------

    def _draw(self) -> None:
        view = self.view
        assert view is not None
        self.cells.clear()
        self.progress.clear()
        self.totals.clear()
        self.rows = {r.institution_id: r for r in view.rows}
        self.body.clear()
        with self.body:
            ui.label(t("matrix.showing", shown=len(view.rows), all=view.institutions)).classes("text-grey-8") \
                .mark("matrix-count")
            if not view.rows:
                ui.label(t("matrix.none")).classes("text-grey-8")
                return
            if view.filters.phase is None:
                self._progress_grid(view)
            else:
                self._items_grid(view)

    def _blocks(self, view: MatrixView) -> list[tuple[Area, list[MatrixRow]]]:
        """Rows grouped by area (already in Danish order within each)."""
        return [(a, [r for r in view.rows if r.area is a]) for a in Area if any(r.area is a for r in view.rows)]

    def _progress_grid(self, view: MatrixView) -> None:
        columns = view.columns
        with ui.element("div").classes("w-full overflow-auto"):
            grid = f"minmax(180px, 2fr) minmax(90px, 1fr) repeat({len(columns) + 1}, minmax(90px, 1fr))"
            with ui.grid(columns=grid).classes("w-full gap-1 items-center"):
                ui.label(t("rollout.institution")).classes("text-caption text-weight-bold")
                ui.label(t("matrix.wave")).classes("text-caption text-weight-bold")
                for col in columns:
                    label = col.label or t("checklist.no_phase")
                    button = ui.button(label, on_click=lambda c=col: self.apply_filters(self.filters.but(phase=c.key)))
                    button.props("flat dense no-caps").classes("text-caption text-weight-bold")
                    button.mark(f"phase-{col.key or '-'}")
                    button.props["aria-label"] = t("matrix.open_phase", phase=label)
                ui.label(t("matrix.total")).classes("text-caption text-weight-bold text-center")
                for area, rows in self._blocks(view):
                    ui.label(t(f"rollout.area.{area.value}")).classes("text-subtitle2 text-primary q-mt-sm") \
                        .style(f"grid-column: 1 / span {len(columns) + 3}")
                    for row in rows:
                        self._progress_row(row, columns)

    def _progress_row(self, row: MatrixRow, columns: list[Column]) -> None:
        ui.label(row.name).classes("text-body2 ellipsis")
        ui.label(row.wave or "–").classes("text-caption text-grey-8 ellipsis")
        for col in columns:
            p = row.progress.get(col.key)
            if p is None or not p.total:
                ui.label("–").classes("text-center text-grey-7")
                continue
            button = ui.button(progress_text(p), on_click=lambda c=col, r=row: self.apply_filters(
                self.filters.but(area=r.area, phase=c.key))).props("flat dense no-caps").mark(
                f"progress-{row.institution_id}-{col.key or '-'}")
            self._look_progress(button, row, col.label or t("checklist.no_phase"), p)
            self.progress[(row.institution_id, col.key)] = (p, button)
        total = ui.label(progress_text(row.total)).classes("text-center text-body2").mark(f"total-{row.institution_id}")
        self.totals[row.institution_id] = (row.total, total)

    def _look_progress(self, button: ui.button, row: MatrixRow, phase: str, p: Progress) -> None:
        button.set_text(progress_text(p))
        button.props(f"color={STATUS_COLOUR[p.status or CellStatus.MISSING]}")
        button.props["aria-label"] = t("matrix.progress", name=row.name, phase=phase, done=p.done, total=p.total,
                                       late=p.late)

    def _items_grid(self, view: MatrixView) -> None:
        f = view.filters
        phase = next((c.label for c in view.columns if c.key == f.phase), "") or t("checklist.no_phase")
        with ui.row().classes("items-center gap-3 w-full"):
            ui.button(t("matrix.back"), icon="arrow_back", on_click=lambda: self.apply_filters(
                self.filters.but(phase=None))).props("outline no-caps").mark("phase-back")
            ui.label(t("matrix.phase", phase=phase)).classes("text-subtitle1")
            if view.pages > 1:
                page = min(f.page, view.pages - 1)
                first, last = page * PAGE_ITEMS + 1, page * PAGE_ITEMS + len(view.items)
                icon_button("chevron_left", t("matrix.prev"), lambda: self.apply_filters(
                    self.filters.but(phase=f.phase, page=page - 1))).set_enabled(page > 0)
                ui.label(t("matrix.items_page", first=first, last=last, count=view.item_count)).mark("items-page")
                icon_button("chevron_right", t("matrix.next"), lambda: self.apply_filters(
                    self.filters.but(phase=f.phase, page=page + 1))).set_enabled(page < view.pages - 1)
        items = view.items
        with ui.element("div").classes("w-full overflow-auto"):
            with ui.grid(columns=f"minmax(180px, 2fr) repeat({max(1, len(items))}, minmax(90px, 1fr))") \
                    .classes("w-full gap-1 items-center"):
                ui.label(t("rollout.institution")).classes("text-caption text-weight-bold")
                for item in items:
                    self._item_header(item)
                for area, rows in self._blocks(view):
                    ui.label(t(f"rollout.area.{area.value}")).classes("text-subtitle2 text-primary q-mt-sm") \
                        .style(f"grid-column: 1 / span {len(items) + 1}")
                    for row in rows:
                        ui.label(row.name).classes("text-body2 ellipsis")
                        for item in items:
                            self._cell(row, item)

    def _item_header(self, item: ItemView) -> None:
        with ui.column().classes("items-center gap-0 text-center"):
            ui.label(item.title).classes("text-caption text-weight-bold break-words")
            if item_line(item):
                ui.label(item_line(item)).classes("text-caption text-grey-8")
            if self.can_edit:
                icon_button("done_all", t("matrix.bulk", title=item.title), lambda i=item: self.bulk_tick(i)) \
                    .mark(f"bulk-{item.id}")

    def _cell(self, row: MatrixRow, item: ItemView) -> None:
        cell = row.cells.get(item.id)
        if cell is None:
            ui.label("–").classes("text-center text-grey-7").props(f'aria-label="{t("matrix.not_here")}"')
            return
        # The browser's own tooltip (title): a tooltip element per cell would double what a page of cells costs.
        button = ui.button(on_click=lambda: self.open_cell(row.institution_id, item)).props(
            "flat round dense").classes("justify-self-center").mark(f"cell-{row.institution_id}-{item.id}")
        self.cells[(row.institution_id, item.id)] = button
        self._look_cell(button, row, item)

    def _look_cell(self, button: ui.button, row: MatrixRow, item: ItemView) -> None:
        cell = row.cells[item.id]
        icon, colour = cell_look(cell, item, self.today)  # type: ignore[arg-type]
        button.props(f"icon={icon} color={colour}")
        button.props["aria-label"] = cell_name(row.name, item, cell, self.today)  # type: ignore[arg-type]
        button.props["title"] = cell_tooltip(cell)

    async def open_cell(self, institution_id: int, item: ItemView) -> None:
        """The cell's dialog: tick, untick, comment, history."""
        row = self.rows[institution_id]
        with self.home:
            await open_cell_dialog(self.actor, row.name, item, row.cells[item.id], self.today)  # type: ignore[arg-type]

    # --- bulk ------------------------------------------------------------------------------------------------------

    async def bulk_tick(self, item: ItemView) -> None:
        """Tick one item for every institution shown that lacks it, after a question naming how many."""
        try:
            plan = await bulk.check_bulk_tick(self.actor, item.id, self.filters, self.today)  # type: ignore[arg-type]
        except DomainError as error:
            refuse(error)
            return
        if not plan.count:
            ui.notify(t("matrix.bulk.nothing", title=item.title))
            return
        key = "matrix.bulk.confirm_one" if plan.count == 1 else "matrix.bulk.confirm"
        if not await confirm(t(key, title=item.title, n=plan.count), t("matrix.bulk.yes"), "bulk-yes", danger=False,
                             home=self.home):
            return
        try:
            self.undo = await bulk.do_bulk_tick(self.actor, plan, "", now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.undo_row.clear()
        with self.undo_row:
            ui.label(t("matrix.bulk.done", title=item.title, n=self.undo.count)).props('role="status"') \
                .mark("bulk-done")
            ui.button(t("matrix.bulk.undo"), icon="undo", on_click=self.undo_bulk).props("outline no-caps") \
                .mark("bulk-undo")

    async def undo_bulk(self) -> None:
        """Put back what the last bulk tick changed."""
        if self.undo is None:
            return
        try:
            n = await bulk.do_undo_bulk(self.actor, self.undo, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.undo = None
        self.undo_row.clear()
        with self.undo_row:
            ui.label(t("matrix.bulk.undone", n=n)).props('role="status"').mark("bulk-undone")

    # --- live ------------------------------------------------------------------------------------------------------

    def on_event(self, event: Event) -> Coroutine[Any, Any, None] | None:
        """A cell changed somewhere (this page too): redraw its button and its institution's counts at once."""
        if isinstance(event, ChecklistChanged):
            return self.reload()
        if isinstance(event, ReadinessChanged) and self.view is not None:
            self._changed(event)
        return None

    def _changed(self, event: ReadinessChanged) -> None:
        assert self.view is not None
        item = self.view.all_items.get(event.item_id)
        row = self.rows.get(event.institution_id)
        if item is None or row is None:
            return
        if item.id in row.cells:
            row.cells[item.id] = event.cell()
            if (row.institution_id, item.id) in self.cells:
                self._look_cell(self.cells[(row.institution_id, item.id)], row, item)
        done = int(event.ticked) - int(event.was_ticked)
        if not done:
            return
        late = -done if item.deadline is not None and item.deadline < self.today else 0  # type: ignore[operator]
        if (row.institution_id, item.phase_key) in self.progress:
            p, button = self.progress[(row.institution_id, item.phase_key)]
            p = p.plus(done, late)
            self.progress[(row.institution_id, item.phase_key)] = (p, button)
            self._look_progress(button, row, item.phase_label or t("checklist.no_phase"), p)
        if row.institution_id in self.totals:
            p, label = self.totals[row.institution_id]
            p = p.plus(done, late)
            self.totals[row.institution_id] = (p, label)
            label.set_text(progress_text(p))
