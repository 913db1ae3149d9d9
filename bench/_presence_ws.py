"""Browser-like boards: log in through the dev IdP, GET the page, connect socket.io as nicegui.js does."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import html
import re
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import httpx
import socketio

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
QUERY = re.compile(r"query: (\{[^}]*\}),")
SOCKET_PATH = "/_nicegui_ws/socket.io"  # nicegui.js: `${options.prefix}/_nicegui_ws/socket.io`


async def login(http: httpx.AsyncClient, subject: str, acr: str = "3") -> None:
    """The dev IdP's authorization-code round trip, as tests/ui/conftest.py login() does it."""
    start = await http.get("/auth/login")
    page = await http.get(start.headers["location"])
    fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)}
    fields.update(subject=subject, acr=acr)
    answer = await http.post("/dev-idp/authorize", data=fields)
    back = await http.get(answer.headers["location"])
    if back.status_code != 303:
        raise RuntimeError(f"login as {subject} failed: {back.status_code}")


def page_query(text: str) -> dict[str, Any]:
    """The socket query NiceGUI renders into the page (a Python dict literal: client_id, next_message_id, ...)."""
    found = QUERY.search(text)
    if found is None:
        raise RuntimeError("no socket.io query in the page (not a NiceGUI page, or a redirect to the login)")
    return dict(ast.literal_eval(found.group(1)))


def socket_url(base: str, client_id: str, next_message_id: int, document_id: str, tab_id: str) -> str:
    """The address nicegui.js connects its socket to (and reconnects to, with the next message it expects)."""
    params = {"client_id": client_id, "next_message_id": next_message_id, "implicit_handshake": "true",
              "document_id": document_id, "tab_id": tab_id}
    return f"{base}/?{urlencode(params)}"


def _names(element: object) -> object:
    """The child a tile element in an update message shows (None for any other element)."""
    if not isinstance(element, dict):
        return None
    tile = (element.get("props") or {}).get("tile")
    return tile.get("name") if isinstance(tile, dict) else None


class Tab:
    """One browser tab showing the board: its socket, its message ids, and when the awaited tile arrived."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self.sio = socketio.AsyncClient(reconnection_delay=0.2)  # like socket.io in the browser: reconnect
        self.client_id, self.document_id, self.tab_id = "", str(uuid.uuid4()), str(uuid.uuid4())
        self.next_message_id = 0
        self.expect = ""
        self.disconnects = 0
        self.sio.on("update", self._update)
        self.sio.on("disconnect", self._disconnected)

    async def open(self, http: httpx.AsyncClient, path: str) -> float:
        """GET the page, then connect with the query nicegui.js sends (implicit handshake); returns the GET seconds."""
        started = time.monotonic()
        page = await http.get(path)
        took = time.monotonic() - started
        query = page_query(page.text)
        self.client_id, self.next_message_id = str(query["client_id"]), int(query["next_message_id"])
        self.base = str(http.base_url).rstrip("/")
        await self.sio.connect(self._url(), socketio_path=SOCKET_PATH, transports=["websocket"], wait_timeout=10)
        return took

    def _url(self) -> str:
        return socket_url(self.base, self.client_id, self.next_message_id, self.document_id, self.tab_id)

    def _disconnected(self, *_: Any) -> None:
        # nicegui.js keeps the reconnect query's next_message_id current, so the server replays only what was missed.
        self.disconnects += 1
        self.sio.connection_url = self._url()

    def _update(self, msg: dict[str, Any]) -> None:
        received = time.monotonic()
        message_id = msg.pop("_id", None)
        if isinstance(message_id, int):
            if message_id < self.next_message_id:
                return  # a replay after a reconnect that this tab already has (nicegui.js drops these too)
            self.next_message_id = message_id + 1
        # The redrawn tile is one element whose `tile` prop names the child (unique first name in the bench world).
        if self.expect and any(_names(e) == self.expect for e in msg.values()):
            self.expect = ""
            self.fleet.arrived(received)

    async def ack(self) -> None:
        """What nicegui.js sends every 3 s so the server can drop its message history."""
        if self.sio.connected:
            await self.sio.emit("ack", {"client_id": self.client_id, "next_message_id": self.next_message_id})


class Fleet:
    """Many tabs; waits until every one of them has shown a given child's new tile."""

    def __init__(self) -> None:
        self.tabs: list[Tab] = []
        self.arrivals: list[float] = []
        self.live = 0  # boards the server still follows (a tab whose client the server deleted never hears again)
        self._all_in = asyncio.Event()
        self._acks: asyncio.Task[None] | None = None

    async def open(self, http: httpx.AsyncClient, path: str) -> float:
        """Open one more board tab; returns its GET seconds."""
        tab = Tab(self)
        took = await tab.open(http, path)
        self.tabs.append(tab)
        if self._acks is None:
            self._acks = asyncio.create_task(self._ack_forever())
        return took

    def expect(self, first_name: str) -> None:
        """Start waiting for a tile showing this child on every tab."""
        self.arrivals = []
        self._all_in.clear()
        for tab in self.tabs:
            tab.expect = first_name

    def arrived(self, at: float) -> None:
        """One tab has the tile."""
        self.arrivals.append(at)
        if len(self.arrivals) >= min(len(self.tabs), self.live or len(self.tabs)):
            self._all_in.set()

    async def wait(self, seconds: float) -> list[float]:
        """Every tab's receive time (monotonic), or as many as arrived before the timeout."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._all_in.wait(), seconds)
        for tab in self.tabs:
            tab.expect = ""
        return list(self.arrivals)

    async def _ack_forever(self) -> None:
        while True:
            await asyncio.sleep(3)
            await asyncio.gather(*(tab.ack() for tab in self.tabs), return_exceptions=True)

    async def close(self) -> None:
        """Stop acknowledging and disconnect every tab."""
        if self._acks is not None:
            self._acks.cancel()
        await asyncio.gather(*(tab.sio.disconnect() for tab in self.tabs), return_exceptions=True)
