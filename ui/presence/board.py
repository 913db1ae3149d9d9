"""Pages for the staff's live KommeGå board, the daily list and statistics."""

from __future__ import annotations

from datetime import date

from nicegui import app, context, ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.presence import alerts
from domain.presence.board import Board, load_board
from domain.presence.daily import Place, presence_places
from domain.presence.duty import do_staff_duty
from domain.presence.model import PresenceChanged, StaffDutyChanged, Tile, presence_topic
from domain.presence.notes import StaffNoteChanged, noted_children, staff_notes_topic
from domain.stamkort.model import Safety, SafetyChanged, safety_topic
from domain.stamkort.safety import institution_safety
from domain.ticker import MINUTE_TOPIC
from ui.components import empty_state, refuse
from ui.frame import frame, refusal
from ui.guard import page
from ui.i18n import t
from ui.live import follow
from ui.presence.absences import ABSENCES_PATH
from ui.presence.board_view import ALL_FILTER, HERE_FILTER, NOW_FILTER, STATUS_FILTERS, remembered
from ui.presence.panel import PanelContext, open_panel
from ui.presence.reports import daily_page, stats_page
from ui.presence.safety import allergy_spoken
from ui.presence.strips import AlertsStrip, RoomsStrip
from ui.presence.tiles import (
    BOARD_CSS,
    CountsBar,
    TileCard,
    board_grid,
    choose_place,
    now_minutes,
    place_picker,
    redraw_tile,
    tile_card,
)

# A tile this tablet just changed stays in view this long even when it left the chosen view (checked out while
# "Her og forventet" is shown): focus and Fortryd stay on it, and the pædagog sees what the tap did.
KEPT_SECONDS = 60


