"""A loop-lag probe (a 10 ms timer, how late it fires) and a timer on every garbage collection."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections import deque
from dataclasses import dataclass, field

from ui.metrics.instruments import GC_PAUSE, LOOP_LAG, LOOP_LAG_LONGEST

SAMPLE_S = 0.010
STALL_S = 0.050  # lags at least this long are also kept with their time, for the benchmark's per-window maximum
WINDOW_S = 60.0


@dataclass
class Probes:
    """This process's probes: recent stalls and collections (time, seconds), and the lag task while it runs."""

    stalls: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=10_000))
    collections: deque[tuple[float, int, float]] = field(default_factory=lambda: deque(maxlen=10_000))
    task: asyncio.Task[None] | None = None
    _gc_started: float = 0.0
    _next_gauge: float = 0.0

    def longest_stall_since(self, since: float) -> float:
        """The longest loop lag (seconds) recorded at or after the monotonic time `since` (0 when none was long)."""
        return max((lag for at, lag in self.stalls if at >= since), default=0.0)

    async def _sample_forever(self) -> None:
        while True:
            asked = time.monotonic()
            await asyncio.sleep(SAMPLE_S)
            now = time.monotonic()
            lag = max(0.0, now - asked - SAMPLE_S)
            LOOP_LAG.observe(lag)
            if lag >= STALL_S:
                self.stalls.append((now, lag))
            if lag >= STALL_S or now >= self._next_gauge:  # the window's maximum, recomputed once a second
                LOOP_LAG_LONGEST.set(max(lag, self.longest_stall_since(now - WINDOW_S)))
                self._next_gauge = now + 1.0

    def _time_collection(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
            return
        took = time.perf_counter() - self._gc_started
        generation = int(info.get("generation", -1))
        GC_PAUSE.labels(generation=str(generation)).observe(took)
        self.collections.append((time.monotonic(), generation, took))

    def start(self) -> None:
        """Start sampling in the running loop and time every collection (twice is once)."""
        if self._time_collection not in gc.callbacks:
            gc.callbacks.append(self._time_collection)
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._sample_forever(), name="loop-lag probe")

    async def stop(self) -> None:
        """Stop sampling and timing (a test's app, or the process, ends)."""
        with contextlib.suppress(ValueError):
            gc.callbacks.remove(self._time_collection)
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None


PROBES = Probes()  # one per process: the loop and the collector are the process's own
