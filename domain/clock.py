"""Time: stored in UTC, shown in Europe/Copenhagen, injected where it matters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def today_local(now: datetime | None = None) -> date:
    """Today's date in Copenhagen."""
    return (now or utcnow()).astimezone(COPENHAGEN).date()


def age_on(birth_date: date, on: date) -> int:
    """Whole years between a birth date and a day."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def start_of_local_day(now: datetime | None = None) -> datetime:
    """Midnight in Copenhagen today, as an aware datetime."""
    local = (now or utcnow()).astimezone(COPENHAGEN)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
