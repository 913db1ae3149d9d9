"""Shared fixtures: real databases (SQLite file, the local PostgreSQL), a seeded demo template, Redis."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import pytest

from domain.clock import today_local
from persistence import db

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
TODAY: date = today_local()  # the app reads the real clock, so the seed uses the same day
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


async def reset_postgres(url: str) -> None:
    """Drop and recreate the public schema, so each test starts from migrations alone."""
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


async def fresh_database(kind: str, tmp_path: Path) -> str:
    """A migrated, empty database of the given kind; returns its URL."""
    if kind == "postgres":
        need_service("PostgreSQL", "127.0.0.1", 5432)
        await reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite://{tmp_path / 'sammen.sqlite3'}"
    await db.apply_migrations(url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An open, migrated, empty database: each test runs once on SQLite and once on PostgreSQL."""
    url = await fresh_database(request.param, tmp_path)
    await db.open_database(url)
    try:
        yield url
    finally:
        await db.close_database()


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[str]:
    """An open, migrated, empty SQLite database."""
    url = await fresh_database("sqlite", tmp_path)
    await db.open_database(url)
    try:
        yield url
    finally:
        await db.close_database()


async def _build_template(path: Path) -> None:
    from domain.demo.seed import seed_demo

    url = f"sqlite://{path}"
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        await seed_demo(today=TODAY, scale=0.1)
    finally:
        await db.close_database()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small seeded demo municipality (scale 0.1, named users included), built once per run."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    asyncio.run(_build_template(path))
    return path


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
async def demo_database(demo_copy: Path) -> AsyncIterator[str]:
    """The seeded demo database, opened for a service-level test."""
    url = f"sqlite://{demo_copy}"
    await db.open_database(url)
    try:
        yield url
    finally:
        await db.close_database()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The local Redis, required in CI."""
    need_service("Redis", "127.0.0.1", 6379)
    yield REDIS_URL
