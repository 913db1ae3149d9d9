"""Benchmark: beskeder with 100,000 messages in 15,000 threads, on SQLite and on PostgreSQL when it runs here.

The world (bench/_messages_world.py) is built with bulk inserts: a school whose group "Hele skolen" has 1,000
children with 2,000 guardians, one teacher in the group, a guardian in 5,000 threads and one in 10. Then:
(a) do_send from the teacher to "alle forældre i Hele skolen" (2,000 recipients): ms p50/p95 and its statements;
(b) inbox_page, first page, for the guardian with 5,000 threads: ms p50/p95, and its statements, which must be
    as many as for the guardian with 10 threads;
(c) unread_count for the same guardian; (d) inbox_page with a search word.
SQLite uses a temporary file; PostgreSQL uses its own database bench_messages (created when missing, emptied
before and after). `--quick` runs fewer repetitions. The exit code is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._figures import on_both_databases, p95  # noqa: E402
from bench._messages_world import HEAVY_THREADS, LIGHT_THREADS, MESSAGES, SEARCH_WORD, THREADS, build_world  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.identity.model import Role  # noqa: E402
from domain.messages.inbox import inbox_page, unread_count  # noqa: E402
from domain.messages.service import do_send  # noqa: E402
from persistence import db  # noqa: E402
from tests.querycount import count_queries  # noqa: E402

PG_DATABASE = "bench_messages"  # never one of the test databases
SEND_LIMIT_MS = 1000.0
INBOX_LIMIT_MS = 30.0


@dataclass
class Figure:
    """One measured operation: milliseconds per run and the most statements one run sent."""

    name: str
    target_ms: float | None
    times: list[float] = field(default_factory=list)
    queries: int = 0
    statements: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def verdict(self) -> str:
        """PASS or MISS against the p95 target; a dash when the issue sets none."""
        if self.target_ms is None:
            return "-"
        return "PASS" if p95(self.times) <= self.target_ms else "MISS"


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


async def measure(url: str, runs: int, sends: int) -> tuple[dict[str, Figure], str]:
    """Migrate, build the world, measure; returns the figures and how long the build took."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        day, now = today_local(), utcnow()
        started = time.perf_counter()
        world = await build_world(day, now)
        built = f"built in {time.perf_counter() - started:.1f} s ({THREADS:,} threads, {MESSAGES:,} messages, " \
                f"{world.seats:,} seats)"
        if db.connection().capabilities.dialect == "postgres":
            # Autovacuum would gather statistics within a minute of a bulk load; without them the planner
            # sorts every seat of the reader instead of walking the (person_id, last_message_at) index.
            await db.connection().execute_script("ANALYZE")
            built += ", then ANALYZE"
        teacher = await world.actor(world.staff_id, Role.STAFF, day)
        heavy = await world.actor(world.heavy_id, Role.PARENT, day)
        light = await world.actor(world.light_id, Role.PARENT, day)
        figures = {key: Figure(name, target) for key, name, target in (
            ("send", "(a) do_send to 2,000 guardians", SEND_LIMIT_MS),
            ("heavy", f"(b) inbox_page, {HEAVY_THREADS:,} threads", INBOX_LIMIT_MS),
            ("light", f"(b) inbox_page, {LIGHT_THREADS} threads", INBOX_LIMIT_MS),
            ("unread", "(c) unread_count", INBOX_LIMIT_MS),
            ("search", f"(d) search, {HEAVY_THREADS:,} threads", None),
            ("search_light", f"(d) search, {LIGHT_THREADS} threads", None))}
        for actor in (heavy, light):  # warm-up: the first call pays for Tortoise building its SQL
            await inbox_page(actor)
        page = await timed(figures["heavy"], runs, lambda: inbox_page(heavy))
        figures["heavy"].note = f"{len(page.threads)} rows, {page.unread_threads} unread threads"
        page = await timed(figures["light"], runs, lambda: inbox_page(light))
        figures["light"].note = f"{len(page.threads)} rows"
        count = await timed(figures["unread"], runs, lambda: unread_count(heavy))
        figures["unread"].note = f"{count} threads"
        page = await timed(figures["search"], max(5, runs // 5), lambda: inbox_page(heavy, search=SEARCH_WORD))
        figures["search"].note = f"'{SEARCH_WORD}': {len(page.threads)} rows on the first page"
        page = await timed(figures["search_light"], max(5, runs // 5), lambda: inbox_page(light, search=SEARCH_WORD))
        figures["search_light"].note = f"'{SEARCH_WORD}': {len(page.threads)} rows"
        result = await timed(figures["send"], sends, lambda: do_send(
            teacher, subject="Til alle forældre", body="Kære forældre\n\nHusk turen på fredag.",
            recipient_keys=[f"group_guardians:{world.group_id}"], now=utcnow()))
        figures["send"].note = f"{result.recipient_count:,} recipients"
        plan = await explain(figures["heavy"].statements)
    finally:
        await db.close_database()
    return figures, built + ("\n   " + plan if plan else "")


async def explain(statements: list[str]) -> str:
    """The database's plan for the inbox page's main query (the one that reads the page's rows)."""
    conn = db.connection()
    for statement in statements:
        sql, _, values = statement.rpartition(": [")
        if "ORDER BY" not in sql or "LIMIT" not in sql:
            continue
        try:
            params = ast.literal_eval("[" + values)
        except (ValueError, SyntaxError):
            return ""
        if conn.capabilities.dialect == "sqlite":
            rows = await conn.execute_query_dict("EXPLAIN QUERY PLAN " + sql, params)
            return "inbox page plan: " + "; ".join(str(r["detail"]) for r in rows)
        rows = await conn.execute_query_dict("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        return "inbox page plan:\n" + "\n".join("     " + str(r["QUERY PLAN"]) for r in rows)
    return ""


def report(name: str, figures: dict[str, Figure], built: str) -> None:
    print(f"{name}: {built}")
    print(f"   {'operation':<42} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'target':>9} {'queries':>8}  result")
    for f in figures.values():
        target = f"<= {f.target_ms:.0f}" if f.target_ms is not None else "-"
        print(f"   {f.name:<42} {len(f.times):>5} {statistics.median(f.times):>8.1f} {p95(f.times):>8.1f} "
              f"{target:>9} {f.queries:>8}  {f.verdict:<4}  {f.note}")
    same = figures["heavy"].queries == figures["light"].queries
    print(f"   inbox_page statements with {HEAVY_THREADS:,} threads and with {LIGHT_THREADS}: "
          f"{figures['heavy'].queries} and {figures['light'].queries}: {'PASS' if same else 'MISS'}")
    for key in ("send", "heavy"):
        print(f"   statements of {figures[key].name}:")
        for statement in figures[key].statements:
            print("     ", " ".join(str(statement).split())[:150])


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (10 page loads, 2 sends)")
    args = parser.parse_args(argv)
    runs, sends = (10, 2) if args.quick else (50, 5)
    print(f"Beskeder: {MESSAGES:,} messages in {THREADS:,} threads; p95 over {runs} page loads and {sends} sends")

    async def run(label: str, url: str) -> None:
        report(label, *await measure(url, runs, sends))

    await on_both_databases(PG_DATABASE, run)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
