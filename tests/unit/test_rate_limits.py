"""The limiter's sliding window, in this process: counts, refusals, when to try again, one note per lockout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.limits import Limit, Limiter, address_key
from domain.limits.window import estimate

FIVE = Limit("test_five", 5, timedelta(minutes=15))
# A window start, so the tests below know exactly how much of the previous window still counts.
START = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)


async def hits(limiter: Limiter, n: int, key: str = "k", at: datetime = START) -> list[bool]:
    return [(await limiter.hit(FIVE, key, now=at)).allowed for _ in range(n)]


async def test_five_attempts_fit_and_the_sixth_is_refused_until_the_window_has_moved_on() -> None:
    limiter = Limiter()
    assert await hits(limiter, 5) == [True] * 5
    assert (await limiter.check(FIVE, "k", now=START)).locked
    sixth = await limiter.hit(FIVE, "k", now=START)
    assert not sixth.allowed and sixth.retry_at is not None
    # Six in this window: in the next one they count by the share of this window still inside the last 15 minutes.
    assert START + timedelta(minutes=15) < sixth.retry_at <= START + timedelta(minutes=18)
    assert (await limiter.check(FIVE, "k", now=sixth.retry_at - timedelta(seconds=2))).locked
    assert (await limiter.check(FIVE, "k", now=sixth.retry_at)).allowed


async def test_the_attempt_that_takes_the_last_place_fits_but_locks() -> None:
    limiter = Limiter()
    await hits(limiter, 4)
    fifth = await limiter.hit(FIVE, "k", now=START)
    assert fifth.allowed and fifth.locked


async def test_the_previous_window_counts_by_its_share_still_inside_so_a_boundary_gives_no_double_burst() -> None:
    limiter = Limiter()
    await hits(limiter, 5, at=START + timedelta(minutes=14))
    one_minute_later = START + timedelta(minutes=15)  # a new window, but the five were a minute ago
    assert not (await limiter.hit(FIVE, "k", now=one_minute_later)).allowed
    assert estimate(FIVE, START + timedelta(minutes=15 + 12), 5, 1) == pytest.approx(5 * 0.2 + 1)
    assert (await limiter.hit(FIVE, "k", now=START + timedelta(minutes=15 + 12))).allowed


async def test_keys_count_apart_and_a_check_counts_nothing() -> None:
    limiter = Limiter()
    await hits(limiter, 5, key="a")
    for _ in range(20):
        assert (await limiter.check(FIVE, "b", now=START)).allowed
    assert (await limiter.hit(FIVE, "b", now=START)).allowed


async def test_a_lockout_is_noted_once_until_it_ends() -> None:
    limiter = Limiter()
    await hits(limiter, 5)
    refusals = [await limiter.hit(FIVE, "k", now=START + timedelta(seconds=i)) for i in range(100)]
    firsts = [await limiter.first_refusal(FIVE, "k", v, now=START + timedelta(seconds=i))
              for i, v in enumerate(refusals)]
    assert firsts == [True] + [False] * 99
    later = START + timedelta(hours=1)
    await hits(limiter, 6, at=later)
    verdict = await limiter.hit(FIVE, "k", now=later)
    assert await limiter.first_refusal(FIVE, "k", verdict, now=later)  # a new lockout, a new note


async def test_a_reset_forgets_every_counter() -> None:
    limiter = Limiter()
    await hits(limiter, 6)
    limiter.reset()
    assert (await limiter.check(FIVE, "k", now=START)).allowed


def test_an_ipv6_address_counts_by_its_64_and_an_ipv4_address_by_itself() -> None:
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key(" 10.0.0.7 ") == "10.0.0.7"
    assert address_key("") == "unknown"
