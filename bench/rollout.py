"""Benchmark: the rollout of a whole municipality, read by the project team, on SQLite and PostgreSQL.

bench/_rollout_world.py writes (bulk inserts) a municipality of 80 institutions with 400 checklist items each and
20,000 people (staff, children, guardians; seven in ten adults have logged in), and an anonymous guardian survey
with 5,000 answers. Then, as the project team, each operation runs once to warm up and then RUNS times:
1. the readiness matrix with filters, rendered server-side: the domain read plus building the matrix section's
   NiceGUI elements in a client and serialising them as the page response does (target <= 300 ms);
2. the never-logged-in list of the institution of 1,000 people (target <= 100 ms);
3. the survey's results summarised (target <= 200 ms);
and, for reference, the whole rollout page's data (domain.rollout.overview) without a target.
Printed: p50, p95 and max in ms, and the SQL statements each sends (tests/querycount.py counts Tortoise's log).
SQLite uses a temporary file; PostgreSQL (127.0.0.1:5432) its own database bench_rollout, created when missing and
emptied before and after, unless --sqlite-only. `--quick` builds 8 institutions and 2,000 people; `--profile`
prints cProfile's costliest functions of each operation. The exit code is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tortoise import connections  # noqa: E402

from bench import _gc_pauses as gc_pauses  # noqa: E402
from bench._figures import on_both_databases, p95  # noqa: E402
from bench._rollout_page import render_matrix  # noqa: E402
from bench._rollout_world import FULL, RolloutWorld, Scale, build_world  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.identity.model import Actor  # noqa: E402
from domain.rollout import missing, survey_results  # noqa: E402
from domain.rollout.matrix import MatrixFilter  # noqa: E402
from domain.rollout.model import Area, CellStatus, Phase  # noqa: E402
from domain.rollout.overview import overview  # noqa: E402
from domain.rollout.survey_groups import GroupBy, ResultFilter, grouped_results  # noqa: E402
from persistence import db  # noqa: E402
from tests.querycount import count_queries  # noqa: E402
from ui.heap import cache_handler_signatures, tune_collector  # noqa: E402

PG_DATABASE = "bench_rollout"  # never one of the test databases
RUNS = 20
QUICK = Scale(institutions=8, items=40, people=2_000, big_people=400, responses=500)


@dataclass
class Operation:
    """One timed read: its name, its target in ms (None: for reference), and the call."""

    name: str
    target_ms: float | None
    call: Callable[[], Awaitable[Any]]
    times: list[float] | None = None
    cpu: list[float] | None = None
    queries: tuple[int, int] = (0, 0)
    size: str = ""


def operations(world: RolloutWorld, actor: Actor) -> list[Operation]:
    """What the issue times, as the project team sees it; each call returns what it showed, for the size column."""
    today = today_local()
    big = world.big
    school_wave = world.waves[Area.SKOLE][0]

    def matrix(filters: MatrixFilter) -> Callable[[], Awaitable[str]]:
        async def call() -> str:
            elements, rows = await render_matrix(actor, today, filters)
            return f"{rows} rows, {elements} elements"
        return call

    async def never_logged_in() -> str:
        listed = await missing.never_logged_in(actor, big.id, day=today)
        return f"{len(listed.people)} of {listed.total} people"

    async def survey() -> str:
        r = await survey_results.results(actor, world.survey_id, today=today)
        return f"{r.responses} answers, {len(r.questions)} questions"

    async def survey_grouped() -> str:
        r = await grouped_results(actor, world.survey_id, ResultFilter(areas=frozenset({Area.SKOLE, Area.DAGTILBUD}),
                                                                       group_by=GroupBy.WAVE, search="kalenderen"))
        return f"{r.responses} answers, {sum(len(q.groups) for q in r.questions)} group rows"

    async def page_data() -> str:
        data = await overview(actor, today)
        return f"{len(data.programmes)} programmes"

    opened = MatrixFilter(phase=Phase.UDRULNING.value)
    n = world.scale
    return [Operation(f"1a. matrix, all {n.institutions}, progress per phase", 300.0, matrix(MatrixFilter())),
            Operation("1b. matrix, phase opened (12 items)", 300.0, matrix(opened)),
            Operation("1c. matrix, area+wave+status+phase", 300.0, matrix(MatrixFilter(
                area=Area.SKOLE, wave_id=school_wave, status=CellStatus.LATE, phase=Phase.UDRULNING.value))),
            Operation(f"2.  never logged in, {n.big_people:,} people", 100.0, never_logged_in),
            Operation(f"3a. survey results, {n.responses:,} answers", 200.0, survey),
            Operation("3b. survey results filtered, by wave", 200.0, survey_grouped),
            Operation("    rollout page data (overview)", None, page_data)]


async def run(op: Operation, runs: int, profile: bool) -> None:
    """Warm up once, then time the runs and count each run's statements."""
    op.size = str(await op.call())
    times, cpu, counts = [], [], []
    profiler = cProfile.Profile() if profile else None
    for _ in range(runs):
        with count_queries() as sent:
            if profiler:
                profiler.enable()
            started, used = time.perf_counter(), time.process_time()
            await op.call()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            if profiler:
                profiler.disable()
        counts.append(len(sent))
    op.times, op.cpu, op.queries = times, cpu, (min(counts), max(counts))
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(f"--- profile of {op.name.strip()}, {runs} runs")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:5000])


