"""A Copenhagen day's bounds find what happened in its first hour, on SQLite (UTC text) as on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.clock import day_start, start_of_local_day
from persistence.audit import AuditEntry
from tests.clocks import TestClock


async def test_the_first_half_hour_of_a_copenhagen_day_counts_as_that_day(database: str, clock: TestClock) -> None:
    # 00:30 on New Year's Day in Copenhagen is still New Year's Eve in UTC: the case that hid entries on SQLite.
    now = clock.at("2027-01-01T00:30", ticking=False)
    await AuditEntry.create(at=now - timedelta(minutes=20), action="test.after_midnight", outcome="allowed")
    await AuditEntry.create(at=now - timedelta(hours=1), action="test.before_midnight", outcome="allowed")
    assert start_of_local_day() == datetime(2026, 12, 31, 23, tzinfo=UTC)
    today = await AuditEntry.filter(at__gte=start_of_local_day()).values_list("action", flat=True)
    assert list(today) == ["test.after_midnight"]
    eve = await AuditEntry.filter(at__gte=day_start(date(2026, 12, 31)), at__lt=day_start(date(2027, 1, 1)))
    assert [e.action for e in eve] == ["test.before_midnight"]


def test_a_day_starts_at_local_midnight_in_summer_and_winter() -> None:
    assert day_start(date(2027, 7, 1)) == datetime(2027, 6, 30, 22, tzinfo=UTC)
    assert day_start(date(2027, 1, 1)) == datetime(2026, 12, 31, 23, tzinfo=UTC)
