"""Fixtures for the integration tests of the demo seed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from persistence.db import close_database
from tests.demo_support import fresh_database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[str]:
    """An empty, migrated SQLite database, open for the test."""
    yield await fresh_database(tmp_path / "demo.sqlite3")
    await close_database()
