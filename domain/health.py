"""The health of the running service, for load balancers and monitoring."""

from __future__ import annotations

from typing import Any

from persistence.db import database_status


async def health() -> tuple[bool, dict[str, Any]]:
    """Whether Sammen can serve, with the database status."""
    database = await database_status()
    ok = database["status"] == "ok"
    return ok, {"status": "ok" if ok else "degraded", "database": database}