async def measure(label: str, url: str, scale: Scale, runs: int, profile: bool) -> None:
    """Migrate, build the municipality, time every operation and print the table."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        started = time.perf_counter()
        world = await build_world(scale, today_local(), utcnow())
        if url.startswith("postgres"):
            # A live database's autovacuum has analysed its tables; one just bulk-filled has not, and without the
            # statistics PostgreSQL plans the survey's aggregates worse (3a: ~250 ms before, ~150 ms after, here).
            await connections.get("default").execute_script("ANALYZE")
        built_s = time.perf_counter() - started
        actor = await world.team(utcnow())
        ops = operations(world, actor)
        gc_pauses.pauses.clear()
        for op in ops:
            await run(op, runs, profile)
        collections = list(gc_pauses.pauses)
    finally:
        await db.close_database()
    report(label, world, built_s, ops, runs)
    if collections:  # a full collection walks every object alive; the run it lands in shows it as its max
        print(f"   full garbage collections while timing: {len(collections)}, the longest "
              f"{max(collections) * 1000:.0f} ms")


def report(label: str, world: RolloutWorld, built_s: float, ops: list[Operation], runs: int) -> None:
    """One line per operation: p50, p95, max, statements, verdict."""
    s = world.scale
    print(f"{label}: {s.institutions} institutions x {s.items} checklist items, {s.people:,} people "
          f"({world.logged_in:,} adults have logged in), survey of {s.responses:,} answers; built in {built_s:.1f} s")
    print(f"   {'operation':<42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'queries':>8}  "
          f"{'verdict':<15} size")
    for op in ops:
        times = op.times or [0.0]
        low, high = op.queries
        queries = f"{high}" if low == high else f"{low}-{high}"
        verdict = "" if op.target_ms is None else (
            f"ok (<= {op.target_ms:.0f})" if p95(times) <= op.target_ms else f"MISSED (> {op.target_ms:.0f})")
        print(f"   {op.name:<42} {statistics.median(times):>8.1f} {p95(times):>8.1f} {max(times):>8.1f} "
              f"{statistics.median(op.cpu or [0.0]):>8.1f} {queries:>8}  {verdict:<15} {op.size}")
    load = os.getloadavg()[0]
    print(f"   ({runs} runs each after one warm-up; p95 is the nearest rank; cpu = this process's CPU time, SQLite's "
          f"included, PostgreSQL's not; load average {load:.1f} on {os.cpu_count()} cores)")


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="8 institutions and 2,000 people, for a smoke run")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL even when it runs")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed runs per operation (default {RUNS})")
    parser.add_argument("--profile", action="store_true", help="print cProfile's costliest functions of each")
    args = parser.parse_args(argv)
    # The collector and NiceGUI's handler check as `main.py serve` sets them, so a page build costs what it costs there.
    tune_collector()
    cache_handler_signatures()
    gc_pauses.start_timing()
    scale = QUICK if args.quick else FULL

    async def one(label: str, url: str) -> None:
        await measure(label, url, scale, args.runs, args.profile)

    if args.sqlite_only:
        with tempfile.TemporaryDirectory() as tmp:
            await one("SQLite", f"sqlite://{Path(tmp) / 'bench.sqlite3'}")
    else:
        await on_both_databases(PG_DATABASE, one)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
