"""Web Push end to end against a local push service: VAPID verified, payloads decrypted, failures retried or dropped."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain.notifications.centre import Category
from domain.notifications.delivery import BACKOFF, DeliveryWorker
from persistence.notifications import NotificationDelivery, PushSubscription
from tests.clocks import TestClock
from tests.push_world import AFTERNOON, Push, enqueue, note, push_world

SECRET = "Om Oscars astma og medicin, CPR 010203-1234"


@pytest.fixture
async def push(database: str, tmp_path: Path, clock: TestClock) -> AsyncIterator[Push]:
    clock.at(AFTERNOON, ticking=False)
    async with push_world(tmp_path) as world:
        yield world


async def test_a_push_is_signed_encrypted_and_carries_nothing_sensitive(
        push: Push, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("domain", "pywebpush", "aiohttp", "py_vapid"):  # the sender's own logs (the ORM's echo of SQL aside)
        caplog.set_level(logging.DEBUG, logger=name)
    guardian = push.world.guardian.id
    _, phone = await push.device("phone")
    await enqueue(note(guardian, "message:1"),
                   note(guardian, "message:2", sensitive=True, body=SECRET,
                         title="Ny følsom besked fra Testskolen — log ind med MitID for at læse"),
                   note(guardian, "broadcast:1", category=Category.CRISIS, title="Krisebesked fra Testskolen"))
    assert await push.run(AFTERNOON) == 3
    got = {r.payload["link"]: r for r in push.service.received}
    assert got["/beskeder/message:1"].payload["body"] == "Tur i skoven fredag"
    assert got["/beskeder/message:2"].payload == {
        "title": "Ny følsom besked fra Testskolen — log ind med MitID for at læse", "body": "",
        "link": "/beskeder/message:2", "tag": got["/beskeder/message:2"].payload["tag"]}
    assert got["/beskeder/broadcast:1"].headers["urgency"] == "high"
    assert got["/beskeder/message:1"].headers["urgency"] == "normal"
    everything = json.dumps([r.payload for r in push.service.received], ensure_ascii=False)
    assert "astma" not in everything and "010203" not in everything
    assert await NotificationDelivery.filter(sent_at=AFTERNOON).count() == 3
    assert (await PushSubscription.get(id=phone)).last_used_at == AFTERNOON
    logged = caplog.text
    for private in ("astma", "010203", "Tur i skoven", "Anne Holm", "Krisebesked", "/push/phone"):
        assert private not in logged


async def test_a_subscription_the_service_calls_gone_is_deleted_and_the_others_still_get_theirs(push: Push) -> None:
    guardian = push.world.guardian.id
    _, old = await push.device("old")
    await push.device("new")
    push.service.answers["old"] = [410]
    await enqueue(note(guardian, "message:1"))
    await push.run(AFTERNOON)
    assert not await PushSubscription.filter(id=old).exists()
    assert push.service.count("new") == 1
    assert await NotificationDelivery.get(device_id=old).values_list("failed", "error") == (True, "gone")


async def test_a_404_also_means_gone_and_queued_pushes_for_that_device_go_with_it(push: Push) -> None:
    guardian = push.world.guardian.id
    _, old = await push.device("old")
    push.service.answers["old"] = [404]
    await enqueue(note(guardian, "message:1"))
    await push.run(AFTERNOON)
    await enqueue(note(guardian, "message:2"))  # none queued: the device is gone
    assert await NotificationDelivery.filter(device_id=old, sent_at=None, failed=False).count() == 0
    assert push.service.received == []


async def test_a_failing_or_slow_service_is_retried_with_back_off_and_the_rest_of_the_batch_goes_out(
        push: Push, clock: TestClock) -> None:
    guardian = push.world.guardian.id
    for name in ("busy", "slow", "fine", "limited"):
        await push.device(name)
    push.service.answers.update({"busy": [500], "slow": ["timeout"], "limited": [429]})
    await enqueue(note(guardian, "message:1"))
    assert await push.run(AFTERNOON) == 4
    assert [r.device for r in push.service.received] == ["fine"]
    waiting = await NotificationDelivery.filter(sent_at=None).order_by("id").values_list(
        "attempts", "due_at", "failed", "error", "claimed_at")
    assert [(a, d, f, c) for a, d, f, _, c in waiting] == [(1, AFTERNOON + BACKOFF[0], False, None)] * 3
    assert sorted(e for *_, e, _ in waiting) == ["http_429", "http_500", "timeout"]
    assert await push.run(AFTERNOON + timedelta(seconds=30)) == 0  # not before the back-off
    later = clock.at(AFTERNOON + BACKOFF[0], ticking=False)
    assert await push.run(later) == 3
    assert sorted(r.device for r in push.service.received) == ["busy", "fine", "limited", "slow"]
    assert await NotificationDelivery.filter(sent_at=None).count() == 0


async def test_a_push_that_keeps_failing_is_given_up_after_the_last_back_off(push: Push, clock: TestClock) -> None:
    await push.device("broken")
    push.service.answers["broken"] = [500] * 10
    await enqueue(note(push.world.guardian.id, "message:1"))
    at = AFTERNOON
    for wait in (timedelta(0), *BACKOFF):
        at = clock.at(at + wait, ticking=False)
        assert await push.run(at) == 1
    row = await NotificationDelivery.get()
    assert (row.attempts, row.failed, row.error, row.sent_at) == (4, True, "http_500", None)
    assert await push.run(at + timedelta(days=1)) == 0


async def test_a_device_removed_while_its_push_waits_is_skipped(push: Push) -> None:
    guardian = push.world.guardian.id
    _, phone = await push.device("phone")
    await push.device("tablet")
    await enqueue(note(guardian, "message:1"))
    await PushSubscription.filter(id=phone).delete()
    assert await push.run(AFTERNOON) == 2
    assert [r.device for r in push.service.received] == ["tablet"]
    assert await NotificationDelivery.get(device_id=phone).values_list("failed", "error") == (True, "device_removed")


async def test_a_push_held_by_quiet_hours_goes_out_when_they_end(push: Push, clock: TestClock) -> None:
    late = clock.at(datetime(2026, 12, 7, 22, 30, tzinfo=UTC), ticking=False)  # 23:30 in Copenhagen
    await push.device("phone")
    await enqueue(note(push.world.guardian.id, "message:1"), now=late)
    assert await push.run(late) == 0
    morning = clock.at(datetime(2026, 12, 8, 6, 0, tzinfo=UTC), ticking=False)  # 07:00 in Copenhagen
    assert await push.run(morning) == 1
    assert push.service.count("phone") == 1


async def test_the_worker_runs_by_itself_wakes_up_when_told_and_closes_its_connections_when_stopped(
        push: Push) -> None:
    await push.device("phone")
    worker = DeliveryWorker({"push": push.sender}, interval=60)  # only a wake-up can make it look again soon
    task = worker.start()
    try:
        await asyncio.sleep(0.2)  # its first pass found nothing due
        await enqueue(note(push.world.guardian.id, "message:1"))
        worker.wake()
        await _until(lambda: push.service.count("phone") == 1)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert push.sender._session is None  # the connection pool was closed with the worker


async def _until(check: Callable[[], bool], seconds: float = 30) -> None:
    for _ in range(int(seconds / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not reached in time")


async def test_a_foreign_subscription_or_a_broken_key_fails_alone(push: Push) -> None:
    guardian = push.world.guardian.id
    _, foreign = await push.device("foreign")  # made for another site's key: the service refuses our signature
    push.service.answers["foreign"] = [403]
    _, broken = await push.device("broken")
    await PushSubscription.filter(id=broken).update(p256dh="not-a-key")
    await push.device("fine")
    await enqueue(note(guardian, "message:1"))
    assert await push.run(AFTERNOON) == 3
    assert [r.device for r in push.service.received] == ["fine"]
    failed = dict(await NotificationDelivery.filter(failed=True).values_list("device_id", "error"))
    assert failed[foreign] == "http_403" and failed[broken]  # given up at once: retrying cannot help
    assert await PushSubscription.filter(id__in=[foreign, broken]).count() == 2  # kept: only 404/410 mean gone
