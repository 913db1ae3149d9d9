"""The wall screen where children check themselves in: pairing by code, the tiles, and going blank on revoke."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, background_tasks, context, ui

from auth.session import client_address
from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.events import Event, Subscription
from domain.presence import kiosk
from domain.presence.admin import PresenceSettingsChanged
from domain.presence.board import Board
from domain.presence.model import (
    Action,
    PresenceChanged,
    Tile,
    WallScreenChanged,
    presence_topic,
    settings_topic,
    wall_screen_topic,
)
from ui.frame import theme
from ui.guard import public_page
from ui.i18n import error_text, t
from ui.live import follow
from ui.presence.kiosk_dialog import ChildDialog
from ui.presence.kiosk_tiles import TileGrid, letter_bar
from ui.presence.tiles import BOARD_CSS
from ui.statement_link import statement_link

PATH = "/vaegskaerm"
STORAGE_KEY = "wall_screen_token"
IDLE_SECONDS = 20.0
TICK_SECONDS = 2.0
RECHECK = timedelta(minutes=1)


class WallScreenPage:
    """One open wall screen: its token, what it shows, and the events it follows (all of it per client)."""

    def __init__(self, storage: Any, root: ui.column, address: str = "") -> None:
        # The storage object is taken once in the page: event handlers run in the publisher's request.
        self.storage, self.root, self.address = storage, root, address
        self.subscriptions: list[Subscription] = []
        self.board: Board | None = None
        self.grid: TileGrid | None = None
        self.code_expires: datetime | None = None
        self.last_touch = time.monotonic()
        with ui.element("div"):
            self.dialog = ChildDialog(self.perform, self.touch, self.pickup_of)
        context.client.on_delete(self.drop)

    @property
    def token(self) -> str:
        """The device's token ("" when it has none)."""
        return str(self.storage.get(STORAGE_KEY, ""))

    def follow(self, topic: str, handler: Callable[[Any], Any]) -> None:
        """Listen on a topic until the screen changes what it shows or the client goes."""
        # The screen's own client, not the context's: this also runs inside a leader's request (on pairing).
        self.subscriptions.append(follow(topic, handler, self.root.client))

    def drop(self) -> None:
        """Stop listening to everything."""
        for subscription in self.subscriptions:
            subscription.cancel()
        self.subscriptions.clear()

    def touch(self) -> None:
        """A child did something: the idle countdown starts again."""
        self.last_touch = time.monotonic()

    async def show(self) -> None:
        """Draw what the token allows: the tiles, the pairing code, or the unpaired screen."""
        self.drop()
        self.dialog.close()
        self.board = self.grid = None
        self.code_expires = None
        now = utcnow()
        token = self.token
        if not token:
            await self.new_code()
            return
        try:
            self.board = await kiosk.kiosk_board(token, today_local(now), now=now)
        except DomainError as error:
            code = await kiosk.pending_code(token, now=now) if error.key == "kiosk.error.not_paired" else None
            if code is None:
                self.unpaired()
                return
            # The domain tells the code but not its expiry; look again in a minute.
            self.pairing(token, code, now + RECHECK)
            return
        self.paired(self.board)

    async def new_code(self) -> None:
        """Ask for a fresh pairing code and show it; when refused (too many codes), say so and ask again later."""
        try:
            request = await kiosk.do_request_pairing(now=utcnow(), address=self.address)
        except DomainError as error:
            self.limited(error)
            return
        self.storage[STORAGE_KEY] = request.token
        self.pairing(request.token, request.code, request.expires_at)

    def pairing(self, token: str, code: str, expires_at: datetime) -> None:
        """The code in big digits and what to do with it; waits for the leader to pair."""
        self.code_expires = expires_at
        screen_id = int(token.partition(".")[0])
        self.follow(wall_screen_topic(screen_id), self.on_screen_event)
        self.root.clear()
        with self.root:
            ui.icon("tv", size="96px", color="primary")
            ui.label(t("kiosk.pair.title")).classes("text-h3 text-weight-bold text-center")
            ui.label(t("kiosk.pair.instructions")).classes("text-h5 text-center")
            ui.label(f"{code[:3]} {code[3:]}").classes("text-weight-bold text-primary").style(
                "font-size: 7rem; letter-spacing: .15em").mark("pairing-code")
            statement_link()  # the one page of the wall screen anyone sees before it is paired

    def limited(self, error: DomainError) -> None:
        """No code for now: why, and the timer asks again when the limit allows (or in a minute)."""
        until = error.params.get("until")
        self.code_expires = until if isinstance(until, datetime) else utcnow() + RECHECK
        self.root.clear()
        with self.root:
            ui.icon("hourglass_top", size="96px", color="grey-7")
            ui.label(error_text(error)).classes("text-h5 text-center").mark("kiosk-limited")

    def unpaired(self) -> None:
        """Nothing about any child: only that the screen is not paired, and a way to pair it again."""
        self.root.clear()
        with self.root:
            ui.icon("link_off", size="96px", color="grey-7")
            ui.label(t("kiosk.unpaired.title")).classes("text-h3 text-weight-bold text-center").mark(
                "kiosk-unpaired")
            ui.label(t("kiosk.unpaired.hint")).classes("text-h6 text-center text-grey-8")
            ui.button(t("kiosk.unpaired.new_code"), icon="qr_code", on_click=self.restart).props(
                "unelevated no-caps size=xl").mark("kiosk-new-code")

    async def restart(self) -> None:
        """Forget the old token and show a new pairing code."""
        self.storage.pop(STORAGE_KEY, None)
        with self.root:
            await self.new_code()

    def paired(self, board: Board) -> None:
        """The institution's name, the letter bar and a tile per child; follows the day live."""
        institution_id = board.settings.institution_id
        self.follow(presence_topic(institution_id), self.on_presence)
        self.follow(settings_topic(institution_id), self.on_settings)
        self.follow(wall_screen_topic(int(self.token.partition('.')[0])), self.on_screen_event)
        self.root.clear()
        with self.root:
            with ui.row().classes("w-full items-center justify-between"):
                ui.label(board.settings.name).classes("text-h4 text-weight-bold").mark("kiosk-institution")
                ui.label(t("kiosk.tap_hint")).classes("text-h5 text-grey-8")
            closed = board.settings.closed_reason(board.day)
            if closed:
                ui.label(t("kiosk.closed")).classes("text-h5 text-grey-8")
            if not board.tiles:
                ui.label(t("kiosk.empty")).classes("text-h5 text-grey-8 q-mt-xl")
                return
            holder = ui.column().classes("w-full gap-4")
            with holder:
                bar = ui.element("div").classes("w-full")
                self.grid = TileGrid(list(board.tiles.values()), self.tap)
            with bar:
                self.grid.letter_buttons = letter_bar(self.grid.used_letters(), self.choose_letter)

    def choose_letter(self, letter: str) -> None:
        """Filter the tiles by the first letter of the name."""
        self.touch()
        if self.grid is not None:
            self.grid.filter(letter)

    def tap(self, child_id: int) -> None:
        """A child tapped its tile: the big dialog opens."""
        self.touch()
        if self.board is None or child_id not in self.board.tiles:
            return
        settings = self.board.settings
        self.dialog.open(self.board.tiles[child_id], settings.kind, settings.locations, settings.kiosk_pin)

    async def pickup_of(self, child_id: int) -> kiosk.ScreenPickup | None:
        """Who picks the child up, read for this one child when the screen has to say it (never per tile)."""
        try:
            return await kiosk.pickup_for_screen(self.token, child_id, now=utcnow())
        except DomainError:
            return None  # revoked or no longer here: the next tap says so

    async def perform(self, child_id: int, action: Action, place: str, pin: str) -> DomainError | None:
        """Ask the domain (which checks the token again); a revoked screen goes blank at once."""
        try:
            done = await kiosk.do_kiosk_action(self.token, child_id, action, now=utcnow(), location=place, pin=pin)
        except DomainError as error:
            if error.key in ("kiosk.error.revoked", "kiosk.error.not_paired"):
                self.drop()
                self.dialog.close()
                with self.root:
                    self.unpaired()
            return error
        self.apply(done.tile)
        return None

    def apply(self, tile: Tile) -> None:
        """Show a tile's new state if it is newer than what is on the screen."""
        if self.board is None or self.grid is None or self.board.tiles.get(tile.child_id) == tile:
            return  # our own tap comes back as an event too
        if self.board.apply(tile):
            self.grid.update(tile)

    def on_presence(self, event: Event) -> None:
        """Another device changed a child's day: redraw that tile from the event alone."""
        if isinstance(event, PresenceChanged):
            with self.root:
                self.apply(kiosk.wall_tile_of(event))  # present or not: never sick, vacation or a pickup time

    def on_screen_event(self, event: Event) -> None:
        """Paired: show the tiles; revoked: clear everything at once."""
        if not isinstance(event, WallScreenChanged):
            return
        if event.revoked:
            self.drop()
            self.dialog.close()
            self.board = self.grid = None
            with self.root:
                self.unpaired()
            return
        background_tasks.create(self.redraw(), name="wall screen paired")

    def on_settings(self, event: Event) -> None:
        """The leader changed locations or the PIN rule: load the board again."""
        if isinstance(event, PresenceSettingsChanged):
            background_tasks.create(self.redraw(), name="wall screen settings")

    async def renew(self) -> None:
        """The code shown may have expired: show it again while it is valid, else a new one."""
        now = utcnow()
        code = await kiosk.pending_code(self.token, now=now) if self.token else None
        self.drop()
        with self.root:
            if code is None:
                await self.new_code()
            else:
                self.pairing(self.token, code, now + RECHECK)

    async def redraw(self) -> None:
        """Load and draw again, in this screen's own context."""
        with self.root:
            await self.show()

    async def tick(self) -> None:
        """The one timer of the page: idle reset, a new code when the old expired, a new day at midnight."""
        if self.code_expires is not None and utcnow() >= self.code_expires:
            await self.renew()
            return
        if self.board is not None and self.board.day != today_local():
            await self.redraw()
            return
        if time.monotonic() - self.last_touch < IDLE_SECONDS:
            return
        if self.dialog.is_open:
            self.dialog.close()
        if self.grid is not None and self.grid.letter:
            self.grid.filter("")


@public_page(PATH)
async def wall_screen(request: Request, token: str = "") -> RedirectResponse | None:
    """The wall screen: no personal login, the device's own token is its key (taken out of the address at once)."""
    if token:
        app.storage.user[STORAGE_KEY] = token.strip()
        return RedirectResponse(PATH, status_code=303)
    theme()
    ui.add_css(BOARD_CSS)
    ui.page_title(f"{t('kiosk.title')} · Sammen")
    ui.query("body").classes("bg-white")
    root = ui.column().classes("w-full max-w-screen-xl mx-auto items-center q-pa-md gap-6").mark("kiosk-root")
    page = WallScreenPage(app.storage.user, root, client_address(request))
    await page.show()
    ui.timer(TICK_SECONDS, page.tick)
    return None
