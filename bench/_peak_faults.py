"""Faults injected into the cluster's largest level: kill -9 of one process, or a real PostgreSQL restart."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench._peak_deploy import Deployment
from persistence import db
from persistence.presence import PresenceChange
from persistence.queries import ints

FAULTS = ("kill", "pg-restart")


@dataclass
class FaultReport:
    """When the fault struck, what it hit, and how the crowd came back."""

    fault: str
    at_s: float = 0.0
    took_s: float = 0.0  # how long the fault itself lasted (the restart command; 0 for a kill)
    screens_hit: int = 0  # screens whose socket was on the killed process
    confirmed: int = 0
    lost: list[int] = field(default_factory=list)  # confirmed check-ins missing from the database afterwards


def _postgres_version() -> str:
    return sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]


async def inject(fault: str, deployment: Deployment, delay_s: float, report: FaultReport) -> None:
    """Wait, then strike; the peak goes on around it."""
    await asyncio.sleep(delay_s)
    report.at_s = delay_s
    started = time.monotonic()
    if fault == "kill":
        port, victim = deployment.processes[-1]
        # The process's own count of its pages: exact, where nginx's choice per browser is not visible here.
        report.screens_hit = sum(int(s["clients"]) for s in await deployment.stats() if s["pid"] == victim.pid)
        victim.send_signal(signal.SIGKILL)
    else:
        # The machine's own PostgreSQL: every process loses every pooled connection at once.
        await asyncio.to_thread(subprocess.run, ["pg_ctlcluster", "--skip-systemctl-redirect", _postgres_version(),
                                                 "main", "restart"], check=True, capture_output=True)
    report.took_s = time.monotonic() - started


async def lost_checkins(url: str, confirmed: list[int]) -> list[int]:
    """Confirmed check-ins (history ids the server answered with) that the database does not hold."""
    await db.open_database(url)
    try:
        found: set[int] = set()
        for start in range(0, len(confirmed), 500):
            found |= set(ints(await PresenceChange.filter(id__in=confirmed[start:start + 500]).values_list("id",
                                                                                                          flat=True)))
    finally:
        await db.close_database()
    return [c for c in confirmed if c not in found]
