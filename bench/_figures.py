"""Figures every benchmark reports the same way."""

from __future__ import annotations

import math


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
