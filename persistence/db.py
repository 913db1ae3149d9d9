"""Database set-up: SQLite by default, PostgreSQL by DATABASE_URL; migrations, never generate_schemas."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api import migrate as migrate_api
from tortoise.migrations.executor import MigrationExecutor
from tortoise.transactions import in_transaction

from domain.errors import DatabaseUnavailable

MODEL_MODULES = [
    "persistence.organisation",
    "persistence.people",
    "persistence.crossgroups",
    "persistence.identity",
    "persistence.audit",
    "persistence.rollout",
    "persistence.widgets",
    "persistence.presence",
    "persistence.messages",
    "persistence.posts",
    "persistence.broadcast",
    "persistence.calendar",
    "persistence.conferences",
    "persistence.forms",
    "persistence.vacation",
    "persistence.gdpr",
    "persistence.provisioning",
    "persistence.notifications",
    "persistence.devices",
    "persistence.rollout_reminders",
    "persistence.survey_reach",
    "persistence.stamkort",
    "persistence.contacts",
    "persistence.gallery",
    "persistence.onboarding",
]
MIGRATIONS_MODULE = "persistence.migrations"
MIGRATION_TABLE = "tortoise_migrations"
PG_ENGINE = "persistence.pg_client"
# Seconds to open one PostgreSQL connection. asyncpg waits 60 by default, so while the server is down every page
# would hang past NiceGUI's 3 s build limit; 2 s leaves room for the "forbinder igen" answer. ?timeout=N overrides.
PG_CONNECT_TIMEOUT = 2.0
# A health check must answer before a load balancer gives up, even when a pooled connection hangs in a black hole.
HEALTH_TIMEOUT = 3.0


class DatabaseNotReady(Exception):
    """The database is not in the state a command expects; the message says what to do."""


def tortoise_config(url: str) -> dict[str, Any]:
    """The Tortoise configuration for one database URL."""
    if url.startswith("sqlite://"):
        path = url.removeprefix("sqlite://").split("?", 1)[0]
        if path not in (":memory:", ""):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": _connection_config(url)},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection_config(url: str) -> str | dict[str, Any]:
    """SQLite as its URL; PostgreSQL through the outage-aware client with a short connect timeout."""
    if not url.startswith(("postgres://", "postgresql://", "asyncpg://")):
        return url
    expanded = expand_db_url(url)
    credentials = {"timeout": PG_CONNECT_TIMEOUT, **expanded["credentials"]}
    return {"engine": PG_ENGINE, "credentials": credentials}


async def open_database(url: str) -> None:
    """Connect Tortoise to the database; the schema must already be migrated."""
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)


async def close_database() -> None:
    """Close every connection and forget the models' bindings, so the next open may use another database."""
    await Tortoise._reset_apps()
    await Tortoise.close_connections()
    # Tortoise caches each table's SQL by connection name; a later open of another dialect must not reuse it.
    EXECUTOR_CACHE.clear()


def connection() -> BaseDBAsyncClient:
    """The default connection."""
    return connections.get("default")


@asynccontextmanager
async def transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """One transaction: committed when the block ends, rolled back when it raises."""
    async with in_transaction("default") as conn:
        yield conn


async def table_names() -> set[str]:
    """The tables that exist in the connected database."""
    conn = connection()
    if conn.capabilities.dialect == "sqlite":
        _, rows = await conn.execute_query("SELECT name FROM sqlite_master WHERE type='table'")
    else:
        _, rows = await conn.execute_query(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    return {row["name"] for row in rows}


async def pending_migrations(url: str) -> list[str]:
    """Names of migrations not yet applied to the database."""
    config = tortoise_config(url)
    await Tortoise.init(config=config, init_connections=False)
    # Tortoise's recorder reads a failed query as "nothing applied"; connect first, so a missing database or a stopped
    # server is raised as such instead of being reported as every migration pending.
    await connections.get("default").execute_query("SELECT 1")
    steps = await MigrationExecutor(connections.get("default"), config["apps"]).plan(None)
    return [f"{step.migration.app_label}.{step.migration.name}" for step in steps if not step.backward]


async def apply_migrations(url: str, progress: Callable[[str], None] = lambda _m: None) -> list[str]:
    """Apply every pending migration, refusing a database that holds tables Sammen did not record."""
    await open_database(url)
    try:
        existing = await table_names()
    finally:
        await close_database()
    if existing and MIGRATION_TABLE not in existing:
        overlap = sorted(existing)[:5]
        raise DatabaseNotReady(
            "Databasen indeholder allerede tabeller, som Sammen ikke har oprettet med migrate "
            f"({', '.join(overlap)}). Brug en tom database, eller sæt DATABASE_URL til en anden."
        )
    applied: list[str] = []

    def on_progress(event: str, app_label: str, name: str) -> None:
        if event == "apply_done":
            applied.append(f"{app_label}.{name}")
            progress(f"{app_label}.{name}")

    try:
        await migrate_api(config=tortoise_config(url), progress=on_progress)
    finally:
        await close_database()
    return applied


async def check_schema_current(url: str) -> None:
    """Raise DatabaseNotReady unless every migration has been applied."""
    try:
        pending = await pending_migrations(url)
    finally:
        await close_database()
    if pending:
        raise DatabaseNotReady(
            f"Databasen mangler {len(pending)} migrering(er) ({', '.join(pending)}). "
            "Kør: python main.py migrate"
        )


async def database_status() -> dict[str, Any]:
    """A cheap liveness probe of the database for /api/health; "unavailable" when the server cannot be reached."""
    try:
        conn = connection()
        await asyncio.wait_for(conn.execute_query("SELECT 1"), HEALTH_TIMEOUT)
        return {"status": "ok", "dialect": conn.capabilities.dialect}
    except DatabaseUnavailable as exc:
        return {"status": "unavailable", "error": exc.cause}
    except TimeoutError:
        return {"status": "unavailable", "error": "TimeoutError"}
    except Exception as exc:  # noqa: BLE001 - health must answer, whatever broke
        return {"status": "error", "error": type(exc).__name__}


def pool_usage() -> dict[str, int]:
    """This process's database connections: the pool's size and how many are in use (SQLite: one connection)."""
    try:
        client = connection()
    except Exception:  # noqa: BLE001 - not open (yet): nothing to report
        return {"size": 0, "in_use": 0}
    pool = getattr(client, "_pool", None)
    if pool is None or not hasattr(pool, "get_size"):
        return {"size": 1, "in_use": 0}
    size = int(pool.get_size())
    return {"size": size, "in_use": size - int(pool.get_idle_size())}