class LiveBoard:
    """One browser's board: its filters and elements, fed by events and never by re-reading the database."""

    def __init__(self, actor: Actor, board: Board) -> None:
        self.actor, self.board = actor, board
        self.view = remembered(app.storage.user, board.settings.institution_id, board.groups)
        self.kept: dict[int, float] = {}  # child -> when this tablet changed it (see KEPT_SECONDS)
        self.cards: dict[int, TileCard] = {}
        self.noted: set[int] = set()  # children with a note from staff today
        self.safety: dict[int, Safety] = {}  # allergies and diet from the stamkort, kept current by events

    def draw(self, places: list[Place]) -> None:
        """The whole page, once."""
        settings = self.board.settings
        with ui.row().classes("items-center gap-2 w-full") as top:
            ui.label(settings.name).classes("text-h6").mark("institution-name")
            place_picker(places, settings.institution_id, "/kommegaa")
            ui.space()
            query = f"?institution={settings.institution_id}"
            ui.button(t("board.daily.link"), icon="print", on_click=lambda: ui.navigate.to(
                f"/kommegaa/dagsliste{query}")).props("flat no-caps").mark("to-daily")
            ui.button(t("board.stats.link"), icon="bar_chart", on_click=lambda: ui.navigate.to(
                f"/kommegaa/statistik{query}")).props("flat no-caps").mark("to-stats")
            ui.button(t("board.absences.link"), icon="sick", on_click=lambda: ui.navigate.to(
                f"{ABSENCES_PATH}{query}")).props("flat no-caps").mark("to-absences")
        tighten(top)
        reason = settings.closed_reason(self.board.day)
        if reason is not None:
            text = t("board.closed.weekday") if reason == "weekday" else t("board.closed.day", reason=reason)
            with ui.card().classes("w-full bg-amber-2 q-pa-sm").props("flat").mark("closed-banner"):
                with ui.row().classes("items-center no-wrap"):
                    ui.icon("event_busy", color="amber-10")
                    ui.label(text)
        # Counts and alerts stay in view while the tiles scroll (sticky on a tablet; BOARD_CSS says when).
        with ui.row().classes("board-sticky items-center w-full gap-x-2 gap-y-1").mark("board-summary"):
            self.counts = CountsBar()
            self.alerts_strip = AlertsStrip(self.open, self.board.name)
        with ui.row().classes("board-rooms items-center gap-2 w-full"):
            # The chips flow in this row (display: contents), so "Tjek mig ind" shares their last line.
            self.rooms = RoomsStrip(ui.row().classes("board-rooms-chips items-center gap-1").mark("rooms"))
            ui.space()
            self.duty_host = ui.row().classes("items-center gap-2").mark("duty")
        self._filters()
        ui.add_css(BOARD_CSS)
        self.grid = board_grid().mark("board-grid")
        self.empty = ui.label(t("board.no_match")).classes("text-grey-8").mark("no-match")
        # Right after the grid, so one Tab from the tile (the grid's only stop) reaches Fortryd.
        self.undo_host = ui.element("div")
        # There from the start, so screen readers hear what is put in it later.
        self.announcer = ui.label("").classes("sr-only").props('role=status aria-live=polite').mark("board-status")
        self.dialog_host = ui.element("div")
        self.panel = PanelContext(self.actor, settings, self.board.day, self.take_own, self.undo_host, self.dialog_host,
                                  self.announcer.set_text, name_of=self.board.name, safety_of=self.safety.get)
        self.redraw_grid()
        self.redraw_duty()
        self.refresh_summary()

    def _filters(self) -> None:
        # Narrow enough for five groups and the three controls in one row on a 1024 px tablet.
        with ui.row().classes("items-center gap-1 w-full"):
            for group_id, name in self.board.groups.items():
                ui.chip(name, selectable=True, color="blue-1", selected=group_id in self.view.groups,
                        on_selection_change=lambda e, g=group_id: self.toggle_group(g, bool(e.value))).props(
                    "dense").classes("q-px-sm").mark(f"group-chip-{group_id}")
            ui.space()
            special = (NOW_FILTER, ALL_FILTER, HERE_FILTER)
            statuses = {s: t(f"board.filter.{s or 'all'}") if s in special else
                        t(f"presence.status.{s}", location=t("board.filter.location")) for s in STATUS_FILTERS}
            ui.select(statuses, value=self.view.status, label=t("board.filter.status"),
                      on_change=lambda e: self.set_status(str(e.value or ""))).props("outlined dense").classes(
                "min-w-[10rem]").mark("status-filter")
            ui.toggle({"pickup": t("board.sort.pickup"), "name": t("board.sort.name")}, value=self.view.sort,
                      on_change=lambda e: self.set_sort(str(e.value))).props("no-caps").mark("sort")
            ui.input(placeholder=t("board.search"), on_change=lambda e: self.set_search(str(e.value or ""))).props(
                "outlined dense clearable").classes("w-36").mark("search")

    # filters and sorting: everything from memory
    def toggle_group(self, group_id: int, on: bool) -> None:
        """Show or hide a group's children (none chosen means all)."""
        (self.view.groups.add if on else self.view.groups.discard)(group_id)
        self.changed_view()
        self.refresh_summary()

    def set_status(self, status: str) -> None:
        """Show only children in one state (here and expected, all, here, or one status)."""
        self.view.status = status
        self.changed_view()

    def set_search(self, text: str) -> None:
        """Show only children whose name holds the text."""
        self.view.search = text.strip().casefold()
        self.apply_filters()

    def set_sort(self, sort: str) -> None:
        """Order by pickup time or by name."""
        self.view.sort = sort
        self.view.remember(app.storage.user, self.board.settings.institution_id)
        self.redraw_grid()

    def changed_view(self) -> None:
        """A new choice of view: remembered on this device; tiles this tablet changed need no longer stay."""
        self.view.remember(app.storage.user, self.board.settings.institution_id)
        self.kept.clear()
        self.apply_filters()

    def shows(self, tile: Tile) -> bool:
        """Whether a tile passes the filters (or was just changed here)."""
        return tile.child_id in self.kept or self.view.shows(tile, self.board.name(tile))

    def redraw_grid(self) -> None:
        """Draw every tile (on load and when the order changes)."""
        self.grid.clear()
        self.cards.clear()
        with self.grid:
            for tile in self.view.ordered(self.board):
                self.cards[tile.child_id] = tile_card(tile, self.open, self.board.name(tile))
                if tile.child_id in self.noted:
                    self.cards[tile.child_id].show_staff_note(True)
                if tile.child_id in self.safety:
                    self.cards[tile.child_id].show_allergy(allergy_spoken(self.safety[tile.child_id]))
        self.apply_filters()

    def apply_filters(self) -> None:
        """Hide and show tiles without redrawing them."""
        visible = 0
        for child_id, card in self.cards.items():
            shown = self.shows(self.board.tiles[child_id])
            card.set_visibility(shown)
            visible += shown
        self.empty.set_visibility(visible == 0)

    def release(self) -> None:
        """Once the page is gone: drop the parts that hold this board's own methods (cycles a closed page kept)."""
        self.cards.clear()
        for part in ("panel", "alerts_strip"):
            self.__dict__.pop(part, None)

    # live
    def take_own(self, tile: Tile) -> None:
        """A tile this tablet changed (a tap or an undo): it stays in view a while, whatever the filter."""
        self.kept[tile.child_id] = utcnow().timestamp()
        self.take(tile)

    def release_kept(self) -> None:
        """Let tiles this tablet changed a minute ago or more follow the filter again."""
        now = utcnow().timestamp()
        old = [c for c, at in self.kept.items() if now - at >= KEPT_SECONDS]
        for child_id in old:
            del self.kept[child_id]
        if old:
            self.apply_filters()

    def take(self, tile: Tile) -> None:
        """A new tile from an event or this tablet's own action: redraw that tile, the counts and the alerts."""
        if self.board.tiles.get(tile.child_id) == tile or not self.board.apply(tile):
            return
        card = self.cards.get(tile.child_id)
        if card is not None:
            redraw_tile(card, tile)
            card.set_visibility(self.shows(tile))
        self.refresh_summary()

    def on_event(self, event: Event) -> None:
        """Handle a bus event from memory alone (no database query here)."""
        if isinstance(event, PresenceChanged):
            self.take(Tile.from_wire(event.tile))
        elif isinstance(event, StaffDutyChanged):
            self.board.set_duty(event.person_id, event.name, event.group_id, event.on_duty)
            self.refresh_rooms()
            if event.person_id == self.actor.person_id:
                self.redraw_duty()
        elif isinstance(event, StaffNoteChanged) and event.child_id in self.cards:
            (self.noted.add if event.has_note else self.noted.discard)(event.child_id)
            self.cards[event.child_id].show_staff_note(event.has_note)
        elif isinstance(event, SafetyChanged) and event.child_id in self.cards:
            self.safety[event.child_id] = Safety(event.allergies, event.diet)
            self.cards[event.child_id].show_allergy(allergy_spoken(self.safety[event.child_id]))

    def refresh_summary(self) -> None:
        """Counts, alerts and rooms, recomputed from the tiles in memory."""
        self.counts.show(self.board.counts(self.view.groups or None))
        self.refresh_alerts()
        self.refresh_rooms()

    def refresh_alerts(self) -> None:
        """The alerts at this minute (the process's minute tick calls this too)."""
        tiles = [x for x in self.board.tiles.values() if not self.view.groups or x.group_id in self.view.groups]
        self.alerts_strip.show(alerts.compute(tiles, now_minutes()))

    def on_minute(self) -> None:
        """The process's minute tick: the alerts at this minute, and tiles kept in view long enough let go."""
        self.refresh_alerts()
        self.release_kept()

    def refresh_rooms(self) -> None:
        """Children per adult in each room."""
        self.rooms.show(self.board)

    async def open(self, child_id: int) -> None:
        """Open a child's panel."""
        tile = self.board.tiles.get(child_id)
        if tile is not None:
            await open_panel(self.panel, tile)

    # the member of staff's own duty
    def redraw_duty(self) -> None:
        """'Jeg er på arbejde i [stue]', or who is on duty and a button to leave."""
        self.duty_host.clear()
        mine = self.board.staff.get(self.actor.person_id)
        with self.duty_host:
            if mine is not None:
                room = self.board.groups.get(mine.group_id or 0) or t("board.room.none")
                ui.label(t("board.duty.on", room=room)).classes("text-body2").mark("duty-on")
                ui.button(t("board.duty.leave"), icon="logout",
                          on_click=lambda: self.set_duty(mine.group_id, False)).props("outline no-caps").mark(
                    "duty-leave")
                return
            options: dict[int, str] = {0: t("board.room.none"), **self.board.groups}
            first = next(iter(self.board.groups), 0)
            room_select = ui.select(options, value=first, label=t("board.duty.room")).props(
                "outlined dense").classes("min-w-[10rem]").mark("duty-room")
            ui.button(t("board.duty.arrive"), icon="badge",
                      on_click=lambda: self.set_duty(int(room_select.value or 0) or None, True)).props(
                "unelevated no-caps").mark("duty-arrive")

    async def set_duty(self, group_id: int | None, on_duty: bool) -> None:
        """Check the member of staff in to a room or out; the event redraws every board."""
        try:
            await do_staff_duty(self.actor, self.board.settings.institution_id, group_id, on_duty, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        # This board's own event may arrive through another process; take the change at once either way.
        first = self.actor.name.split()[0]
        self.on_event(StaffDutyChanged(self.board.settings.institution_id, self.actor.person_id, first, group_id,
                                       on_duty))


def tighten(top: ui.row) -> None:
    """The board is a working surface: the page's h1 moves into the first row, and rows sit closer together."""
    column = top.parent_slot.parent if top.parent_slot else None
    if column is None:
        return
    column.classes(remove="gap-4", add="gap-2")
    heading = next((e for e in column.default_slot.children if "sammen-title" in e.classes), None)
    if heading is not None:
        heading.move(top, 0)


async def board_page(actor: Actor, raw_institution: str) -> None:
    """The live board of one of the actor's institutions."""
    places = await presence_places(actor)
    chosen = choose_place(places, raw_institution)
    with frame(actor, t("board.title")):
        if chosen is None:
            empty_state("how_to_reg", "board.no_places")
            return
        try:
            board = await load_board(actor, chosen, today_local())
        except DomainError as error:
            refusal(error.key)
            return
        live = LiveBoard(actor, board)
        live.noted = await noted_children(actor, chosen, board.day)
        live.safety = await institution_safety(actor, chosen, board.day)  # one query for every tile's allergy mark
        live.draw(places)
        context.client.on_delete(live.release)
        follow(presence_topic(chosen), live.on_event)
        follow(staff_notes_topic(chosen), live.on_event)  # staff boards only: never the wall screen or parents
        follow(safety_topic(chosen), live.on_event)  # staff boards only, like the notes
        follow(MINUTE_TOPIC, lambda _event: live.on_minute())  # the process's one clock, not a timer each


@page("/kommegaa", Role.STAFF, Role.LEADER)
async def board(actor: Actor, institution: str = "") -> None:
    """The live board of one of the actor's KommeGå institutions."""
    await board_page(actor, institution)


@page("/kommegaa/dagsliste", Role.STAFF, Role.LEADER)
async def daily(actor: Actor, institution: str = "", day: str = "") -> None:
    """The printable daily list."""
    places = await presence_places(actor)
    await daily_page(actor, places, choose_place(places, institution), _day(day))


@page("/kommegaa/statistik", Role.STAFF, Role.LEADER)
async def stats(actor: Actor, institution: str = "", weeks: str = "") -> None:
    """Statistics per group over some weeks."""
    places = await presence_places(actor)
    chosen = int(weeks) if weeks.isascii() and weeks.isdigit() else 4  # "²" is a digit to isdigit() but not to int()
    await stats_page(actor, places, choose_place(places, institution), chosen)


def _day(raw: str) -> date:
    """A day from the address (today when missing or malformed)."""
    try:
        return date.fromisoformat(raw) if raw else today_local()
    except ValueError:
        return today_local()
