"""The event bus: typed events, published after commit, in-process or across processes by Redis."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
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
DEFAULT_CHANNEL = "sammen:events"


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
        """Stop delivering events to this handler, and let go of it."""
        self._bus._remove(self)
        # A page often keeps its own subscriptions while its handler is its own method: a cycle that kept a closed
        # board alive until a full collection. A cancelled subscription never delivers again.
        self.handler = _ignore


def _ignore(_: Event) -> None:
    """What a cancelled subscription delivers to: nothing."""


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
        """Deliver to local subscribers and hand the event to the bridge for other processes (never fails on Redis)."""
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

    async def connect_redis(self, url: str, channel: str | None = None) -> None:
        """Carry events to and from every other Sammen process through Redis pub/sub (Redis may come later)."""
        self._bridge = RedisBridge(self, url, channel)
        await self._bridge.start()

    def bridge_state(self) -> str:
        """'off' without Redis, else 'connected' or 'reconnecting' (events then reach this process only)."""
        return "off" if self._bridge is None else self._bridge.state

    async def close(self) -> None:
        """Stop the bridge, if any."""
        if self._bridge is not None:
            await self._bridge.stop()
            self._bridge = None


class RedisBridge:
    """Carries events through a Redis channel; survives Redis outages by reconnecting, never failing a publish.

    While Redis is unreachable, events reach this process's subscribers only (pub/sub stores nothing, so the
    other processes miss them); the listener retries with backoff, resubscribes, and sending resumes.
    """

    CONNECT_TIMEOUT = 0.5  # seconds; a refused or unrouted Redis must not hold a user's request
    READ_TIMEOUT = 1.0
    FIRST_RETRY, MAX_RETRY = 0.5, 5.0  # backoff between reconnect attempts, doubling
    PING_EVERY = 5.0  # an idle subscription is pinged, so a silently dead connection is noticed

    def __init__(self, bus: EventBus, url: str, channel: str | None = None) -> None:
        self._bus, self._url = bus, url
        self._channel = channel or DEFAULT_CHANNEL
        self._task: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()
        self._up = self._warned = self._stopping = False

    @property
    def state(self) -> str:
        """'connected' while events cross processes, otherwise 'reconnecting'."""
        return "connected" if self._up else "reconnecting"

    async def start(self) -> None:
        """Listen in the background; wait for the first attempt only, so a process starts without Redis."""
        import redis.asyncio as redis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        # No retries inside redis-py: the listener owns reconnecting, and a send must fail fast.
        self._redis = redis.from_url(
            self._url, socket_connect_timeout=self.CONNECT_TIMEOUT, socket_timeout=self.READ_TIMEOUT,
            retry=Retry(NoBackoff(), 0),
        )
        self._task = asyncio.create_task(self._run())
        await self._first_attempt.wait()

    async def send(self, event: Event) -> None:
        """Publish one event, marked with this process's origin; skipped while Redis is down, never raises."""
        if not self._up:
            return
        try:
            await self._redis.publish(self._channel, json.dumps({"origin": self._bus.origin, "event": encode(event)}))
        except Exception as exc:  # noqa: BLE001 - the write committed; Redis trouble must not reach the user
            self._down(exc)

    async def _run(self) -> None:
        delay = self.FIRST_RETRY
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(self._channel)
                await self._redis.ping()  # the sending connection works too
                self._back()
                delay = self.FIRST_RETRY
                self._first_attempt.set()
                await self._listen(pubsub)
            except Exception as exc:  # noqa: BLE001 - whatever broke, the answer is to reconnect later
                self._down(exc)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
            self._first_attempt.set()
            if self._stopping:
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.MAX_RETRY)

    async def _listen(self, pubsub: Any) -> None:
        awaiting_pong = False
        while True:
            message = await pubsub.get_message(timeout=self.PING_EVERY)
            if message is None:
                if awaiting_pong:
                    raise ConnectionError("Redis did not answer a ping")
                await pubsub.ping()
                awaiting_pong = True
                if not self._up:  # a send failed while the subscription lived: check the sending side again
                    await self._redis.ping()
                    self._back()
                continue
            awaiting_pong = False
            if message.get("type") == "message":
                await self._receive(message["data"])

    async def _receive(self, data: bytes) -> None:
        try:
            envelope = json.loads(data)
            if envelope["origin"] != self._bus.origin:
                await self._bus.deliver_locally(decode(envelope["event"]))
        except Exception:
            log.exception("could not deliver an event from another process")

    def _down(self, exc: BaseException) -> None:
        self._up = False
        if not self._warned:  # once per outage; the event itself is never logged
            self._warned = True
            log.warning("Redis event bridge down (%s): events stay in this process; reconnecting",
                        type(exc).__name__)

    def _back(self) -> None:
        if not self._up and self._warned:
            log.warning("Redis event bridge back: events cross processes again")
        self._up, self._warned = True, False

    async def stop(self) -> None:
        """Stop listening and close the connections."""
        self._up, self._stopping = False, True
        # A cancel that lands as a socket timeout fires is turned into TimeoutError inside redis-py: cancel again.
        while self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.wait([self._task], timeout=self.CONNECT_TIMEOUT)
        with contextlib.suppress(Exception):
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
