"""Pure slot generation: days and breaks in Copenhagen local time become slots in UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from domain.clock import COPENHAGEN
from domain.errors import DomainError

MIN_SLOT, MAX_SLOT = 5, 120
MAX_DAYS = 20
MAX_SLOTS = 1000


@dataclass(frozen=True)
class DayInput:
    """One conference day with its opening and closing local times ("HH:MM")."""

    day: date
    start: str
    end: str


@dataclass(frozen=True)
class BreakInput:
    """A pause every day, in local time ("HH:MM")."""

    start: str
    end: str


def parse_time(value: str) -> time:
    """A "HH:MM" (or "HH.MM") text as a time, or a refusal naming the text."""
    text = (value or "").strip().replace(".", ":")
    hours, _, minutes = text.partition(":")
    try:
        h, m = int(hours), int(minutes or 0)
    except ValueError as error:
        raise DomainError("conferences.bad_time", value=value) from error
    if not (0 <= h < 24 and 0 <= m < 60):
        raise DomainError("conferences.bad_time", value=value)
    return time(h, m)


def local_moment(day: date, at: time) -> datetime:
    """A Copenhagen wall-clock time on a day, as an aware UTC datetime."""
    return datetime.combine(day, at, COPENHAGEN).astimezone(UTC)


def check_slot_minutes(minutes: int) -> None:
    """Refuse a slot length outside 5 to 120 minutes."""
    if not MIN_SLOT <= minutes <= MAX_SLOT:
        raise DomainError("conferences.slot_length", low=MIN_SLOT, high=MAX_SLOT)


def _windows(days: list[DayInput]) -> list[tuple[date, time, time]]:
    if not days:
        raise DomainError("conferences.no_days")
    if len(days) > MAX_DAYS:
        raise DomainError("conferences.too_many_days", most=MAX_DAYS)
    seen: set[date] = set()
    windows = []
    for d in sorted(days, key=lambda x: x.day):
        if d.day in seen:
            raise DomainError("conferences.day_twice")
        seen.add(d.day)
        start, end = parse_time(d.start), parse_time(d.end)
        if end <= start:
            raise DomainError("conferences.day_order")
        windows.append((d.day, start, end))
    return windows


def _pauses(breaks: list[BreakInput], windows: list[tuple[date, time, time]]) -> list[tuple[time, time]]:
    pauses = []
    for b in breaks:
        start, end = parse_time(b.start), parse_time(b.end)
        if end <= start:
            raise DomainError("conferences.break_order")
        if not any(ws <= start and end <= we for _, ws, we in windows):
            raise DomainError("conferences.break_outside")
        pauses.append((start, end))
    return sorted(pauses)


def generate(days: list[DayInput], breaks: list[BreakInput], slot_minutes: int) -> list[tuple[datetime, datetime]]:
    """Every slot (start, end) in UTC; stepping in real time, so a DST night neither loses nor doubles a slot."""
    check_slot_minutes(slot_minutes)
    windows = _windows(days)
    pauses = _pauses(breaks, windows)
    length = timedelta(minutes=slot_minutes)
    slots: list[tuple[datetime, datetime]] = []
    for day, start, end in windows:
        cursor, stop = local_moment(day, start), local_moment(day, end)
        day_pauses = [(local_moment(day, ps), local_moment(day, pe)) for ps, pe in pauses]
        while cursor + length <= stop:
            overlap = next((pe for ps, pe in day_pauses if cursor < pe and ps < cursor + length), None)
            if overlap is not None:
                cursor = overlap
                continue
            slots.append((cursor, cursor + length))
            cursor += length
            if len(slots) > MAX_SLOTS:
                raise DomainError("conferences.too_many_slots", most=MAX_SLOTS)
    if not slots:
        raise DomainError("conferences.no_slots")
    return slots
