"""A set of idempotent jobs run once a minute on the process clock: a pass still going makes the next tick skip."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Generic, TypeVar

from domain.clock import utcnow
from domain.events import Event, EventBus, Subscription, bus
from domain.ticker import MINUTE_TOPIC

log = logging.getLogger(__name__)
Job = TypeVar("Job")


class MinuteJobs(Generic[Job]):
    """Runs every job once a minute; one failing job is logged (without content) and does not stop the others."""

    kind = "job"  # names the jobs in the log

    def __init__(self, jobs: Sequence[Job]) -> None:
        self.jobs = list(jobs)
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[int]] = set()

    async def run_job(self, job: Job, now: datetime) -> int:
        """Run one job; returns how much it did."""
        raise NotImplementedError

    async def run(self, now: datetime | None = None) -> int:
        """One pass over every job; returns the sum of what they did."""
        done = 0
        async with self._lock:
            for job in self.jobs:
                try:
                    done += await self.run_job(job, now or utcnow())
                except Exception:
                    log.exception("%s %s failed; retrying next minute", self.kind,
                                  getattr(job, "__name__", getattr(job, "__module__", job)))
        return done

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
