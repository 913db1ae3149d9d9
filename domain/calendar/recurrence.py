"""Recurrence: RRULE texts expanded in Copenhagen local time, so 08:00 stays 08:00 across summer time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil.rrule import rrule, rrulestr

from domain.calendar.model import Repeat
from domain.clock import COPENHAGEN, day_start

INTERVALS = {Repeat.WEEKLY: 1, Repeat.BIWEEKLY: 2}


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event: aware UTC times and its local key ("2026-12-07T08:00")."""

    starts_at: datetime
    ends_at: datetime
    key: str


def local_naive(moment: datetime) -> datetime:
    """An aware moment as Copenhagen wall-clock time without a zone."""
    return moment.astimezone(COPENHAGEN).replace(tzinfo=None)


def from_local(wall: datetime) -> datetime:
    """Copenhagen wall-clock time (naive, or aware in any zone) as an aware UTC moment."""
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    return wall.replace(tzinfo=COPENHAGEN).astimezone(UTC)


def local_midnight(day: date) -> datetime:
    """The start of a local day, in UTC."""
    return day_start(day)


def end_of_local_day(day: date) -> datetime:
    """The last second of a local day, in UTC (how repeat_until is stored)."""
    return from_local(datetime.combine(day, time(23, 59, 59)))


def occurrence_key(start: datetime) -> str:
    """The local start of an occurrence as minutes-precise ISO text (how exdates are stored)."""
    return local_naive(start).isoformat(timespec="minutes")


def rule_text(repeat: Repeat, until: datetime) -> str:
    """The RFC 5545 RRULE value for a weekly or every-other-week series (UNTIL in UTC)."""
    stamp = until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    interval = INTERVALS[repeat]
    return f"FREQ=WEEKLY;INTERVAL={interval};UNTIL={stamp}" if interval > 1 else f"FREQ=WEEKLY;UNTIL={stamp}"


def repeat_of(text: str) -> Repeat:
    """Which Repeat a stored RRULE is ("" for none)."""
    if not text:
        return Repeat.NONE
    parts = dict(p.split("=", 1) for p in text.split(";") if "=" in p)
    return Repeat.BIWEEKLY if parts.get("INTERVAL") == "2" else Repeat.WEEKLY


def _rule(text: str, start_local: datetime, repeat_until: datetime | None) -> rrule:
    # UNTIL is stored in UTC (as RFC 5545 wants beside a TZID), but the rule runs on naive local time
    without_until = ";".join(p for p in text.split(";") if not p.startswith("UNTIL="))
    rule = rrulestr(without_until, dtstart=start_local)
    assert isinstance(rule, rrule)
    return rule.replace(until=local_naive(repeat_until)) if repeat_until is not None else rule


def occurrences(starts_at: datetime, ends_at: datetime, rule: str, repeat_until: datetime | None,
                exdates: Iterable[str], window_start: datetime, window_end: datetime) -> list[Occurrence]:
    """The occurrences overlapping [window_start, window_end), skipped dates left out."""
    if not rule:
        if starts_at < window_end and ends_at > window_start:
            return [Occurrence(starts_at, ends_at, occurrence_key(starts_at))]
        return []
    return list(_between(starts_at, ends_at, rule, repeat_until, set(exdates), window_start, window_end))


def _between(starts_at: datetime, ends_at: datetime, text: str, repeat_until: datetime | None, skipped: set[str],
             window_start: datetime, window_end: datetime) -> Iterator[Occurrence]:
    start_local = local_naive(starts_at)
    length = local_naive(ends_at) - start_local
    series = _rule(text, start_local, repeat_until)
    # a wall-clock window a day wider on each side, then the exact test in UTC
    low = local_naive(window_start) - length - timedelta(days=1)
    high = local_naive(window_end) + timedelta(days=1)
    for wall in series.between(low, high, inc=True):
        key = wall.isoformat(timespec="minutes")
        if key in skipped:
            continue
        first, last = from_local(wall), from_local(wall + length)
        if first < window_end and last > window_start:
            yield Occurrence(first, last, key)


def next_occurrence(starts_at: datetime, ends_at: datetime, rule: str, repeat_until: datetime | None,
                    exdates: Iterable[str], after: datetime) -> Occurrence | None:
    """The first occurrence starting at or after a moment, or None."""
    if not rule:
        return Occurrence(starts_at, ends_at, occurrence_key(starts_at)) if starts_at >= after else None
    start_local = local_naive(starts_at)
    length = local_naive(ends_at) - start_local
    skipped = set(exdates)
    series = _rule(rule, start_local, repeat_until)
    wall = series.after(local_naive(after) - timedelta(hours=2), inc=True)
    while wall is not None:
        first = from_local(wall)
        key = wall.isoformat(timespec="minutes")
        if first >= after and key not in skipped:
            return Occurrence(first, from_local(wall + length), key)
        wall = series.after(wall, inc=False)
    return None


def has_occurrence(starts_at: datetime, ends_at: datetime, rule: str, repeat_until: datetime | None,
                   key: str) -> bool:
    """Whether a series has an occurrence starting at a local key (before any skipping)."""
    try:
        wall = datetime.fromisoformat(key)
    except ValueError:
        return False
    if wall.tzinfo is not None:
        wall = local_naive(wall)
    if not rule:
        return occurrence_key(starts_at) == wall.isoformat(timespec="minutes")
    start_local = local_naive(starts_at)
    return wall in _rule(rule, start_local, repeat_until).between(wall, wall, inc=True)
