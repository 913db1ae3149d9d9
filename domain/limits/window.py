"""The sliding-window estimate: this window's count plus the previous window's, weighted by how much still overlaps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Limit:
    """At most `count` attempts per `window`, under a name that keeps its counters apart from other limits'."""

    name: str
    count: int
    window: timedelta

    @property
    def seconds(self) -> int:
        """The window in whole seconds (at least one)."""
        return max(1, int(self.window.total_seconds()))


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may go ahead, and when there is room for the next one (None: there is room now)."""

    allowed: bool
    retry_at: datetime | None = None

    @property
    def locked(self) -> bool:
        """No room for another attempt until retry_at."""
        return self.retry_at is not None


def window_start(limit: Limit, now: datetime) -> int:
    """The start of the window `now` falls in, in epoch seconds (part of the counter's key, so tests choose it)."""
    return int(now.timestamp()) // limit.seconds * limit.seconds


def estimate(limit: Limit, now: datetime, previous: int, current: int) -> float:
    """Attempts in the last window's length: the previous window counts by the share of it still inside."""
    elapsed = now.timestamp() - window_start(limit, now)
    return previous * max(0.0, 1 - elapsed / limit.seconds) + current


def free_at(limit: Limit, now: datetime, previous: int, current: int) -> datetime | None:
    """When the estimate drops below the limit again (room for one more attempt); None when it already is."""
    if estimate(limit, now, previous, current) < limit.count:
        return None
    start, width = window_start(limit, now), limit.seconds
    if current < limit.count:  # only the previous window's share is in the way: wait for it to shrink enough
        at = start + width * (1 - (limit.count - current) / previous)
    else:  # this window alone is full: in the next one it becomes the shrinking previous
        at = start + width + width * (1 - limit.count / current)
    return max(now, datetime.fromtimestamp(math.floor(at) + 1, UTC))


def verdict_of_check(limit: Limit, now: datetime, previous: int, current: int) -> Verdict:
    """Before an attempt, without counting it: allowed while there is room for one more."""
    retry_at = free_at(limit, now, previous, current)
    return Verdict(retry_at is None, retry_at)


def verdict_of_hit(limit: Limit, now: datetime, previous: int, current: int) -> Verdict:
    """After counting an attempt (`current` includes it): allowed if it fitted; locked if it took the last place."""
    fitted = estimate(limit, now, previous, current - 1) < limit.count
    return Verdict(fitted, free_at(limit, now, previous, current))
