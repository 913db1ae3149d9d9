"""Runs `main.py serve` unchanged plus a benchmark-only route: a staff check-in inside the server, timed and counted.

The route exists only in the process bench/presence.py starts (it is added here, never by the app). It takes
CLOCK_MONOTONIC just before `do_action`, counts every SQL statement the server sends while `do_action` runs
(its own and those of the board handlers it calls when it publishes), and returns both; the benchmark's
websocket clients stamp their updates with the same system-wide monotonic clock.
"""

from __future__ import annotations

import asyncio
import logging
import os
import runpy
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nicegui import app  # noqa: E402

from bench._gc_pauses import pauses, start_timing  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.events import bus  # noqa: E402
from domain.identity.facts import load_person_facts  # noqa: E402
from domain.identity.model import Actor, Role  # noqa: E402
from domain.presence.model import Action, DeviceKind  # noqa: E402
from domain.presence.service import do_action  # noqa: E402
from tests.querycount import count_queries  # noqa: E402

_actors: dict[int, Actor] = {}
start_timing()
logging.getLogger("tortoise.db_client").propagate = False  # counted below, not printed


async def _staff() -> Actor:
    staff_id = int(os.environ["BENCH_STAFF_ID"])
    if staff_id not in _actors:
        facts = await load_person_facts(staff_id, today_local())
        assert facts is not None
        _actors[staff_id] = facts.actor(Role.STAFF, "3")
    return _actors[staff_id]


@app.post("/_bench/action")
async def bench_action(institution: int, child: int, action: str) -> dict[str, Any]:
    """Check a child in or out as the bench's member of staff, as the board's own button would."""
    actor = await _staff()
    with count_queries() as sent:
        started = time.monotonic()
        done = await do_action(actor, child, institution, Action(action), now=utcnow(), device=DeviceKind.TABLET)
        finished = time.monotonic()
        await asyncio.sleep(0)  # boards handle the event just after this turn: count what they send too
    return {"t0": started, "t1": finished, "queries": len(sent), "status": done.tile.status,
            "subscribers": bus.subscriber_count(f"presence:{institution}")}


@app.get("/_bench/subscribers")
async def bench_subscribers(institution: int) -> dict[str, int]:
    """How many open boards follow the institution in this process."""
    return {"subscribers": bus.subscriber_count(f"presence:{institution}")}


@app.get("/_bench/gc")
async def bench_gc() -> dict[str, float]:
    """How many full collections ran and the longest pause, in ms."""
    return {"full_collections": len(pauses), "max_ms": max(pauses, default=0.0) * 1000,
            "total_ms": sum(pauses) * 1000}


if __name__ == "__main__":
    sys.argv = [str(ROOT / "main.py"), "serve"]
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
