"""Scheduled work that runs inside one Sammen process: the daily adoption snapshot."""

from __future__ import annotations

import asyncio
import logging

from domain.clock import today_local
from domain.rollout.adoption import do_backfill_snapshots

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 3600
BACKFILL_DAYS = 7


async def run_once() -> int:
    """Store today's snapshot (refreshing it) and any of the last week's days that were missed."""
    return await do_backfill_snapshots(today_local(), BACKFILL_DAYS)


async def run_forever(interval: float = INTERVAL_SECONDS) -> None:
    """Run the jobs now and then every interval; a failure is logged and retried next time."""
    while True:
        try:
            written = await run_once()
            log.info("adoption snapshot stored (%d rows)", written)
        except Exception:
            log.exception("daily jobs failed; retrying in %s s", interval)
        await asyncio.sleep(interval)
