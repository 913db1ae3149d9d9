"""Danish public holidays (the holidays package, cached per year) and institutions' closing days as items."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays as holiday_tables

from domain.calendar.model import CalendarItem, ItemKind
from domain.calendar.recurrence import local_midnight


@lru_cache(maxsize=64)
def danish_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The public holidays of one year with their Danish names."""
    table = holiday_tables.country_holidays("DK", years=year, language="da")
    return tuple(sorted((day, str(name)) for day, name in table.items()))


def holidays_between(first: date, last: date) -> list[tuple[date, str]]:
    """The public holidays from one day through another."""
    return [(d, n) for year in range(first.year, last.year + 1) for d, n in danish_holidays(year) if first <= d <= last]


def holiday_items(first: date, last: date) -> list[CalendarItem]:
    """Holidays as all-day items."""
    return [CalendarItem(kind=ItemKind.HOLIDAY, key=f"holiday:{d.isoformat()}", title=name,
                         starts_at=local_midnight(d), ends_at=local_midnight(d + timedelta(days=1)), all_day=True)
            for d, name in holidays_between(first, last)]


def closing_days(raw: Iterable[object]) -> dict[date, str]:
    """Closing days from PresenceSettings.closing_days ({"day": ISO, "reason": text} or plain ISO dates)."""
    found: dict[date, str] = {}
    for entry in raw:
        text, reason = (entry.get("day"), entry.get("reason", "")) if isinstance(entry, dict) else (entry, "")
        try:
            found[date.fromisoformat(str(text))] = str(reason or "")
        except ValueError:
            continue  # a malformed entry is not worth hiding the whole calendar for
    return found


def closing_items(institution_id: int, name: str, raw: Iterable[object], first: date, last: date,
                  child_ids: tuple[int, ...] = ()) -> list[CalendarItem]:
    """An institution's closing days between two days as all-day items (titled by their reason, if any)."""
    return [CalendarItem(kind=ItemKind.CLOSING_DAY, key=f"closing:{institution_id}:{d.isoformat()}",
                         title=reason or "Lukkedag", starts_at=local_midnight(d),
                         ends_at=local_midnight(d + timedelta(days=1)), all_day=True, scope_label=name,
                         institution_id=institution_id, child_ids=child_ids)
            for d, reason in sorted(closing_days(raw).items()) if first <= d <= last]
