"""The limiter: sliding-window counters in Redis when configured, else (and while Redis is down) in this process."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeVar

from domain.clock import protocol_seconds
from domain.limits.stores import MemoryStore, RedisStore, Store
from domain.limits.window import Limit, Verdict, verdict_of_check, verdict_of_hit, window_start

log = logging.getLogger(__name__)
T = TypeVar("T")


def address_key(address: str) -> str:
    """A client address as a limit's key: an IPv6 address by its /64, which one household or phone usually owns."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:64] or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class Limiter:
    """Counts attempts per limit and key; across the cluster through Redis when it is configured."""

    REDIS_PAUSE = 5.0  # seconds without trying Redis after it failed, so an outage costs no timeout per request

    def __init__(self) -> None:
        self.memory = MemoryStore()
        self.redis: RedisStore | None = None
        self._redis_back_at = 0.0

    def use_redis(self, url: str, prefix: str) -> None:
        """Count in Redis from now on (every process given the same URL and prefix shares the counters)."""
        self.redis = RedisStore(url, prefix)

    async def close(self) -> None:
        """Stop using Redis."""
        if self.redis is not None:
            await self.redis.close()
            self.redis = None

    def reset(self) -> None:
        """Forget this process's counters (tests start each from nothing)."""
        self.memory.clear()

    async def check(self, limit: Limit, key: str, *, now: datetime) -> Verdict:
        """Is there room for one more attempt? Counts nothing."""
        this, previous = _keys(limit, key, now)
        counts = await self._use(lambda store: store.read(this, previous))
        return verdict_of_check(limit, now, *counts)

    async def hit(self, limit: Limit, key: str, *, now: datetime) -> Verdict:
        """Count one attempt; the verdict says whether it fitted and, when no room is left, until when."""
        this, previous = _keys(limit, key, now)
        expires = datetime.fromtimestamp(window_start(limit, now), now.tzinfo) + 2 * limit.window
        counts = await self._use(lambda store: store.add(this, previous, expires=expires, now=now))
        return verdict_of_hit(limit, now, *counts)

    async def first_refusal(self, limit: Limit, key: str, verdict: Verdict, *, now: datetime) -> bool:
        """True once per lockout (until its retry time), across the cluster: for one audit row, not one per attempt."""
        until = verdict.retry_at or now + timedelta(seconds=1)
        return bool(await self._use(lambda store: store.mark(f"{limit.name}:{key}:locked", until=until, now=now)))

    async def _use(self, call: Callable[[Store], Awaitable[T]]) -> T:
        if self.redis is not None and protocol_seconds() >= self._redis_back_at:
            try:
                return await call(self.redis)
            except Exception as exc:  # noqa: BLE001 - a limit must never turn a Redis outage into an error page
                self._redis_back_at = protocol_seconds() + self.REDIS_PAUSE
                log.warning("Redis unavailable for rate limits (%s): counting in this process", type(exc).__name__)
        return await call(self.memory)


def _keys(limit: Limit, key: str, now: datetime) -> tuple[str, str]:
    start = window_start(limit, now)
    base = f"{limit.name}:{key}:"
    return base + str(start), base + str(start - limit.seconds)


limiter = Limiter()  # the process's one limiter; main.py points it at Redis when REDIS_URL is set
