"""How late this process's event loop runs its timers: the signal that it is overloaded."""

from __future__ import annotations

import asyncio
import time

TICK_SECONDS = 0.05


class LoopLag:
    """A ticker that notes how much later than asked each 50 ms sleep woke up (started by its first reader)."""

    def __init__(self) -> None:
        self.lag_s = 0.0
        self._task: asyncio.Task[None] | None = None

    def current(self) -> float:
        """The lag of the last tick in seconds (0 until the ticker has run once)."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._tick())
        return self.lag_s

    async def _tick(self) -> None:
        while True:
            asked = time.monotonic() + TICK_SECONDS
            await asyncio.sleep(TICK_SECONDS)
            self.lag_s = max(0.0, time.monotonic() - asked)


loop_lag = LoopLag()
