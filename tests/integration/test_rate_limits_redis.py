"""Rate limits across a cluster: two processes' limiters on one Redis share a count; without Redis, each counts."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from domain.limits import Limit, Limiter

pytestmark = pytest.mark.redis

FIVE = Limit("test_five", 5, timedelta(minutes=15))
START = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)


@pytest.fixture
async def two_instances(redis_url: str) -> AsyncIterator[tuple[Limiter, Limiter]]:
    """Two app instances' limiters on the local Redis, under a prefix of this test's own."""
    prefix = f"sammen:test:limits:{uuid.uuid4().hex}:"
    first, second = Limiter(), Limiter()
    first.use_redis(redis_url, prefix)
    second.use_redis(redis_url, prefix)
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


async def test_two_instances_share_the_count_through_redis(two_instances: tuple[Limiter, Limiter]) -> None:
    first, second = two_instances
    for limiter in (first, second, first, second):
        assert (await limiter.hit(FIVE, "10.0.0.7", now=START)).allowed
    fifth = await second.hit(FIVE, "10.0.0.7", now=START)
    assert fifth.allowed and fifth.locked  # the fifth of five, counted on two instances
    assert (await first.check(FIVE, "10.0.0.7", now=START)).locked
    assert not (await first.hit(FIVE, "10.0.0.7", now=START)).allowed
    assert first.memory._values == {} and second.memory._values == {}  # nothing was counted in-process


async def test_a_lockout_is_noted_once_by_the_whole_cluster(two_instances: tuple[Limiter, Limiter]) -> None:
    first, second = two_instances
    for _ in range(6):
        verdict = await first.hit(FIVE, "k", now=START)
    notes = [await limiter.first_refusal(FIVE, "k", verdict, now=START) for limiter in (first, second, first)]
    assert notes == [True, False, False]


async def test_the_window_comes_from_sammens_clock_so_a_test_can_move_past_it(
        two_instances: tuple[Limiter, Limiter]) -> None:
    first, second = two_instances
    for _ in range(6):
        await first.hit(FIVE, "k", now=START)
    assert (await second.check(FIVE, "k", now=START + timedelta(minutes=14))).locked
    assert (await second.check(FIVE, "k", now=START + timedelta(minutes=45))).allowed


async def test_without_redis_the_limiter_counts_in_this_process_and_no_request_fails() -> None:
    limiter = Limiter()
    limiter.use_redis("redis://127.0.0.1:1/0", "sammen:test:unreachable:")  # nothing listens on port 1
    try:
        assert [(await limiter.hit(FIVE, "k", now=START)).allowed for _ in range(6)] == [True] * 5 + [False]
    finally:
        await limiter.close()
