"""The freezer: each step collects the young and freezes the rest; the reclaim runs once a night at 03:00."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from domain import clock
from ui.freezer import Freezer
from ui.metrics.instruments import REGISTRY


@pytest.fixture
def freezer() -> Iterator[Freezer]:
    f = Freezer()
    try:
        yield f
    finally:
        gc.unfreeze()  # the rest of this worker's tests get a normal collector


class _Node:
    """An object in a reference cycle with itself, which only the cycle collector can free."""

    def __init__(self) -> None:
        self.me = self


def test_a_step_collects_young_cycles_and_freezes_what_lives(freezer: Freezer) -> None:
    kept, dead = _Node(), _Node()
    gone = weakref.ref(dead)
    del dead
    before = gc.get_freeze_count()
    freezer.step()
    assert gone() is None  # the young cycle was collected by the step
    assert gc.get_freeze_count() > before
    assert kept.me is kept


def test_a_step_never_counts_the_frozen_objects(freezer: Freezer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Counting walks every frozen object: about a second per step at 1,000 live screens (bench/morning_peak.py).
    def walk() -> int:
        raise AssertionError("a step counted the frozen generation")

    monkeypatch.setattr(gc, "get_freeze_count", walk)
    freezer.step()
    freezer.step()


def test_the_reclaim_reports_how_many_objects_are_frozen(freezer: Freezer) -> None:
    freezer.reclaim()
    assert REGISTRY.get_sample_value("sammen_gc_frozen_objects") == gc.get_freeze_count() > 0


def test_the_reclaim_finds_a_cycle_that_died_while_frozen(freezer: Freezer) -> None:
    node = _Node()
    leaked = weakref.ref(node)
    freezer.step()
    del node  # frozen while alive: reference counting cannot free it, and a normal collection does not see it
    gc.collect()
    assert leaked() is not None
    assert freezer.reclaim() >= 1
    assert leaked() is None
    assert gc.get_freeze_count() > 0


def test_the_reclaim_is_due_at_three_at_night_copenhagen_time_once(freezer: Freezer) -> None:
    try:
        clock.set_now(datetime(2026, 12, 7, 13, 0, tzinfo=UTC), ticking=False)  # 14:00 in Copenhagen
        assert not freezer.due_for_reclaim()
        clock.set_now(datetime(2026, 12, 8, 2, 10, tzinfo=UTC), ticking=False)  # 03:10 in Copenhagen
        assert freezer.due_for_reclaim()
        freezer.reclaimed_on = clock.today_local()
        assert not freezer.due_for_reclaim()
        clock.set_now(datetime(2026, 7, 9, 1, 30, tzinfo=UTC), ticking=False)  # 03:30 summer time
        assert freezer.due_for_reclaim()
    finally:
        clock.reset()


async def test_start_runs_one_task_and_stop_unfreezes(freezer: Freezer) -> None:
    freezer.start()
    task = freezer.task
    freezer.start()
    assert freezer.task is task and task is not None
    await freezer.stop()
    assert freezer.task is None and gc.get_freeze_count() == 0
