"""The local services the tests (and benchmarks) use: where they are, whether they run, wiping PostgreSQL."""

from __future__ import annotations

import os
import socket
from typing import Any

import pytest

# Each pytest-xdist worker gets a database of its own (test_gw0, test_gw1, ...), created when first needed;
# SAMMEN_TEST_SLOT keeps runs that share this machine apart (test_h1, test_h1_gw0, ...: two developers, or CI beside).
WORKER = "_".join(part for part in (os.environ.get("SAMMEN_TEST_SLOT", ""),
                                    os.environ.get("PYTEST_XDIST_WORKER", "")) if part)
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
PG_URL += f"_{WORKER}" if WORKER else ""
# Parallel workers carry their events on a Redis channel of their own.
EVENTS_CHANNEL = f"sammen:events:{WORKER}" if WORKER else "sammen:events"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
IN_CI = os.environ.get("CI") == "true"


def reachable(host: str, port: int) -> bool:
    """Whether a TCP service answers on this machine."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def need_service(name: str, host: str, port: int) -> None:
    """Skip (outside CI) or fail (in CI) when a service the test needs is not running."""
    if reachable(host, port):
        return
    if IN_CI:
        pytest.fail(f"{name} at {host}:{port} is required in CI but is not reachable")
    pytest.skip(f"{name} at {host}:{port} is not reachable on this machine")


async def ensure_postgres_database(url: str) -> None:
    """Create the test database when it does not exist yet (a new pytest-xdist worker's, say)."""
    import asyncpg

    base, _, name = url.replace("postgres://", "postgresql://").rpartition("/")
    conn = await asyncpg.connect(f"{base}/postgres")
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def reset_postgres(url: str) -> None:
    """Drop and recreate the public schema, so each test starts from migrations alone."""
    import asyncpg

    await ensure_postgres_database(url)
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


async def empty_postgres(url: str, known: dict[str, object]) -> bool:
    """Empty every table of an already migrated schema in one TRUNCATE; False when the schema is not as known.

    Dropping the schema and migrating again costs about two seconds a test; emptying the tables costs a few
    milliseconds. Anything unusual (a table more or less, another number of applied migrations) returns False,
    and the caller falls back to the full reset.
    """
    import asyncpg

    from persistence.db import MIGRATION_TABLE

    if not known:
        return False
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    try:
        if await _schema(conn) != known:
            return False
        tables: frozenset[str] = known["tables"]  # type: ignore[assignment]
        names = ", ".join('"' + name + '"' for name in sorted(tables) if name != MIGRATION_TABLE)
        await conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        return True
    finally:
        await conn.close()


async def remember_postgres(url: str, known: dict[str, object]) -> None:
    """Note the tables and applied migrations of a freshly migrated schema, for empty_postgres."""
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    try:
        known.clear()
        known.update(await _schema(conn))
    finally:
        await conn.close()


async def _schema(conn: Any) -> dict[str, object]:
    from persistence.db import MIGRATION_TABLE

    rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    tables = frozenset(r["tablename"] for r in rows)
    count = f'SELECT count(*) FROM "{MIGRATION_TABLE}"'  # noqa: S608 - a constant table name
    return {"tables": tables, "applied": await conn.fetchval(count) if MIGRATION_TABLE in tables else None}
