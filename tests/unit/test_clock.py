"""The one clock: a test sets it (still or ticking), moves it, and reads instants in Copenhagen time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain import clock as domain_clock
from domain.clock import parse_instant, today_local, utcnow
from tests.clocks import HARD_INSTANTS, TestClock, instant_of_the_day, run_instant


def test_an_instant_without_offset_is_copenhagen_time_on_both_sides_of_summer_time() -> None:
    assert parse_instant("2027-03-28T10:00").utcoffset() == timedelta(hours=2)
    assert parse_instant("2026-10-25T10:00").utcoffset() == timedelta(hours=1)
    assert parse_instant("2026-12-06T14:00:00+01:00") == datetime(2026, 12, 6, 13, tzinfo=UTC)


def test_a_still_clock_stands_and_moves_only_when_told(clock: TestClock) -> None:
    clock.at("2028-02-29T23:59", ticking=False)
    assert utcnow() == parse_instant("2028-02-29T23:59") and today_local().isoformat() == "2028-02-29"
    clock.advance(minutes=2)
    assert today_local().isoformat() == "2028-03-01"


def test_a_ticking_clock_runs_on_from_the_chosen_instant(clock: TestClock) -> None:
    chosen = clock.at("2026-12-31T23:30")
    assert timedelta(0) <= utcnow() - chosen < timedelta(seconds=5)
    clock.at_local(7, 30, days=1)
    assert (utcnow() - clock.start).total_seconds() > 0


def test_an_unaware_instant_is_refused() -> None:
    with pytest.raises(ValueError):
        domain_clock.set_now(datetime(2026, 12, 6, 14))  # noqa: DTZ001 - the point of the test


def test_the_suite_starts_at_sammen_test_now_when_it_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMMEN_TEST_NOW", "2026-12-07T07:30")
    assert run_instant() == parse_instant("2026-12-07T07:30")


def test_a_week_of_ci_runs_covers_every_hard_instant() -> None:
    assert {instant_of_the_day(day) for day in range(100, 107)} == {parse_instant(i).isoformat()
                                                                   for i in HARD_INSTANTS}
