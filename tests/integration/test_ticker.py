"""The process's minute tick reaches subscribers locally, and stops when cancelled."""

from __future__ import annotations

import asyncio

from domain.events import Event, EventBus
from domain.ticker import MINUTE_TOPIC, MinutePassed, seconds_to_next_minute, tick_minutes


async def test_the_minute_tick_is_delivered_to_local_subscribers_only() -> None:
    heard: list[Event] = []
    target = EventBus()
    target.subscribe(MINUTE_TOPIC, heard.append)
    task = asyncio.create_task(tick_minutes(target, wait=lambda: 0.01))
    await asyncio.sleep(0.1)
    task.cancel()
    assert heard and all(isinstance(e, MinutePassed) for e in heard)
    assert target.published == 0  # never bridged: every process has its own clock


def test_the_next_minute_is_at_most_a_minute_away() -> None:
    assert 0 < seconds_to_next_minute() <= 60
