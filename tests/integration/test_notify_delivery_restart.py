"""Delivery survives a worker killed mid-batch and shares the outbox between workers without sending twice."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from domain.notifications.delivery import CLAIM_STALE, claim_due
from persistence.db import transaction
from persistence.notifications import NotificationDelivery
from tests.clocks import TestClock
from tests.push_world import AFTERNOON, Push, enqueue, note, push_world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def push(database: str, tmp_path: Path, clock: TestClock) -> AsyncIterator[Push]:
    clock.at(AFTERNOON, ticking=False)
    async with push_world(tmp_path) as world:
        yield world


async def _worker(url: str, key_dir: Path, at: datetime, limit: int, parallel: int) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.notify_worker_run", url, str(key_dir), at.isoformat(), str(limit), str(parallel),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def _until(check: Callable[[], Awaitable[bool]], seconds: float = 60) -> None:
    for _ in range(int(seconds / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not reached in time")


async def _queue(push: Push, devices: int, notifications: int) -> None:
    for i in range(devices):
        await push.device(f"d{i}")
    await enqueue(*(note(push.world.guardian.id, f"message:{n}") for n in range(notifications)))


def _delivered_once_each(push: Push, expected: int) -> None:
    counted = Counter((r.device, r.payload["tag"]) for r in push.service.received)
    assert len(counted) == expected, "lost"
    assert set(counted.values()) == {1}, "duplicated"


async def test_a_worker_killed_in_the_middle_of_a_batch_loses_and_duplicates_nothing(
        push: Push, database: str, tmp_path: Path, clock: TestClock) -> None:
    await _queue(push, devices=30, notifications=2)  # 60 pushes
    push.service.hold_after = 25  # the 26th request is never answered: the worker is killed waiting for it
    first = await _worker(database, tmp_path, AFTERNOON, limit=100, parallel=4)
    try:
        await asyncio.wait_for(push.service.held.wait(), 120)
        # Every push the service accepted is marked sent by its own UPDATE (the remaining window: delivery.py).
        await _until(lambda: _sent_is(len(push.service.received)))
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    assert first.returncode == -signal.SIGKILL
    assert len(push.service.received) == 25
    claimed_unsent = await NotificationDelivery.filter(sent_at=None).exclude(claimed_at=None).count()
    assert claimed_unsent == 35  # the dead worker's claims: the rest of its batch

    push.service.hold_after = None
    soon = clock.at(AFTERNOON + timedelta(minutes=1), ticking=False)
    assert await claim_due(soon, 100, "eager") == []  # a fresh claim is not taken from a worker that may be alive
    later = clock.at(AFTERNOON + CLAIM_STALE + timedelta(minutes=1), ticking=False)
    second = await _worker(database, tmp_path, later, limit=100, parallel=4)
    out, err = await asyncio.wait_for(second.communicate(), 120)
    assert second.returncode == 0, err.decode()[-2000:]
    _delivered_once_each(push, 60)
    assert await NotificationDelivery.filter(sent_at=None).count() == 0


async def _sent_is(count: int) -> bool:
    return await NotificationDelivery.exclude(sent_at=None).count() == count


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
async def test_a_row_locked_by_one_worker_is_skipped_by_another(push: Push) -> None:
    await _queue(push, devices=10, notifications=1)
    locked, release = asyncio.Event(), asyncio.Event()
    held: list[int] = []

    async def other_worker() -> None:  # its own task, so its own connection and transaction
        async with transaction() as conn:
            rows = await NotificationDelivery.all().order_by("id").limit(4).select_for_update().using_db(conn)
            held.extend(r.id for r in rows)
            locked.set()
            await release.wait()

    holder = asyncio.create_task(other_worker())
    try:
        await asyncio.wait_for(locked.wait(), 10)
        jobs = await asyncio.wait_for(claim_due(AFTERNOON, 100, "me"), 10)  # SKIP LOCKED: no waiting
    finally:
        release.set()
        await holder
    assert len(jobs) == 6 and not {j.id for j in jobs} & set(held)


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
async def test_two_worker_processes_share_the_outbox_and_each_push_goes_out_once(
        push: Push, database: str, tmp_path: Path) -> None:
    await _queue(push, devices=20, notifications=3)  # 60 pushes
    push.service.gate = asyncio.Event()  # hold every push until both workers have claimed
    workers = [await _worker(database, tmp_path, AFTERNOON, limit=10, parallel=4) for _ in range(2)]
    try:
        await _until(lambda: _claimers_are(2))
        push.service.gate.set()
        results = [await asyncio.wait_for(w.communicate(), 120) for w in workers]
    finally:
        for w in workers:
            if w.returncode is None:
                w.kill()
                await w.wait()
    assert [w.returncode for w in workers] == [0, 0], [err.decode()[-1000:] for _, err in results]
    _delivered_once_each(push, 60)
    assert len(set(await NotificationDelivery.all().values_list("claimed_by", flat=True))) == 2


async def _claimers_are(count: int) -> bool:
    return len(set(await NotificationDelivery.exclude(claimed_by="").values_list("claimed_by", flat=True))) == count
