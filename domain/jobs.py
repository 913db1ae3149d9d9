"""Scheduled work that runs inside one Sammen process: the adoption snapshot, the upload purges and retention."""

from __future__ import annotations

import asyncio
import logging

from domain.clock import today_local, utcnow
from domain.gallery.expiry import do_purge_expired_albums
from domain.gdpr.retention import daily_retention
from domain.messages.attachments import do_purge_stale_uploads
from domain.notifications.purge import do_purge_old_notifications
from domain.provisioning.stored import do_purge_stale_imports
from domain.rollout.adoption import do_backfill_snapshots

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 3600
BACKFILL_DAYS = 7


async def run_once() -> int:
    """Store the week's snapshots; purge unsent uploads, stale imports and old notifications; retention daily."""
    written = await do_backfill_snapshots(today_local(), BACKFILL_DAYS)
    purged = await do_purge_stale_uploads(now=utcnow())
    if purged:
        log.info("purged %d unsent uploads", purged)
    expired = await do_purge_stale_imports(now=utcnow())
    if expired:
        log.info("deleted the files of %d imports checked over 24 hours ago and never applied", expired)
    forgotten, finished = await do_purge_old_notifications(now=utcnow())
    if forgotten or finished:
        log.info("forgot %d notifications over 90 days old and %d finished deliveries", forgotten, finished)
    albums = await do_purge_expired_albums(now=utcnow())
    if albums:
        log.info("deleted %d gallery albums past their retention date, with their photos", albums)
    # At most one real run per municipality a day; a municipality that fails is tried again next hour.
    await daily_retention(now=utcnow())
    return written


async def run_forever(interval: float = INTERVAL_SECONDS) -> None:
    """Run the jobs now and then every interval; a failure is logged and retried next time."""
    while True:
        try:
            written = await run_once()
            log.info("adoption snapshot stored (%d rows)", written)
        except Exception:
            log.exception("daily jobs failed; retrying in %s s", interval)
        await asyncio.sleep(interval)
