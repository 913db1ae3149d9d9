"""The loop-lag probe sees a blocked loop, the collector timer sees each collection, and screens are kinds."""

from __future__ import annotations

import asyncio
import gc
import time

from ui.metrics.endpoint import KNOWN_KINDS, screen_kind
from ui.metrics.instruments import GC_PAUSE, LOOP_LAG_LONGEST
from ui.metrics.probes import Probes


async def test_a_loop_blocked_for_300_ms_is_recorded_as_a_stall_of_about_that() -> None:
    probes = Probes()
    probes.start()
    try:
        await asyncio.sleep(0.05)  # the probe has run a few quiet samples
        started = time.monotonic()
        time.sleep(0.3)  # noqa: ASYNC251 - the point: a handler that blocks the loop
        await asyncio.sleep(0.05)
        assert 0.25 <= probes.longest_stall_since(started) < 1.0
        assert probes.longest_stall_since(time.monotonic()) == 0.0
        assert LOOP_LAG_LONGEST._value.get() >= 0.25
    finally:
        await probes.stop()
    assert probes.task is None


async def test_every_collection_is_timed_with_its_generation_and_stop_ends_it() -> None:
    probes = Probes()
    probes.start()
    probes.start()  # twice is once
    try:
        before = GC_PAUSE.labels(generation="2")._sum.get()
        gc.collect()
        assert [g for _, g, _ in probes.collections][-1:] == [2]
        assert sum(1 for cb in gc.callbacks if cb == probes._time_collection) == 1
        assert GC_PAUSE.labels(generation="2")._sum.get() > before
    finally:
        await probes.stop()
    seen = len(probes.collections)
    gc.collect()
    assert len(probes.collections) == seen


def test_a_screen_is_one_of_a_few_kinds_whatever_the_route() -> None:
    assert screen_kind("/kommegaa") == "board"
    assert screen_kind("/vaegskaerm") == "wall"
    assert screen_kind("/overblik") == "parent-home"
    assert screen_kind("/beskeder/{thread_id}") == screen_kind(None) == "other-page"
    assert set(KNOWN_KINDS) == {"board", "wall", "wall-admin", "parent-home", "other-page"}
