"""Shared fixtures: real databases (SQLite file, the local PostgreSQL), a seeded demo template, Redis."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import pytest

from domain import clock as domain_clock
from domain import files
from domain.clock import today_local
from domain.limits import limiter
from persistence import db
from tests.clocks import START, TestClock
from tests.services import (
    EVENTS_CHANNEL,
    PG_URL,
    REDIS_URL,
    empty_postgres,
    need_service,
    remember_postgres,
    reset_postgres,
)

TODAY: date = today_local(START)  # the day every test starts on, and the day the demo template is seeded for
# What the migrated PostgreSQL schema looked like in this test process, so later tests only empty its tables.
_MIGRATED_PG: dict[str, object] = {}
# A migrated SQLite file per test process, copied for each test instead of migrating again.
_SQLITE_TEMPLATE: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    """Files go to a temporary folder, the clock to the run's instant; each worker gets a Redis channel of its own."""
    # Attachments, photos and import files of the tests (and of the demo template) never land in ./data.
    os.environ.setdefault("SAMMEN_DATA_DIR", tempfile.mkdtemp(prefix="sammen-data-"))
    domain_clock.set_now(START)  # session fixtures (the demo template) are built before any test's own clock is set
    files.use_data_dir(Path(os.environ["SAMMEN_DATA_DIR"]))
    os.environ["SAMMEN_EVENTS_CHANNEL"] = EVENTS_CHANNEL


@pytest.fixture(autouse=True)
def clock() -> Iterator[TestClock]:
    """Every test starts at the run's instant (SAMMEN_TEST_NOW, or when the run began); a test may move it."""
    chosen = TestClock(START)
    try:
        yield chosen
    finally:
        chosen.at(START)


@pytest.fixture(autouse=True)
def _limits_forgotten() -> Iterator[None]:
    """Rate-limit counters live in the process: each test starts with none (ids and instants repeat across tests)."""
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture(autouse=True)
def _data_dir_restored() -> Iterator[None]:
    """A test that points the data folder elsewhere (point_data_dir) leaves it as it found it."""
    before = files.data_dir()
    yield
    files.use_data_dir(before)


def point_data_dir(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """This test's files go under `path`, whether the app is built before or after (main.py reads the variable)."""
    monkeypatch.setenv("SAMMEN_DATA_DIR", str(path))
    files.use_data_dir(path)


async def fresh_database(kind: str, tmp_path: Path) -> str:
    """A migrated, empty database of the given kind; returns its URL."""
    if kind == "postgres":
        need_service("PostgreSQL", "127.0.0.1", 5432)
        if await empty_postgres(PG_URL, _MIGRATED_PG):
            return PG_URL
        await reset_postgres(PG_URL)
        await db.apply_migrations(PG_URL)
        await remember_postgres(PG_URL, _MIGRATED_PG)
        return PG_URL
    target = tmp_path / "sammen.sqlite3"
    shutil.copy(await _migrated_sqlite(), target)
    return f"sqlite://{target}"


async def _migrated_sqlite() -> Path:
    """An SQLite file migrated once per test process; each test gets a copy (a copy takes a millisecond)."""
    if not _SQLITE_TEMPLATE:
        path = Path(tempfile.mkdtemp(prefix="sammen-schema-")) / "migrated.sqlite3"
        await db.apply_migrations(f"sqlite://{path}")
        _SQLITE_TEMPLATE.append(path)
    return _SQLITE_TEMPLATE[0]


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
    from demo.seed import seed_demo

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
