"""Simulated browsers for the morning peak: one cookie jar, one page GET and one socket.io connection each."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import socketio

from bench._peak_cast import Screen
from bench._presence_ws import SOCKET_PATH, page_query, socket_url

# Which children a page shows: the parent's status chip and the wall-screen tile carry data-child, a board tile
# carries its view (whose id is the child's) in the `tile` prop. The same props come back in every update.
NAVIGATION = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}  # as a browser asks
RELOAD_AFTER_S = 3.0
ERROR_RELOAD_S = 10.0  # nicegui.js reloads as soon as the handshake is refused; this client checks once a second
SHOWN = re.compile(r'"data-child":"(\d+)"|"tile":\{"id":(\d+)')


def children_in(element: object) -> list[int]:
    """The children an element of an update message is about."""
    if not isinstance(element, dict):
        return []
    props = element.get("props") or {}
    tile, marked = props.get("tile"), props.get("data-child")
    found = [int(tile["id"])] if isinstance(tile, dict) and "id" in tile else []
    return found + ([int(marked)] if marked is not None else [])


@dataclass
class Watch:
    """Children with a check-in in flight: each screen notes when an update about one of them arrives."""

    children: set[int] = field(default_factory=set)


class Shed(Exception):
    """The process was full and said when to come back (the busy page reloads itself after that long)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"503, retry after {seconds:.0f} s")
        self.seconds = seconds


class PageFailed(RuntimeError):
    """The page GET answered something other than 200 or 503 (a 500 is NiceGUI giving up a slow page build)."""

    def __init__(self, path: str, status: int) -> None:
        super().__init__(f"{path} answered {status}")
        self.path, self.status = path, status


class Browser:
    """One phone, tablet or wall screen: signs in, opens its page and keeps the websocket open like nicegui.js."""

    def __init__(self, screen: Screen, base_url: str, watch: Watch) -> None:
        self.screen, self.watch = screen, watch
        self.http = httpx.AsyncClient(base_url=base_url, timeout=60)
        self.sio = socketio.AsyncClient(reconnection_delay=0.5)
        self.client_id, self.document_id, self.tab_id = "", str(uuid.uuid4()), str(uuid.uuid4())
        self.next_message_id = 0
        self.shows: set[int] = set()
        self.seen: dict[int, float] = {}
        self.disconnects = 0
        self.down_since: float | None = None  # when the socket went away (None while connected)
        self.retry_at = 0.0  # a reload that was turned away waits until then, as the busy page does
        self.reopened: list[float] = []  # seconds from losing the socket to the page being open again
        self._listen()

    def _listen(self) -> None:
        self.sio.on("update", self._update)
        self.sio.on("disconnect", self._disconnected)
        self.sio.on("connect", self._connected)

    async def sign_in(self) -> None:
        """A signed-in session for a phone or tablet (a wall screen carries its token in the address instead)."""
        if self.screen.subject:
            answer = await self.http.post("/_bench/login", params={"subject": self.screen.subject})
            answer.raise_for_status()

    async def open(self) -> tuple[float, float]:
        """GET the page (following redirects) and connect its socket; returns (GET seconds, socket seconds)."""
        started = time.monotonic()
        page = await self.http.get(self.screen.path, follow_redirects=True, headers=NAVIGATION)
        loaded = time.monotonic()
        if page.status_code == 503:
            raise Shed(float(page.headers.get("retry-after", "5")))
        if page.status_code != 200:
            raise PageFailed(self.screen.path, page.status_code)
        query = page_query(page.text)
        self.client_id, self.next_message_id = str(query["client_id"]), int(query["next_message_id"])
        self.shows = {int(a or b) for a, b in SHOWN.findall(page.text)}
        # A browser sends its cookies with the websocket too: nginx routes it by the routing cookie.
        cookies = "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())
        await self.sio.connect(self._url(), headers={"Cookie": cookies} if cookies else {},
                               socketio_path=SOCKET_PATH, transports=["websocket"], wait_timeout=20)
        return loaded - started, time.monotonic() - loaded

    def _url(self) -> str:
        return socket_url(str(self.http.base_url).rstrip("/"), self.client_id, self.next_message_id, self.document_id,
                          self.tab_id)

    def _disconnected(self, *_: Any) -> None:
        self.disconnects += 1
        self.down_since = self.down_since or time.monotonic()
        self.sio.connection_url = self._url()

    def _connected(self, *_: Any) -> None:
        self.down_since = None

    async def reopen(self) -> None:
        """What nicegui.js does when the process that knew the page is gone: load the page again (via nginx)."""
        lost = self.down_since or time.monotonic()
        old, self.sio = self.sio, socketio.AsyncClient(reconnection_delay=0.5)
        self._listen()
        with contextlib.suppress(Exception):
            await old.disconnect()
        session = getattr(old.eio, "http", None)
        if session is not None and not session.closed:
            await session.close()
        self.document_id = str(uuid.uuid4())
        await self.open()
        self.reopened.append(time.monotonic() - lost)

    def _update(self, msg: dict[str, Any]) -> None:
        received = time.monotonic()
        message_id = msg.pop("_id", None)
        if isinstance(message_id, int):
            if message_id < self.next_message_id:
                return  # a replay this tab already has
            self.next_message_id = message_id + 1
        if not self.watch.children:
            return
        for element in msg.values():
            for child in children_in(element):
                if child in self.watch.children and child in self.shows:
                    self.seen.setdefault(child, received)

    async def ack(self) -> None:
        """What nicegui.js sends every 3 s so the server can drop its message history."""
        if self.sio.connected:
            await self.sio.emit("ack", {"client_id": self.client_id, "next_message_id": self.next_message_id})

    async def close(self) -> None:
        """Leave the page and drop the cookie jar."""
        with contextlib.suppress(Exception):
            await self.sio.disconnect()
        session = getattr(self.sio.eio, "http", None)  # a socket still reconnecting keeps its aiohttp session
        if session is not None and not session.closed:
            await session.close()
        await self.http.aclose()


