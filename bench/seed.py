"""Benchmark: building the full demo municipality on SQLite (and PostgreSQL when it runs here)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._figures import bench_postgres  # noqa: E402
from demo.seed import seed_demo  # noqa: E402
from domain.clock import today_local  # noqa: E402
from persistence import db  # noqa: E402
from tests.services import reset_postgres  # noqa: E402


async def run_once(url: str) -> tuple[float, dict[str, int]]:
    """Migrate, seed at full scale, and return the seconds and the counts."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        started = time.perf_counter()
        summary = await seed_demo(today=today_local(), scale=1.0)
        seconds = time.perf_counter() - started
    finally:
        await db.close_database()
    return seconds, {"institutions": summary.institutions, "children": summary.children,
                     "guardians": summary.guardians, "staff": summary.staff, "accounts": summary.accounts}


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seconds, counts = await run_once(f"sqlite://{Path(tmp) / 'bench.sqlite3'}")
    print(f"seed --demo on SQLite:     {seconds:6.2f} s  (limit 30 s)  {counts}")
    pg = await bench_postgres("bench_seed")  # never the tests' database
    if pg is not None:
        seconds, counts = await run_once(pg)
        print(f"seed --demo on PostgreSQL: {seconds:6.2f} s  (limit 30 s)  {counts}")
        await reset_postgres(pg)


if __name__ == "__main__":
    asyncio.run(main())
