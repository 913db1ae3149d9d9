"""Benchmark: the calendar with a school year of events for the demo municipality, on SQLite and on PostgreSQL.

The demo municipality is seeded at full scale (demo.seed.seed_demo) with its school year of events
(demo/calendar.py), then: (a) items_between for a guardian with three children in three institutions
over the month view of today's month, with the page's child and institution filters: ms p50/p95 over 50 runs
after one warm-up call, and its statements (targets: 50 ms, 5 statements); (b) do_create_event for an
institution-wide event inviting the guardians of a school of 600 children (built in the bench's database):
ms over a few runs and its statements (target: 1 s). SQLite uses a temporary file; PostgreSQL uses its own
database bench_calendar (created when missing, emptied before and after). `--quick` runs fewer repetitions.
The exit code is 0 even when a target is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import datetime as datetime_module  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Awaitable, Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import date, datetime, timedelta  # noqa: E402
from typing import Any  # noqa: E402

from bench._calendar_world import BIG_CHILDREN, actor, big_school, family_of_three, wire_calendar  # noqa: E402
from bench._figures import on_both_databases, p95  # noqa: E402
from demo import seed  # noqa: E402
from domain.calendar.service import do_create_event  # noqa: E402
from domain.calendar.views import items_between  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.identity.model import Role  # noqa: E402
from persistence import db  # noqa: E402
from persistence.calendar import CalendarEvent, Invitation  # noqa: E402
from persistence.people import Enrolment  # noqa: E402
from persistence.queries import active_on, ints  # noqa: E402
from tests.querycount import count_queries  # noqa: E402

PG_DATABASE = "bench_calendar"  # never one of the test databases
MONTH_LIMIT_MS = 50.0
MONTH_LIMIT_QUERIES = 5
CREATE_LIMIT_MS = 1000.0


@dataclass
class Figure:
    """One measured operation: milliseconds per run and the most statements one run sent."""

    name: str
    target_ms: float
    target_queries: int | None = None
    times: list[float] = field(default_factory=list)
    queries: int = 0
    statements: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def verdict(self) -> str:
        """PASS when p95 and the statements are within their targets, else MISS."""
        fast = p95(self.times) <= self.target_ms
        few = self.target_queries is None or self.queries <= self.target_queries
        return "PASS" if fast and few else "MISS"


async def timed(figure: Figure, runs: int, call: Callable[[], Awaitable[Any]]) -> Any:
    """Run a call, counting its statements and its milliseconds each time."""
    result = None
    for _ in range(runs):
        with count_queries() as sent:
            started = time.perf_counter()
            result = await call()
            figure.times.append((time.perf_counter() - started) * 1000)
        if len(sent) >= figure.queries:
            figure.queries, figure.statements = len(sent), list(sent)
    return result


def month_grid(day: date) -> tuple[date, date]:
    """The month view's days around a day: whole weeks from the Monday before the 1st (as ui/calendar_format)."""
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


class SeedClock:
    """Seconds the seed spent inserting the calendar tables, read from its progress messages."""

    def __init__(self) -> None:
        self.before = self.after = 0.0

    def __call__(self, _fraction: float, message: str) -> None:
        now = time.perf_counter()
        if message.startswith("Gemmer calendar_"):
            self.after = now
        elif not self.after:
            self.before = now

    @property
    def seconds(self) -> float:
        return max(0.0, self.after - self.before)


