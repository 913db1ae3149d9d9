"""The e-mail jobs (broadcast fallback, reminders) run once a minute on the process clock, in the one jobs process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from domain.clock import utcnow
from domain.events import Event, EventBus, Subscription, bus
from domain.settings import SmtpSettings
from domain.ticker import MINUTE_TOPIC

log = logging.getLogger(__name__)
Sender = Callable[..., Awaitable[int]]  # (smtp, public_url, *, now) -> how many e-mails went out


class EmailJobs:
    """Runs every sender once a minute; a pass still going makes the next tick skip."""

    def __init__(self, smtp: SmtpSettings, public_url: str, senders: Sequence[Sender]) -> None:
        self.smtp, self.public_url, self.senders = smtp, public_url, list(senders)
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[int]] = set()

    async def run(self, now: datetime | None = None) -> int:
        """One pass over every sender; one failing sender is logged and does not stop the others."""
        sent = 0
        async with self._lock:
            for send in self.senders:
                try:
                    sent += await send(self.smtp, self.public_url, now=now or utcnow())
                except Exception:
                    log.exception("e-mail job %s failed; retrying next minute", getattr(send, "__module__", send))
        return sent

    def on_minute(self, _event: Event) -> None:
        """Start a pass unless the previous one is still running."""
        if self._lock.locked():
            return
        task = asyncio.get_running_loop().create_task(self.run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def start(self, target: EventBus = bus) -> Subscription:
        """Follow the minute tick until the subscription is cancelled."""
        return target.subscribe(MINUTE_TOPIC, self.on_minute)
