"""The health of the running service, for load balancers and monitoring."""

from __future__ import annotations

from typing import Any

from domain.events import bus
from persistence.db import database_status, pool_usage


async def health() -> tuple[bool, dict[str, Any]]:
    """Whether Sammen can serve (the database answers), with the database and event-bridge status."""
    database = await database_status()
    ok = database["status"] == "ok"
    # Redis down does not stop this process serving, so it never turns the answer red: it is reported beside it.
    events = {"status": bus.bridge_state()}
    return ok, {"status": "ok" if ok else "degraded", "database": database, "events": events}


def database_pool() -> dict[str, int]:
    """This process's database connections: `size` and `in_use` (for the operator's metrics)."""
    return pool_usage()
