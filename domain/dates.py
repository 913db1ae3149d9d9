"""Dates typed the Danish way (7.12.2026, 07.12.26, 7.12) and first/last ranges, refused with a reason."""

from __future__ import annotations

import calendar
import re
from datetime import date

from domain.errors import DomainError

# Day and month, then optionally a two- or four-digit year; spaces are ignored ("7. 12. 2026").
DANISH = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4})?)?")
# Kept so links, old bookmarks and tests that type ISO dates still work.
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
FIRST_YEAR, LAST_YEAR = 1900, 2200


def show_day(day: date) -> str:
    """A date the way a Dane writes it by hand: 7.12.2026."""
    return f"{day.day}.{day.month}.{day.year}"


def parse_danish_date(text: str | None, today: date, *, future: bool = False) -> date:
    """`7.12.2026`, `07.12.2026`, `7.12.26`, `07.12`, `7.12` or ISO `2026-12-07` as a date, or a DomainError.

    A two-digit year is in this century (26 is 2026). Without a year the day is in `today`'s year, also when that
    day has passed (a search or a past event means this year); a field for days ahead (`future`, e.g. an absence or
    a vacation) takes a day that has already passed this year as next year's, so "3.1" typed in December is January.
    The field writes the full date back when it is left, so the year chosen is always seen before anything is saved.
    """
    raw = re.sub(r"\s+", "", text or "")
    if not raw:
        raise DomainError("dates.empty")
    if match := ISO.fullmatch(raw):
        year, month, day = (int(g) for g in match.groups())
        yearless = False
    elif match := DANISH.fullmatch(raw):
        day, month = int(match[1]), int(match[2])
        yearless = not match[3]
        year = today.year if yearless else int(match[3]) + (2000 if len(match[3]) == 2 else 0)
    else:
        raise DomainError("dates.format")
    if not 1 <= month <= 12:
        raise DomainError("dates.no_month", month=month)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError("dates.year", first=FIRST_YEAR, last=LAST_YEAR)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DomainError("dates.no_day", day=day, days=calendar.monthrange(year, month)[1])
    chosen = date(year, month, day)
    return _next_year(chosen) if future and yearless and chosen < today else chosen


def _next_year(day: date) -> date:
    """The same day a year later (never another day: 29 February has none)."""
    days = calendar.monthrange(day.year + 1, day.month)[1]
    if day.day > days:
        raise DomainError("dates.no_day", day=day.day, days=days)
    return date(day.year + 1, day.month, day.day)


def check_not_past(day: date, today: date) -> date:
    """The day, unless it lies before today."""
    if day < today:
        raise DomainError("dates.past", day=show_day(day), today=show_day(today))
    return day


def check_range(first: date | None, last: date | None, today: date | None = None) -> tuple[date, date]:
    """A first and last day that make a range; with `today`, the first day may not lie before it."""
    if first is None or last is None:
        raise DomainError("dates.range.missing")
    if last < first:
        raise DomainError("dates.range.reversed", first=show_day(first), last=show_day(last))
    if today is not None:
        check_not_past(first, today)
    return first, last
