"""Subscribing a page to domain events for as long as its browser client lives."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from nicegui import Client, background_tasks, context

from domain.events import Event, Subscription, bus
from ui.metrics.instruments import FANOUT

log = logging.getLogger(__name__)
Handler = Callable[[Event], Awaitable[None] | None]


def follow(topic: str, handler: Handler, client: Client | None = None) -> Subscription:
    """Deliver events on a topic to this page (or the given client's); the subscription ends when the client goes.

    Each page's handler runs just after the publisher's turn rather than inside it, so a tap on one tablet
    does not wait for every other open screen to redraw.
    """
    client = client or context.client

    def run(event: Event, arrived: float) -> None:
        if client.is_deleted:
            return
        try:
            result = handler(event)
            if asyncio.iscoroutine(result):
                background_tasks.create(result, name=f"follow {topic}")
        except Exception:
            log.exception("a page failed to handle %s", event.kind)
        FANOUT.observe(time.perf_counter() - arrived)  # the wait behind other pages' turns, and this page's own

    def deliver(event: Event) -> None:
        asyncio.get_running_loop().call_soon(run, event, time.perf_counter())

    subscription = bus.subscribe(topic, deliver)
    client.on_delete(subscription.cancel)
    return subscription
