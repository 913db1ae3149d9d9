"""Events reach subscribers only after commit; across OS processes through the local Redis."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from dataclasses import dataclass

import pytest

from domain.events import Event, EventBus, committing, decode, encode
from persistence.db import transaction
from persistence.organisation import Municipality
from tests.services import EVENTS_CHANNEL


@dataclass(frozen=True)
class ThingHappened(Event):
    """A test event with a topic per institution."""

    institution_id: int
    label: str

    @property
    def topics(self) -> tuple[str, ...]:
        return (f"institution:{self.institution_id}",)


async def test_events_are_published_after_the_commit(database: str) -> None:
    local = EventBus()
    seen: list[Event] = []
    local.subscribe("institution:7", seen.append)  # type: ignore[arg-type]
    async with committing(transaction, local) as outbox:
        await Municipality.create(code="E1", name="Eventby")
        outbox.add(ThingHappened(7, "created"))
        assert seen == []  # not before the commit
    assert seen == [ThingHappened(7, "created")]
    assert local.published == 1


async def test_a_rolled_back_transaction_publishes_nothing(database: str) -> None:
    local = EventBus()
    seen: list[Event] = []
    local.subscribe("institution:7", seen.append)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError):
        async with committing(transaction, local) as outbox:
            await Municipality.create(code="E2", name="Rollbackby")
            outbox.add(ThingHappened(7, "never"))
            raise RuntimeError("boom")
    assert seen == [] and local.published == 0
    assert not await Municipality.filter(code="E2").exists()


async def test_a_cancelled_subscription_receives_nothing_more() -> None:
    local = EventBus()
    seen: list[Event] = []
    sub = local.subscribe("institution:1", seen.append)  # type: ignore[arg-type]
    await local.publish(ThingHappened(1, "a"))
    sub.cancel()
    await local.publish(ThingHappened(1, "b"))
    assert [e.label for e in seen] == ["a"]  # type: ignore[attr-defined]
    assert local.subscriber_count() == 0


async def test_a_failing_handler_does_not_stop_the_others() -> None:
    local = EventBus()
    seen: list[Event] = []

    def broken(_e: Event) -> None:
        raise ValueError("handler bug")

    local.subscribe("institution:1", broken)
    local.subscribe("institution:1", seen.append)  # type: ignore[arg-type]
    await local.publish(ThingHappened(1, "x"))
    assert len(seen) == 1


def test_events_survive_the_wire_format() -> None:
    event = ThingHappened(3, "æøå")
    assert decode(encode(event)) == event


PUBLISHER = textwrap.dedent("""
    import asyncio, sys
    sys.path.insert(0, ".")
    from domain.events import EventBus
    from tests.integration.test_events import ThingHappened

    async def main():
        bus = EventBus()
        await bus.connect_redis(sys.argv[1], sys.argv[2])
        await bus.publish(ThingHappened(42, "from another process"))
        await bus.close()

    asyncio.run(main())
""")


async def test_an_event_from_another_process_reaches_a_subscriber_here(redis_url: str) -> None:
    local = EventBus()
    received = asyncio.Event()
    seen: list[Event] = []

    def on_event(event: Event) -> None:
        seen.append(event)
        received.set()

    local.subscribe("institution:42", on_event)
    await local.connect_redis(redis_url, EVENTS_CHANNEL)
    try:
        proc = await asyncio.create_subprocess_exec(sys.executable, "-c", PUBLISHER, redis_url, EVENTS_CHANNEL)
        assert await proc.wait() == 0
        await asyncio.wait_for(received.wait(), timeout=10)
    finally:
        await local.close()
    assert seen == [ThingHappened(42, "from another process")]


async def test_a_process_does_not_receive_its_own_events_twice(redis_url: str) -> None:
    local = EventBus()
    seen: list[Event] = []
    local.subscribe("institution:5", seen.append)  # type: ignore[arg-type]
    await local.connect_redis(redis_url, EVENTS_CHANNEL)
    try:
        await local.publish(ThingHappened(5, "once"))
        await asyncio.sleep(0.3)
    finally:
        await local.close()
    assert len(seen) == 1


def test_subprocess_helper_is_importable() -> None:
    result = subprocess.run([sys.executable, "-c", "import tests.integration.test_events"], capture_output=True)
    assert result.returncode == 0, result.stderr
