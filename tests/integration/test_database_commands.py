"""migrate and seed refuse, with a clear message, a database that is not what they expect."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from persistence import db
from tests.clocks import main_command

MIGRATIONS_ON_DISK = sorted(f"models.{p.stem}" for p in Path("persistence/migrations").glob("0*.py"))


def run_main(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user would."""
    env = {**os.environ, "DATABASE_URL": f"sqlite://{database}"}
    return subprocess.run(main_command(*args), capture_output=True, text=True, env=env, timeout=120)


async def test_migrate_refuses_a_database_with_foreign_tables(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE payroll (id INTEGER PRIMARY KEY)")
    with pytest.raises(db.DatabaseNotReady, match="payroll"):
        await db.apply_migrations(f"sqlite://{path}")


async def test_migrate_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'x.sqlite3'}"
    assert await db.apply_migrations(url) == MIGRATIONS_ON_DISK
    assert await db.apply_migrations(url) == []
    await db.check_schema_current(url)


def test_the_command_line_refuses_to_seed_or_serve_an_unmigrated_database(tmp_path: Path) -> None:
    database = tmp_path / "empty.sqlite3"
    seeded = run_main("seed", "--demo", database=database)
    assert seeded.returncode == 2
    assert "python main.py migrate" in seeded.stderr and "Traceback" not in seeded.stderr
    served = run_main("serve", database=database)
    assert served.returncode == 2 and "migrate" in served.stderr


def test_the_command_line_migrates_seeds_and_refuses_a_second_seed(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert run_main("migrate", database=database).returncode == 0
    first = run_main("seed", "--demo", "--scale", "0.05", database=database)
    assert first.returncode == 0, first.stderr
    assert "Demo-kommune oprettet" in first.stdout
    again = run_main("seed", "--demo", "--scale", "0.05", database=database)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    quiet = run_main("seed", "--demo", "--if-empty", database=database)
    assert quiet.returncode == 0 and "findes allerede" in quiet.stdout
    jobs = run_main("jobs", database=database)
    assert jobs.returncode == 0 and "Adoptionsmåling gemt" in jobs.stdout
    with sqlite3.connect(database) as conn:
        days = conn.execute("SELECT COUNT(DISTINCT day) FROM rollout_adoption_snapshot").fetchone()[0]
    assert days >= 7
