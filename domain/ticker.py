"""One clock per process: a MinutePassed event each minute, so open screens need no timer of their own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from domain.clock import utcnow
from domain.events import Event, EventBus, bus

MINUTE_TOPIC = "clock:minute"


@dataclass(frozen=True)
class MinutePassed(Event):
    """A new minute began (delivered in this process only: every process has its own clock)."""

    at: datetime

    @property
    def topics(self) -> tuple[str, ...]:
        """Screens that show something depending on the time of day."""
        return (MINUTE_TOPIC,)


def seconds_to_next_minute() -> float:
    """How long until the next minute begins."""
    now = utcnow()
    return 60 - now.second - now.microsecond / 1_000_000


async def tick_minutes(target: EventBus = bus, wait: Callable[[], float] = seconds_to_next_minute) -> None:
    """Deliver MinutePassed at the start of every minute, until cancelled."""
    while True:
        await asyncio.sleep(wait())
        await target.deliver_locally(MinutePassed(utcnow()))
