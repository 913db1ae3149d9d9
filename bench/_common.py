"""What the benchmarks share: the local PostgreSQL, and wiping it between runs."""

from __future__ import annotations

import socket

PG_URL = "postgres://postgres@127.0.0.1:5432/test"


async def reset_postgres() -> None:
    """Drop and recreate the public schema of the benchmark database."""
    import asyncpg

    conn = await asyncpg.connect(PG_URL.replace("postgres://", "postgresql://"))
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


def postgres_here() -> bool:
    """Whether the local PostgreSQL answers."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False
