"""Time: stored in UTC, shown in Europe/Copenhagen; the one module that reads the machine's clock."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass
class _Setting:
    """How this process's "now" relates to the machine's clock: shifted by an offset, or standing still."""

    offset: timedelta = timedelta(0)
    frozen: datetime | None = None


# The process's one clock (set by a test or a tool, never per user): every business decision reads it.
_setting = _Setting()


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    if _setting.frozen is not None:
        return _setting.frozen
    return datetime.now(UTC) + _setting.offset


def set_now(instant: datetime, *, ticking: bool = True) -> None:
    """From now on the clock reads `instant` and runs on from it (ticking) or stands still there."""
    if instant.tzinfo is None:
        raise ValueError("the clock needs an aware datetime")
    if ticking:
        _setting.frozen, _setting.offset = None, instant - datetime.now(UTC)
    else:
        _setting.frozen, _setting.offset = instant.astimezone(UTC), timedelta(0)


def advance(delta: timedelta) -> None:
    """Move the clock on (or back) by `delta`, keeping it ticking or still as it was."""
    if _setting.frozen is not None:
        _setting.frozen += delta
    else:
        _setting.offset += delta


def reset() -> None:
    """Back to the machine's own clock."""
    _setting.frozen, _setting.offset = None, timedelta(0)


def parse_instant(text: str) -> datetime:
    """An ISO time; without an offset it is read in Copenhagen ("2026-12-06T14:00")."""
    instant = datetime.fromisoformat(text.strip())
    return instant if instant.tzinfo else instant.replace(tzinfo=COPENHAGEN)


def protocol_seconds() -> float:
    """Seconds since the epoch by the machine's clock, for tokens that other software checks against its own clock."""
    return time.time()


def today_local(now: datetime | None = None) -> date:
    """Today's date in Copenhagen."""
    return (now or utcnow()).astimezone(COPENHAGEN).date()


def age_on(birth_date: date, on: date) -> int:
    """Whole years between a birth date and a day."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def day_start(day: date) -> datetime:
    """The first moment of a Copenhagen day, in UTC.

    In UTC because SQLite holds timestamps as UTC text and compares a bound as text: "2026-12-07 00:00+01:00" sorts
    after "2026-12-06 23:30+00:00", so a local bound misses the first hour of the day.
    """
    return datetime.combine(day, datetime.min.time(), tzinfo=COPENHAGEN).astimezone(UTC)


def start_of_local_day(now: datetime | None = None) -> datetime:
    """Midnight in Copenhagen today, in UTC."""
    return day_start(today_local(now))
