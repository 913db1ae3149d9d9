"""A database built by the migrations has every unique constraint and index the models declare.

On SQLite an AlterField in a migration rebuilds the table, and a rebuild once dropped presence_day's unique
(person, institution, day), which let a child's day be stored twice.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.api import migrate

from persistence import db


def _sqlite_indexes(path: Path) -> dict[str, list[tuple[bool, tuple[str, ...]]]]:
    """Each table's indexes as (unique, columns), read from SQLite itself."""
    found: dict[str, list[tuple[bool, tuple[str, ...]]]] = {}
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for _seq, name, unique, *_rest in conn.execute(f'PRAGMA index_list("{table}")'):
                columns = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
                found.setdefault(table, []).append((bool(unique), columns))
    return found


def _columns(model: type, names: tuple[str, ...]) -> tuple[str, ...]:
    fields = model._meta.fields_db_projection  # type: ignore[attr-defined]
    return tuple(fields.get(n, fields.get(f"{n}_id", n)) for n in names)


async def test_every_declared_unique_and_index_exists_after_migrating(tmp_path: Path) -> None:
    path = tmp_path / "migrated.sqlite3"
    await migrate(config=db.tortoise_config(f"sqlite://{path}"), target=None)
    await db.close_database()
    indexes = _sqlite_indexes(path)
    await Tortoise.init(config=db.tortoise_config(f"sqlite://{tmp_path / 'models.sqlite3'}"))
    try:
        missing = []
        for model in Tortoise.apps["models"].values():
            meta = model._meta
            for names in meta.unique_together or ():
                wanted = _columns(model, tuple(names))
                if (True, wanted) not in indexes.get(meta.db_table, []):
                    missing.append(f"{meta.db_table}: unique {wanted}")
            for index in meta.indexes or ():
                names = tuple(index) if isinstance(index, (tuple, list)) else tuple(index.fields)
                wanted = _columns(model, names)
                if not any(cols == wanted for _, cols in indexes.get(meta.db_table, [])):
                    missing.append(f"{meta.db_table}: index {wanted}")
        assert not missing, missing
    finally:
        await Tortoise.close_connections()
