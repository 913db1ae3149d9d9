"""Benchmark: building the rollout page's data for the project team on a full demo municipality.

Seeds Sammenby at full scale into a temporary SQLite file (and into PostgreSQL when it runs here), then
times what the rollout page loads: the plan, the readiness matrix, the adoption figures and the 30-day
trend, as Camilla Berg (project team). Reports median and p95 of the total over 20 runs, the number of
SQL statements one page build sends (audit checks included), and one run of the daily snapshot job.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._figures import bench_postgres, p95  # noqa: E402
from demo.seed import seed_demo  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.identity.model import Actor  # noqa: E402
from domain.identity.service import current_actor  # noqa: E402
from domain.rollout import adoption  # noqa: E402
from domain.rollout.overview import overview  # noqa: E402
from persistence import db  # noqa: E402
from persistence.identity import UserAccount  # noqa: E402
from tests.querycount import count_queries  # noqa: E402
from tests.services import reset_postgres  # noqa: E402

RUNS = 20
LIMIT_MS = 300.0
LIMIT_QUERIES = 13


async def page_data(actor: Actor, today: date) -> int:
    """What the rollout page reads (domain.rollout.overview); returns a size so nothing is optimised away."""
    data = await overview(actor, today)
    return len(data.programmes) + len(data.matrix.rows) + len(data.adoption) + len(data.trend)



async def measure(url: str) -> dict[str, object]:
    """Migrate, seed, and time the page data and the snapshot job on one database."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        today = today_local()
        started = time.perf_counter()
        await seed_demo(today=today, scale=1.0)
        seed_s = time.perf_counter() - started
        camilla = await UserAccount.get(oidc_subject="demo-projektgruppe")
        actor = await current_actor(camilla.person_id, "project_team", "2", now=utcnow())
        await page_data(actor, today)  # warm-up: first statements prepare caches
        totals: list[float] = []
        queries: list[int] = []
        statements: list[str] = []
        for _ in range(RUNS):
            with count_queries() as sent:
                started = time.perf_counter()
                await page_data(actor, today)
                totals.append((time.perf_counter() - started) * 1000)
            queries.append(len(sent))
            statements = list(sent)
        started = time.perf_counter()
        written = await adoption.do_store_snapshot(today)
        snapshot_ms = (time.perf_counter() - started) * 1000
    finally:
        await db.close_database()
    return {"seed_s": seed_s, "median": statistics.median(totals), "p95": p95(totals),
            "queries": max(queries), "min_queries": min(queries), "snapshot_ms": snapshot_ms,
            "snapshot_rows": written, "statements": statements}


def verdict(value: float, limit: float) -> str:
    return "ok" if value <= limit else "OVER"


def report(results: dict[str, dict[str, object]]) -> None:
    print(f"Rollout page data as the project team, {RUNS} runs each (plan + readiness + adoption + trend)")
    print(f"{'database':<11} {'seed s':>7} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'snapshot ms':>12}")
    for name, r in results.items():
        queries = f"{r['queries']}" if r["queries"] == r["min_queries"] else f"{r['min_queries']}-{r['queries']}"
        print(f"{name:<11} {r['seed_s']:>7.2f} {r['median']:>10.1f} {r['p95']:>8.1f} {queries:>8} "
              f"{r['snapshot_ms']:>12.1f}")
    print(f"limits: p95 <= {LIMIT_MS:.0f} ms, queries <= {LIMIT_QUERIES}; snapshot = one do_store_snapshot(today)")
    for name, r in results.items():
        p95_ms, queries = float(r["p95"]), int(r["queries"])  # type: ignore[arg-type]
        print(f"  {name}: time {verdict(p95_ms, LIMIT_MS)}, queries {verdict(queries, LIMIT_QUERIES)} "
              f"({queries} statements, {r['snapshot_rows']} snapshot rows written)")
    first = next(iter(results.values()))
    print("statements of one page build:")
    for statement in first["statements"]:  # type: ignore[attr-defined]
        print("   ", " ".join(str(statement).split())[:150])


async def main() -> None:
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = await measure(f"sqlite://{Path(tmp) / 'bench.sqlite3'}")
    pg = await bench_postgres("bench_rollout")  # never the tests' database
    if pg is not None:
        try:
            results["PostgreSQL"] = await measure(pg)
        finally:
            await reset_postgres(pg)
    report(results)


if __name__ == "__main__":
    asyncio.run(main())
