"""The public page's data, kept as pre-rendered bytes so a crowd arriving at once costs almost nothing."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from domain.broadcast.model import ALL_TOPIC, PublicItem
from domain.events import Event, EventBus, Subscription
from persistence.broadcast import Broadcast

log = logging.getLogger(__name__)
TTL_SECONDS = 30.0
MAX_IN_FLIGHT = 1000  # requests waiting for one rebuild are cheap; beyond this, 503 rather than a queue

Render = Callable[[list[PublicItem]], str]


async def active_public_broadcasts() -> list[PublicItem]:
    """The broadcasts not yet ended and meant for the public, newest first (one query)."""
    rows = await Broadcast.filter(ended_at__isnull=True, public=True).order_by("-created_at", "-id").values_list(
        "id", "title", "body", "created_at")
    return [PublicItem(int(i), str(t), str(b), c) for i, t, b, c in rows]


@dataclass(frozen=True)
class Rendered:
    """The page as bytes, with its entity tag."""

    body: bytes
    etag: str


class Busy(Exception):
    """Too many requests are being answered at once: the caller says 503 and when to retry."""


class PublicPage:
    """A per-process cache of the rendered page, rebuilt when a broadcast is sent or ended (or after a TTL)."""

    def __init__(self, render: Render, ttl: float = TTL_SECONDS, max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self.render, self.ttl, self.max_in_flight = render, ttl, max_in_flight
        self._page: Rendered | None = None
        self._built_at = 0.0
        self._generation = 0
        self._page_generation = -1
        self._locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}
        self._subscription: Subscription | None = None
        self.in_flight = 0
        self.rebuilds = 0

    def invalidate(self, _event: Event | None = None) -> None:
        """Forget the page; the next request rebuilds it."""
        self._generation += 1

    def listen(self, bus: EventBus) -> None:
        """Rebuild after every BroadcastSent or BroadcastEnded, from this or (by the bridge) any process."""
        if self._subscription is not None:
            self._subscription.cancel()
        self._subscription = bus.subscribe(ALL_TOPIC, self.invalidate)

    @contextmanager
    def admit(self) -> Iterator[None]:
        """Count a request in; refuse at once (Busy) rather than queue when too many are in flight."""
        if self.in_flight >= self.max_in_flight:
            raise Busy()
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1

    async def current(self) -> Rendered:
        """The cached page; only one request rebuilds it while the others wait for that one result."""
        page = self._fresh()
        if page is not None:
            return page
        lock_held = any(lock.locked() for lock in self._locks.values())
        if lock_held and self._page is not None and self._page_generation == self._generation:
            return self._page  # only its age ran out: serve it while the one rebuild runs
        loop = asyncio.get_running_loop()
        # One lock per event loop: a lock bound to one loop cannot be awaited from another (tests run many loops).
        lock = self._locks.get(loop)
        if lock is None:
            self._locks = {loop: (lock := asyncio.Lock())}
        async with lock:
            page = self._fresh()
            if page is None:
                # Note the generation before the query, so an invalidation during the rebuild is not lost.
                started, generation = time.monotonic(), self._generation
                try:
                    items = await active_public_broadcasts()
                except Exception:
                    if self._page is None:
                        raise
                    # A struggling database should not take the page down: the last page beats an error.
                    log.exception("could not rebuild /krise; serving the last page")
                    return self._page
                html = self.render(items).encode()
                page = Rendered(html, f'"{hashlib.sha256(html).hexdigest()[:32]}"')
                self.rebuilds += 1
                self._page, self._built_at, self._page_generation = page, started, generation
            return page

    def _fresh(self) -> Rendered | None:
        if self._page is not None and self._page_generation == self._generation and \
                time.monotonic() - self._built_at < self.ttl:
            return self._page
        return None
