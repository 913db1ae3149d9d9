"""Attendance statistics per group: children present per weekday on average and hours present, with a CSV."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.presence.tiles import load_settings
from persistence.people import Enrolment
from persistence.presence import PresenceDay

DEFAULT_WEEKS = 4
MAX_WEEKS = 52
# The CSV goes to Danish spreadsheets, so its words are Danish whatever the screen's language.
CSV_HEADERS = ("Gruppe", "Ugedag", "Åbne dage", "Børn i gennemsnit", "Timer i gennemsnit")
CSV_WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")
CSV_ALL_DAYS = "Alle dage"


@dataclass(frozen=True)
class WeekdayFigure:
    """One weekday of one group: open days counted, children present on average, hours present on average."""

    weekday: int
    open_days: int
    avg_children: float
    avg_hours: float | None


@dataclass(frozen=True)
class GroupStats:
    """A group's weekdays and its average hours over the whole period."""

    group_id: int
    name: str
    weekdays: tuple[WeekdayFigure, ...]
    avg_hours: float | None


@dataclass(frozen=True)
class Stats:
    """An institution's attendance over the last weeks before a day."""

    institution_id: int
    institution_name: str
    first: date
    last: date
    weeks: int
    groups: tuple[GroupStats, ...]


def period(today: date, weeks: int) -> tuple[date, date]:
    """The last whole weeks before today: each weekday occurs exactly `weeks` times."""
    return today - timedelta(days=7 * weeks), today - timedelta(days=1)


async def attendance(actor: Actor, institution_id: int, today: date, weeks: int = DEFAULT_WEEKS) -> Stats:
    """Statistics for an institution in four queries, however many children and days (audited read)."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise DomainError("board.error.bad_weeks", max=MAX_WEEKS)
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "view_presence_stats")
    settings = await load_settings(institution_id)
    first, last = period(today, weeks)
    enrolments = await Enrolment.filter(Q(end__isnull=True) | Q(end__gte=first), institution_id=institution_id,
                                        start__lte=last).values("child_id", "group_id", "group__name", "start", "end")
    days = await PresenceDay.filter(institution_id=institution_id, is_staff=False, day__gte=first, day__lte=last,
                                    arrived_at__isnull=False).values("person_id", "day", "arrived_at", "left_at")
    await audit.record("view_presence_stats", audit.ALLOWED, actor=actor, detail=f"institution:{institution_id}")
    open_days = _open_days(first, last, settings.open_weekdays, set(settings.closing_days))
    groups = _figures(enrolments, days, open_days, sorted(settings.open_weekdays))
    return Stats(institution_id, settings.name, first, last, weeks, groups)


def _open_days(first: date, last: date, weekdays: frozenset[int], closed: set[str]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    day = first
    while day <= last:
        if day.weekday() in weekdays and day.isoformat() not in closed:
            counts[day.weekday()] += 1
        day += timedelta(days=1)
    return counts


def _group_on(spans: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """The enrolment covering a day, so a child who changed group counts where it was that day."""
    for span in spans:
        if span["start"] <= day and (span["end"] is None or span["end"] >= day):
            return span
    return None


def _hours(arrived: datetime, left: datetime | None) -> float | None:
    # A day without a check-out (forgotten, or still here) says nothing about hours.
    if left is None or left <= arrived:
        return None
    return (left - arrived).total_seconds() / 3600


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _figures(enrolments: list[dict[str, Any]], days: list[dict[str, Any]], open_days: dict[int, int],
             weekdays: list[int]) -> tuple[GroupStats, ...]:
    spans: dict[int, list[dict[str, Any]]] = defaultdict(list)
    names: dict[int, str] = {}
    for e in enrolments:
        spans[e["child_id"]].append(e)
        names[e["group_id"] or 0] = e["group__name"] or ""
    present: dict[tuple[int, int], int] = defaultdict(int)
    hours: dict[tuple[int, int], list[float]] = defaultdict(list)
    for d in days:
        span = _group_on(spans.get(d["person_id"], []), d["day"])
        if span is None:
            continue
        key = (span["group_id"] or 0, d["day"].weekday())
        present[key] += 1
        spent = _hours(d["arrived_at"], d["left_at"])
        if spent is not None:
            hours[key].append(spent)
    result = []
    for group_id, name in sorted(names.items(), key=lambda g: g[1].casefold()):
        figures = tuple(WeekdayFigure(w, open_days.get(w, 0),
                                      round(present[(group_id, w)] / open_days[w], 1) if open_days.get(w) else 0.0,
                                      _mean(hours[(group_id, w)]))
                        for w in weekdays)
        every = [h for w in weekdays for h in hours[(group_id, w)]]
        result.append(GroupStats(group_id, name, figures, _mean(every)))
    return tuple(result)


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def to_csv(stats: Stats) -> bytes:
    """The statistics as a semicolon-separated file with Danish headers and decimal commas (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for group in stats.groups:
        for f in group.weekdays:
            writer.writerow((group.name, CSV_WEEKDAYS[f.weekday], f.open_days, _decimal(f.avg_children),
                             _decimal(f.avg_hours)))
        writer.writerow((group.name, CSV_ALL_DAYS, sum(f.open_days for f in group.weekdays), "",
                         _decimal(group.avg_hours)))
    # The BOM makes Excel read æ, ø and å correctly.
    return out.getvalue().encode("utf-8-sig")
