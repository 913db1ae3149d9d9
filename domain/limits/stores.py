"""Where the counters live: a dict in this process, or Redis (INCR + EXPIRE) shared by every process of a cluster."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

MAX_KEYS = 100_000  # an in-process store under a spread-out attack forgets its oldest counters rather than grow


class Store(Protocol):
    """Counters per key that vanish at a given moment, and markers set once."""

    async def add(self, key: str, previous_key: str, *, expires: datetime, now: datetime) -> tuple[int, int]:
        """Count one more under `key`; return (previous window's count, this window's count including this one)."""
        ...

    async def read(self, key: str, previous_key: str) -> tuple[int, int]:
        """The (previous, current) counts without counting."""
        ...

    async def mark(self, key: str, *, until: datetime, now: datetime) -> bool:
        """Set a marker until a moment; True only for the caller that set it (not while it is already set)."""
        ...


class MemoryStore:
    """Counters in a dict with their expiry by Sammen's clock: one process's view only."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[int, datetime]] = {}

    def _live(self, key: str, now: datetime | None = None) -> int:
        value, expires = self._values.get(key, (0, None))
        if expires is None or (now is not None and expires <= now):
            return 0
        return value

    async def add(self, key: str, previous_key: str, *, expires: datetime, now: datetime) -> tuple[int, int]:
        """Count one more under `key`."""
        current = self._live(key, now) + 1
        self._values[key] = (current, expires)
        self._trim(now)
        return self._live(previous_key, now), current

    async def read(self, key: str, previous_key: str) -> tuple[int, int]:
        """The counts as they stand (an expired window is a new window's key anyway)."""
        return self._live(previous_key), self._live(key)

    async def mark(self, key: str, *, until: datetime, now: datetime) -> bool:
        """Set a marker unless a live one is there."""
        if self._live(key, now):
            return False
        self._values[key] = (1, until)
        self._trim(now)
        return True

    def clear(self) -> None:
        """Forget every counter (a test's fresh start)."""
        self._values.clear()

    def _trim(self, now: datetime) -> None:
        if len(self._values) <= MAX_KEYS:
            return
        for key in [k for k, (_, expires) in self._values.items() if expires <= now]:
            del self._values[key]
        while len(self._values) > MAX_KEYS:  # dicts keep insertion order: the oldest counters go first
            del self._values[next(iter(self._values))]


def _ttl(until: datetime, now: datetime) -> int:
    return max(1, int((until - now) / timedelta(seconds=1)) + 1)


class RedisStore:
    """Counters in Redis: INCR and EXPIRE in one round trip, so every process of a cluster counts together."""

    CONNECT_TIMEOUT = READ_TIMEOUT = 0.5  # seconds; a hanging Redis must not hold a user's request

    def __init__(self, url: str, prefix: str) -> None:
        import redis.asyncio as redis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        self.prefix = prefix
        # No retries inside redis-py: the limiter falls back to this process's own counters at once.
        self._redis: Any = redis.from_url(url, socket_connect_timeout=self.CONNECT_TIMEOUT,
                                          socket_timeout=self.READ_TIMEOUT, retry=Retry(NoBackoff(), 0))

    async def add(self, key: str, previous_key: str, *, expires: datetime, now: datetime) -> tuple[int, int]:
        """INCR this window's key (EXPIRE so it cleans itself up) and GET the previous window's."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.incr(self.prefix + key)
            pipe.expire(self.prefix + key, _ttl(expires, now))
            pipe.get(self.prefix + previous_key)
            current, _, previous = await pipe.execute()
        return int(previous or 0), int(current)

    async def read(self, key: str, previous_key: str) -> tuple[int, int]:
        """MGET both windows' counts."""
        previous, current = await self._redis.mget(self.prefix + previous_key, self.prefix + key)
        return int(previous or 0), int(current or 0)

    async def mark(self, key: str, *, until: datetime, now: datetime) -> bool:
        """SET NX EX: exactly one process of the cluster sets it."""
        return bool(await self._redis.set(self.prefix + key, "1", nx=True, ex=_ttl(until, now)))

    async def close(self) -> None:
        """Close the connections."""
        await self._redis.aclose()
