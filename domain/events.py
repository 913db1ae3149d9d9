"""The event bus: typed events, published after commit, in-process or across processes by Redis."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar

log = logging.getLogger(__name__)

Handler = Callable[["Event"], Awaitable[None] | None]
E = TypeVar("E", bound="Event")
_REGISTRY: dict[str, type[Event]] = {}
# Several Sammen installations (or parallel test workers) can share one Redis, each on its own channel.
CHANNEL = os.environ.get("SAMMEN_EVENTS_CHANNEL", "sammen:events")


@dataclasses.dataclass(frozen=True)
class Event:
    """A past-tense fact; subclasses name their topic (for example an institution)."""

    kind: ClassVar[str] = "event"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind = cls.__name__
        _REGISTRY[cls.__name__] = cls

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics a page can subscribe to for this event."""
        return ("all",)


def encode(event: Event) -> str:
    """JSON for the wire: the class name and the fields."""
    fields = {f.name: _plain(getattr(event, f.name)) for f in dataclasses.fields(event)}
    return json.dumps({"kind": event.kind, "fields": fields})


def decode(payload: str | bytes) -> Event:
    """The event a JSON payload describes (only registered event classes)."""
    data = json.loads(payload)
    cls = _REGISTRY[data["kind"]]
    hints = {f.name: f.type for f in dataclasses.fields(cls)}
    values = {k: _typed(v, str(hints.get(k, ""))) for k, v in data["fields"].items()}
    return cls(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    return value


def _typed(value: Any, hint: str) -> Any:
    if isinstance(value, str) and "datetime" in hint:
        return datetime.fromisoformat(value)
    if isinstance(value, str) and "date" in hint:
        return date.fromisoformat(value)
    if isinstance(value, list) and "tuple" in hint:
        return tuple(value)
    if isinstance(value, list) and "frozenset" in hint:
        return frozenset(value)
    return value


class Subscription:
    """A handle that stops delivery to one handler."""

    def __init__(self, bus: EventBus, topic: str, handler: Handler) -> None:
        self._bus, self.topic, self.handler = bus, topic, handler

    def cancel(self) -> None:
        """Stop delivering events to this handler."""
        self._bus._remove(self)


class EventBus:
    """Fan-out of committed events to subscribers, here and (with a bridge) in other processes."""

    def __init__(self) -> None:
        self._subs: dict[str, list[Subscription]] = defaultdict(list)
        self.origin = uuid.uuid4().hex
        self._bridge: RedisBridge | None = None
        self.published: int = 0

    def subscribe(self, topic: str, handler: Handler) -> Subscription:
        """Deliver events on a topic to a handler until the subscription is cancelled."""
        sub = Subscription(self, topic, handler)
        self._subs[topic].append(sub)
        return sub

    def subscriber_count(self, topic: str | None = None) -> int:
        """How many handlers listen (on one topic, or in all)."""
        if topic is not None:
            return len(self._subs.get(topic, []))
        return sum(len(v) for v in self._subs.values())

    def clear(self) -> None:
        """Drop every subscription (for test isolation: NiceGUI's test reset skips client delete handlers)."""
        self._subs.clear()

    def _remove(self, sub: Subscription) -> None:
        subs = self._subs.get(sub.topic, [])
        if sub in subs:
            subs.remove(sub)
        if not subs:
            self._subs.pop(sub.topic, None)

    async def publish(self, event: Event) -> None:
        """Deliver to local subscribers and hand the event to the bridge for other processes."""
        self.published += 1
        await self.deliver_locally(event)
        if self._bridge is not None:
            await self._bridge.send(event)

    async def deliver_locally(self, event: Event) -> None:
        """Call each local handler; one failing handler does not stop the others."""
        for topic in event.topics:
            for sub in list(self._subs.get(topic, [])):
                try:
                    result = sub.handler(event)
                    if asyncio.iscoroutine(result):
                        await result
                except Exception:
                    log.exception("event handler failed for %s", event.kind)

    async def connect_redis(self, url: str) -> None:
        """Carry events to and from every other Sammen process through Redis pub/sub."""
        self._bridge = RedisBridge(self, url)
        await self._bridge.start()

    async def close(self) -> None:
        """Stop the bridge, if any."""
        if self._bridge is not None:
            await self._bridge.stop()
            self._bridge = None


class RedisBridge:
    """Publishes local events to a Redis channel and delivers other processes' events here."""

    def __init__(self, bus: EventBus, url: str) -> None:
        self._bus, self._url = bus, url
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    async def start(self) -> None:
        """Connect, subscribe, and listen in the background."""
        import redis.asyncio as redis

        self._redis = redis.from_url(self._url)
        self._pubsub = self._redis.pubsub()
        self._channel = CHANNEL
        await self._pubsub.subscribe(self._channel)
        self._task = asyncio.create_task(self._listen())

    async def send(self, event: Event) -> None:
        """Publish one event, marked with this process's origin."""
        await self._redis.publish(self._channel, json.dumps({"origin": self._bus.origin, "event": encode(event)}))

    async def _listen(self) -> None:
        async for message in self._pubsub.listen():
            if message.get("type") != "message":
                continue
            try:
                envelope = json.loads(message["data"])
                if envelope["origin"] == self._bus.origin:
                    continue
                await self._bus.deliver_locally(decode(envelope["event"]))
            except Exception:
                log.exception("could not deliver an event from another process")

    async def stop(self) -> None:
        """Unsubscribe and close the connection."""
        if self._task is not None:
            self._task.cancel()
        await self._pubsub.aclose()
        await self._redis.aclose()


bus = EventBus()


class Outbox:
    """Events a use case records inside its transaction, published only once it commits."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, event: Event) -> None:
        """Record an event to publish after commit."""
        self.events.append(event)


@asynccontextmanager
async def committing(transaction: Callable[[], Any], target: EventBus | None = None) -> AsyncIterator[Outbox]:
    """Run a block in a transaction; publish its recorded events only after the commit succeeded."""
    outbox = Outbox()
    async with transaction():
        yield outbox
    for event in outbox.events:
        await (target or bus).publish(event)
