"""Keeps live pages out of the collector's full passes: young garbage collected, survivors frozen, once a second.

A full collection walks every tracked object, and a thousand live pages are millions of them: 2.5–6 s during
which no screen is served (issue 25). Frozen objects are never walked. Once a second the young generations are
collected (what died since the last step, a few milliseconds) and everything still alive is frozen, so the full
collections CPython still runs only see what was made since the last step. A page that closes is freed by
reference counting (ui/heap.release_removed_elements breaks NiceGUI's per-element cycles), frozen or not.
What could still leak is cyclic garbage from objects frozen while alive; once a night, when few screens are open,
everything is unfrozen and collected once (one long pause at 03:00 instead of several an hour).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from dataclasses import dataclass
from datetime import date

from domain.clock import COPENHAGEN, utcnow
from ui.metrics.instruments import GC_FROZEN, GC_RECLAIMED

log = logging.getLogger("sammen.heap")

STEP_S = 1.0
RECLAIM_HOUR = 3  # local time: the quietest hour of a municipality's day


@dataclass
class Freezer:
    """This process's freezer: the step, the nightly reclaim and the task that runs them."""

    reclaimed_on: date | None = None
    task: asyncio.Task[None] | None = None

    def step(self) -> None:
        """Collect the young generations, then freeze all that lives (both cheap: only the young are walked)."""
        # Never count the frozen objects here: CPython counts them by walking them one by one, and at 1,000 screens
        # that walk took about a second, every step (62 % of the process's time in bench/morning_peak.py --profile).
        gc.collect(1)
        gc.freeze()

    def reclaim(self) -> int:
        """Unfreeze everything and collect it once (a full pause): what leaked is freed; returns what was found."""
        started = time.perf_counter()
        gc.unfreeze()
        found = gc.collect()
        gc.freeze()
        GC_RECLAIMED.inc(found)
        frozen = gc.get_freeze_count()  # the night's one pause anyway: counting here costs no one a stall
        GC_FROZEN.set(frozen)
        log.info("collector: nightly reclaim found %d unreachable objects in %.0f ms; %d frozen", found,
                 (time.perf_counter() - started) * 1000, frozen)
        return found

    def due_for_reclaim(self) -> bool:
        """Whether it is the reclaim hour (local time) and tonight's reclaim has not run."""
        local = utcnow().astimezone(COPENHAGEN)
        return local.hour == RECLAIM_HOUR and self.reclaimed_on != local.date()

    async def _run_forever(self) -> None:
        while True:
            await asyncio.sleep(STEP_S)
            if self.due_for_reclaim():
                self.reclaimed_on = utcnow().astimezone(COPENHAGEN).date()
                self.reclaim()
            else:
                self.step()

    def start(self) -> None:
        """Start stepping in the running loop (twice is once)."""
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run_forever(), name="collector freezer")

    async def stop(self) -> None:
        """Stop stepping and unfreeze (the process ends, or a test is done)."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None
        gc.unfreeze()


FREEZER = Freezer()  # one per process: the heap is the process's own
