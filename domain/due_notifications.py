"""Reminders and deadlines for the notification centre, once a minute in the one jobs process, e-mail on or off."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from domain.calendar.reminder_notes import do_remind_due_events
from domain.clock import utcnow
from domain.conferences.reminder_notes import do_remind_due_slots
from domain.crossgroups.jobs import do_tend_cross_groups
from domain.events import Event, EventBus, Subscription, bus
from domain.forms.deadline_notes import do_remind_form_deadlines
from domain.ticker import MINUTE_TOPIC
from domain.vacation.deadline_notes import do_remind_vacation_deadlines

log = logging.getLogger(__name__)
Producer = Callable[[datetime], Awaitable[int]]  # (now) -> how many notifications were new
PRODUCERS: tuple[Producer, ...] = (do_remind_due_events, do_remind_due_slots, do_remind_form_deadlines,
                                   do_remind_vacation_deadlines, do_tend_cross_groups)


class DueNotifications:
    """Runs every producer once a minute; each is idempotent through its cause, so a rerun tells no one twice."""

    def __init__(self, producers: Sequence[Producer] = PRODUCERS) -> None:
        self.producers = list(producers)
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[int]] = set()

    async def run(self, now: datetime | None = None) -> int:
        """One pass; one failing producer is logged (without content) and does not stop the others."""
        made = 0
        async with self._lock:
            for produce in self.producers:
                try:
                    made += await produce(now or utcnow())
                except Exception:
                    log.exception("notification job %s failed; retrying next minute", produce.__name__)
        return made

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
