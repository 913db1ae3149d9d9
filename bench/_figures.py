"""Figures every benchmark reports the same way."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(0.95 * len(ordered)) - 1))]


PG_SERVER = "postgres://postgres@127.0.0.1:5432"


async def bench_postgres(name: str) -> str | None:
    """A benchmark's own PostgreSQL database, created when missing and emptied (None when PostgreSQL is not running)."""
    from tests.services import reachable, reset_postgres

    if not reachable("127.0.0.1", 5432):
        return None
    url = f"{PG_SERVER}/{name}"
    await reset_postgres(url)  # creates the database when it is missing, then drops and recreates its schema
    return url


async def on_both_databases(pg_name: str, run: Callable[[str, str], Awaitable[None]]) -> None:
    """Run a measurement on a temporary SQLite file, then on PostgreSQL in its own database when it runs."""
    from tests.services import reset_postgres

    with tempfile.TemporaryDirectory() as tmp:
        await run("SQLite", f"sqlite://{Path(tmp) / 'bench.sqlite3'}")
    url = await bench_postgres(pg_name)
    if url is None:
        print("PostgreSQL is not running here: only SQLite was measured")
        return
    try:
        await run("PostgreSQL", url)
    finally:
        await reset_postgres(url)