class Crowd:
    """All open browsers; acknowledges for them every 3 s as nicegui.js does."""

    def __init__(self) -> None:
        self.browsers: list[Browser] = []
        self.watch = Watch()
        self._acks: asyncio.Task[None] | None = None
        self._reloads: asyncio.Task[None] | None = None
        self.reload_errors = 0  # every failed reload, the 500s among them too
        self.reloads_500: list[str] = []  # the page each reload answered 500 was
        self.reloads_shed = 0
        self.reload_error_texts: list[str] = []

    def showing(self, child: int) -> list[Browser]:
        """The open screens that show a child."""
        return [b for b in self.browsers if child in b.shows]

    def start_acks(self) -> None:
        """Begin the periodic acknowledgements, and the reloads of pages whose socket stays away."""
        if self._acks is None:
            self._acks = asyncio.create_task(self._ack_forever())
            self._reloads = asyncio.create_task(self._reload_forever())

    async def _reload_forever(self) -> None:
        # A socket that cannot get back within the grace reaches a process that never knew its page: reload it.
        while True:
            await asyncio.sleep(1)
            now = time.monotonic()
            stale = [b for b in self.browsers if b.down_since is not None and now - b.down_since > RELOAD_AFTER_S
                     and now >= b.retry_at]
            results = await asyncio.gather(*(b.reopen() for b in stale), return_exceptions=True)
            for browser, result in zip(stale, results, strict=True):
                if isinstance(result, Shed):
                    self.reloads_shed += 1
                    browser.retry_at = now + result.seconds
                elif isinstance(result, BaseException):  # an error page: the user reloads after a while
                    self.reload_errors += 1
                    if isinstance(result, PageFailed) and result.status == 500:
                        self.reloads_500.append(result.path)
                    else:
                        self.reload_error_texts.append(f"{type(result).__name__}: {result}"[:120])
                    browser.retry_at = now + ERROR_RELOAD_S

    async def _ack_forever(self) -> None:
        while True:
            await asyncio.sleep(3)
            await asyncio.gather(*(b.ack() for b in self.browsers), return_exceptions=True)

    async def close(self) -> None:
        """Stop acknowledging and close every browser."""
        for task in (self._acks, self._reloads):
            if task is not None:
                task.cancel()
        for start in range(0, len(self.browsers), 100):
            await asyncio.gather(*(b.close() for b in self.browsers[start:start + 100]), return_exceptions=True)
        self.browsers.clear()
