"""Subscribing a page to domain events for as long as its browser client lives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import context

from domain.events import Event, bus


def follow(topic: str, handler: Callable[[Event], Awaitable[None] | None]) -> None:
    """Deliver events on a topic to this page; the subscription ends when the client goes."""
    client = context.client
    subscription = bus.subscribe(topic, handler)
    client.on_delete(subscription.cancel)
