"""Redis going away never fails a publish; events cross processes again once Redis is back (cut through a proxy)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from domain.events import Event, EventBus, RedisBridge, bus, committing
from domain.health import health
from persistence.db import transaction
from persistence.organisation import Municipality
from tests.tcp_proxy import TcpProxy


@dataclass(frozen=True)
class OutageProbe(Event):
    """A test event with a topic per institution (a name of its own: the registry is keyed by class name)."""

    institution_id: int
    label: str

    @property
    def topics(self) -> tuple[str, ...]:
        return (f"institution:{self.institution_id}",)


DEADLINE = 20.0  # seconds; reconnecting waits at most MAX_RETRY between attempts, so this is generous


@pytest.fixture
async def proxy(redis_url: str) -> AsyncIterator[TcpProxy]:
    """A proxy in front of the real Redis: cutting it never touches Redis itself."""
    tcp = await TcpProxy.in_front_of(redis_url)
    try:
        yield tcp
    finally:
        await tcp.close()


@pytest.fixture
def channel() -> str:
    """A channel of this test's own, so parallel runs and other tests' events never mix in."""
    return f"sammen:test-outage:{uuid.uuid4().hex}"


@pytest.fixture(autouse=True)
def quick_ping(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ping an idle subscription every second, so a hanging Redis is noticed within the test's deadline."""
    monkeypatch.setattr(RedisBridge, "PING_EVERY", 1.0)


async def two_processes(proxy: TcpProxy, channel: str) -> tuple[EventBus, EventBus, list[Event]]:
    """Bus A and bus B bridged through the proxy; B records what reaches it on institution 1."""
    a, b = EventBus(), EventBus()
    seen: list[Event] = []
    b.subscribe("institution:1", seen.append)  # type: ignore[arg-type]
    await a.connect_redis(proxy.url, channel)
    await b.connect_redis(proxy.url, channel)
    return a, b, seen


async def until_b_receives(a: EventBus, seen: list[Event], label: str) -> None:
    """Publish from A until B has an event with this label (the bridges may still be reconnecting)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE
    while not any(e.label == label for e in seen):  # type: ignore[attr-defined]
        assert loop.time() < deadline, f"B did not receive {label!r} within {DEADLINE} s"
        await a.publish(OutageProbe(1, label))
        await asyncio.sleep(0.1)


async def until_state(target: EventBus, state: str) -> None:
    """Wait until a bus's bridge reports a state."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE
    while target.bridge_state() != state:
        assert loop.time() < deadline, f"bridge stayed {target.bridge_state()!r}, never {state!r}"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("hang", [False, True], ids=["refused", "silent"])
async def test_publish_survives_a_cut_and_events_flow_again_after_restore(
        proxy: TcpProxy, channel: str, hang: bool, caplog: pytest.LogCaptureFixture) -> None:
    a, b, seen = await two_processes(proxy, channel)
    local: list[Event] = []
    a.subscribe("institution:1", local.append)  # type: ignore[arg-type]
    try:
        await until_b_receives(a, seen, "before")
        assert a.bridge_state() == b.bridge_state() == "connected"

        await proxy.cut(hang=hang)
        with caplog.at_level(logging.WARNING, logger="domain.events"):
            for i in range(20):
                await asyncio.wait_for(a.publish(OutageProbe(1, f"secret-{i}")), timeout=10)
        assert [e.label for e in local[-20:]] == [f"secret-{i}" for i in range(20)]  # type: ignore[attr-defined]
        await until_state(a, "reconnecting")
        await until_state(b, "reconnecting")
        warnings = [r for r in caplog.records if r.name == "domain.events"]
        assert len(warnings) == 2, "one warning per bus (A and B) for the outage, not one per event"
        assert "secret" not in caplog.text and "institution" not in caplog.text

        await proxy.restore()
        await until_b_receives(a, seen, "after")
        assert a.bridge_state() == b.bridge_state() == "connected"
    finally:
        await a.close()
        await b.close()


async def test_a_bus_started_while_redis_is_unreachable_works_locally_and_joins_later(
        proxy: TcpProxy, channel: str) -> None:
    await proxy.cut()
    a, b, seen = await asyncio.wait_for(two_processes(proxy, channel), timeout=10)
    local: list[Event] = []
    a.subscribe("institution:1", local.append)  # type: ignore[arg-type]
    try:
        assert a.bridge_state() == b.bridge_state() == "reconnecting"
        await asyncio.wait_for(a.publish(OutageProbe(1, "alone")), timeout=10)
        assert [e.label for e in local] == ["alone"]  # type: ignore[attr-defined]
        assert seen == []

        await proxy.restore()
        await until_b_receives(a, seen, "joined")
    finally:
        await a.close()
        await b.close()


async def test_a_committed_write_does_not_fail_when_redis_is_down(
        database: str, proxy: TcpProxy, channel: str) -> None:
    a = EventBus()
    await a.connect_redis(proxy.url, channel)
    try:
        await proxy.cut()
        async with committing(transaction, a) as outbox:
            await Municipality.create(code="R1", name="Redisløs")
            outbox.add(OutageProbe(1, "committed"))
        assert a.published == 1
        assert await Municipality.filter(code="R1").exists()
    finally:
        await a.close()


async def test_health_reports_the_bridge_and_stays_ok_without_redis(
        database: str, proxy: TcpProxy, channel: str) -> None:
    ok, body = await health()
    assert ok and body["events"] == {"status": "off"}
    await bus.connect_redis(proxy.url, channel)
    try:
        ok, body = await health()
        assert ok and body["events"] == {"status": "connected"}
        await proxy.cut()
        await until_state(bus, "reconnecting")
        ok, body = await health()
        assert ok and body["status"] == "ok" and body["events"] == {"status": "reconnecting"}
        await proxy.restore()
        await until_state(bus, "connected")
    finally:
        await bus.close()
    assert bus.bridge_state() == "off"
