"""The length of each full garbage collection in a benchmark's server process: the longest pauses it has."""

from __future__ import annotations

import gc
import time

_started: list[float] = []
pauses: list[float] = []  # seconds of each full (generation 2) collection since the process started


def _time_full_collections(phase: str, info: dict[str, int]) -> None:
    if info.get("generation") != 2:
        return
    if phase == "start":
        _started[:] = [time.perf_counter()]
    elif _started:
        pauses.append(time.perf_counter() - _started[0])


def start_timing() -> None:
    """Time every full collection from now on (once per process)."""
    if _time_full_collections not in gc.callbacks:
        gc.callbacks.append(_time_full_collections)
