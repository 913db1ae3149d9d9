"""The widget area of a home page: the actor's widgets in their columns, with hide and reorder."""

from __future__ import annotations

import logging
from datetime import date

from nicegui import ui

from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor
from domain.widgets import service
from domain.widgets.model import WIDGETS_TOPIC, Placement, WidgetContentChanged, WidgetSlot
from domain.widgets.registry import WidgetContext
from ui.components import icon_button, named_dialog, refuse, section_heading
from ui.i18n import error_text, t
from ui.live import follow
from ui.widgets.builtin import RENDERERS
from ui.widgets.external import external_widget

log = logging.getLogger(__name__)


class Customisation:
    """The 'Tilpas' dialog: move widgets up and down, show or hide them, save."""

    def __init__(self, actor: Actor, today: date, slots: list[WidgetSlot], on_saved: object) -> None:
        self.actor, self.today = actor, today
        self.order = [s.key for s in slots]
        self.hidden = {s.key for s in slots if s.hidden}
        self.titles = {s.key: title_of(s) for s in slots}
        self.on_saved = on_saved

    def open(self) -> None:
        """Show the dialog."""
        with named_dialog(t("widget.customise")) as self.dialog, ui.card().classes("w-full max-w-md"):
            section_heading(t("widget.customise"))
            self.rows()
            with ui.row().classes("justify-end w-full"):
                ui.button(t("common.cancel"), on_click=self.dialog.close).props("flat no-caps")
                ui.button(t("common.save"), on_click=self.save).props("no-caps").mark("layout-save")
        self.dialog.open()

    @ui.refreshable_method
    def rows(self) -> None:
        """One line per widget with its controls."""
        for i, key in enumerate(self.order):
            with ui.row().classes("items-center no-wrap w-full gap-1"):
                title = self.titles[key]
                shown = ui.switch(value=key not in self.hidden, on_change=lambda e, k=key: self.toggle(k, e.value))
                shown.props["aria-label"] = t("widget.area.show_named", title=title)
                shown.mark(f"show-{key}")
                ui.label(title).classes("flex-grow")
                icon_button("arrow_upward", t("widget.area.up_named", title=title), lambda i=i: self.move(i, -1),
                            props="flat round dense" + (" disable" if i == 0 else "")).mark(f"up-{key}")
                icon_button("arrow_downward", t("widget.area.down_named", title=title), lambda i=i: self.move(i, 1),
                            props="flat round dense" + (" disable" if i == len(self.order) - 1 else "")).mark(
                    f"down-{key}")

    def toggle(self, key: str, shown: bool) -> None:
        """Show or hide one widget (saved with the rest)."""
        (self.hidden.discard if shown else self.hidden.add)(key)

    def move(self, index: int, step: int) -> None:
        """Swap a widget with its neighbour."""
        other = index + step
        if 0 <= other < len(self.order):
            self.order[index], self.order[other] = self.order[other], self.order[index]
            self.rows.refresh()

    async def save(self) -> None:
        """Store the layout; refusals are shown and change nothing."""
        try:
            await service.do_save_layout(self.actor, self.today, self.order, sorted(self.hidden))
        except DomainError as error:
            refuse(error)
            return
        self.dialog.close()
        await self.on_saved()  # type: ignore[operator]


def title_of(slot: WidgetSlot) -> str:
    """A widget's title in the user's language (suppliers' widgets keep their own name)."""
    return slot.title if slot.name == "external" else t(f"widget.{slot.name}.title")


async def _draw(actor: Actor, slot: WidgetSlot, ctx: WidgetContext, public_url: str) -> None:
    """Draw one widget; a failing widget shows a short notice instead of breaking the page."""
    try:
        if slot.name == "external":
            await external_widget(actor, slot, ctx, public_url)
            return
        data = await service.load_builtin(actor, slot.name, ctx)
        RENDERERS[slot.name](data)
    except DomainError as error:
        ui.label(error_text(error)).classes("text-grey-7")
    except Exception:
        log.exception("widget %s failed", slot.key)
        with ui.card().classes("w-full"):
            ui.label(title_of(slot)).classes("text-subtitle2")
            ui.label(t("widget.failed")).classes("text-grey-7")


class WidgetArea:
    """The two columns of widgets (one column on a phone); redrawn after the layout changes."""

    def __init__(self, actor: Actor, today: date, public_url: str) -> None:
        self.actor, self.today, self.public_url = actor, today, public_url

    async def build(self) -> None:
        """Load the actor's widgets and draw them; redraw when their content changes where the actor is."""
        self.container = ui.column().classes("w-full gap-3").mark("widget-area")
        await self.draw()
        follow(WIDGETS_TOPIC, self.on_content_changed)

    async def on_content_changed(self, event: Event) -> None:
        """A plan, menu or link was saved: redraw if it concerns one of this page's shown widgets."""
        if not isinstance(event, WidgetContentChanged) or event.widget not in self.shown_names:
            return
        if event.institution_id is None or event.institution_id in self.institution_ids:
            await self.draw()

    async def draw(self) -> None:
        """(Re)draw every widget from the stored layout."""
        view = await service.overview(self.actor, self.today)
        self.shown_names = {s.name for s in view.slots if not s.hidden}
        self.institution_ids = view.context.institution_ids
        self.container.clear()
        with self.container:
            with ui.row().classes("w-full justify-end"):
                ui.button(t("widget.customise"), icon="tune", on_click=lambda: Customisation(
                    self.actor, self.today, view.slots, self.draw).open()).props("flat no-caps dense").mark(
                    "customise")
            if not any(not s.hidden for s in view.slots):
                ui.label(t("widget.none")).classes("text-grey-7").mark("widgets-empty")
            # On a phone the two columns dissolve (display: contents) into one list sorted by the saved order, so
            # "Tilpas" decides what comes first there too; on a wide screen each column keeps that order within it.
            rank = {s.key: n for n, s in enumerate(view.slots)}
            with ui.element("div").classes("flex flex-col md:grid md:grid-cols-3 gap-3 w-full"):
                with ui.element("div").classes("contents md:flex md:flex-col md:col-span-2 gap-3 w-full").mark(
                        "widgets-main"):
                    await self._column(view.shown(Placement.MAIN), view.context, rank)
                with ui.element("div").classes("contents md:flex md:flex-col gap-3 w-full").mark("widgets-side"):
                    await self._column(view.shown(Placement.SIDE), view.context, rank)

    async def _column(self, slots: list[WidgetSlot], ctx: WidgetContext, rank: dict[str, int]) -> None:
        """One column's widgets; those that do not work on a phone are left out on one."""
        for slot in slots:
            with ui.element("div").classes("w-full" + ("" if slot.mobile else " gt-xs")).style(
                    f"order: {rank[slot.key]}").mark(f"widget-{slot.key}"):
                await _draw(self.actor, slot, ctx, self.public_url)