async def measure(url: str, runs: int, creates: int) -> tuple[list[Figure], str]:
    """Migrate, seed, measure; returns the figures and a line on the seed."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        day, clock = today_local(), SeedClock()
        summary = await seed.seed_demo(today=day, scale=1.0, progress=clock)
        events, invitations = await CalendarEvent.all().count(), await Invitation.all().count()
        built = (f"demo seeded in {summary.seconds:.1f} s with {events:,} events and {invitations:,} invitations "
                 f"(their insert {clock.seconds:.2f} s)")
        if db.connection().capabilities.dialect == "postgres":
            await db.connection().execute_script("ANALYZE")  # as autovacuum would within a minute of the load
            built += ", then ANALYZE"
        guardian_id, how = await family_of_three(day)
        parent = await actor(guardian_id, Role.PARENT, day)
        kids = set(parent.guardian_of)
        places = set(ints(await Enrolment.filter(active_on(day), child_id__in=sorted(kids)).values_list(
            "institution_id", flat=True)))
        first, last = month_grid(day)
        month = Figure(f"(a) month view, {len(kids)} children, {len(places)} houses", MONTH_LIMIT_MS,
                       MONTH_LIMIT_QUERIES)

        def view() -> Awaitable[list[Any]]:
            return items_between(parent, first, last, child_ids=set(kids), institution_ids=set(places))

        await view()  # warm-up: the first call pays for Tortoise building its SQL
        items = await timed(month, runs, view)
        month.note = f"{len(items)} items {first:%d.%m}-{last:%d.%m}, guardian {how}"
        inst_id, leader_id = await big_school(day)
        leader = await actor(leader_id, Role.LEADER, day)
        create = Figure(f"(b) create event inviting {BIG_CHILDREN} children", CREATE_LIMIT_MS)
        start = datetime.combine(day + timedelta(days=14), datetime.min.time()).replace(hour=19)

        def make() -> Awaitable[int]:
            return do_create_event(leader, scope="institution", institution_id=inst_id, title="Forældremøde",
                                   place="Hallen", all_day=False, start=start, end=start + timedelta(hours=2),
                                   invite=True, now=utcnow())

        event_id = await timed(create, creates, make)
        create.note = f"{await Invitation.filter(event_id=event_id).count():,} invitations each"
        plan = await explain(month.statements)
    finally:
        await db.close_database()
    return [month, create], built + ("\n   " + plan if plan else "")


async def explain(statements: list[str]) -> str:
    """The database's plan for the month view's event query."""
    conn = db.connection()
    for statement in statements:
        sql, _, values = statement.rpartition(": [")
        if 'FROM "calendar_event"' not in sql:
            continue
        try:  # the logged parameters hold datetimes, so literal_eval would not do; the text is our own log
            params = eval("[" + values, {"__builtins__": {}, "datetime": datetime_module})  # noqa: S307
        except (NameError, SyntaxError, TypeError):
            return ""
        if conn.capabilities.dialect == "sqlite":
            rows = await conn.execute_query_dict("EXPLAIN QUERY PLAN " + sql, params)
            return "event query plan: " + "; ".join(str(r["detail"]) for r in rows)
        rows = await conn.execute_query_dict("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        return "event query plan:\n" + "\n".join("     " + str(r["QUERY PLAN"]) for r in rows)
    return ""


def report(name: str, figures: list[Figure], built: str) -> None:
    print(f"{name}: {built}")
    print(f"   {'operation':<42} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'target':>9} {'queries':>8} "
          f"{'target':>7}  result")
    for f in figures:
        queries = f"<= {f.target_queries}" if f.target_queries is not None else "-"
        print(f"   {f.name:<42} {len(f.times):>5} {statistics.median(f.times):>8.1f} {p95(f.times):>8.1f} "
              f"{'<= ' + format(f.target_ms, '.0f'):>9} {f.queries:>8} {queries:>7}  {f.verdict:<4}  {f.note}")
    for f in figures:
        print(f"   statements of {f.name}:")
        for statement in f.statements:
            print("     ", " ".join(str(statement).split())[:150])


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (10 month views, 2 creations)")
    args = parser.parse_args(argv)
    runs, creates = (10, 2) if args.quick else (50, 5)
    wired = wire_calendar()
    print(f"Kalender: the demo's school year; p95 over {runs} month views and {creates} creations"
          + (" (calendar demo wired in by the benchmark: seed.py does not build it yet)" if wired else ""))

    async def run(label: str, url: str) -> None:
        report(label, *await measure(url, runs, creates))

    await on_both_databases(PG_DATABASE, run)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
