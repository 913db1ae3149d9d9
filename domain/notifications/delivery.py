"""The delivery worker: claims due outbox rows, hands them to their channel, marks each sent, retried or failed.

Guarantees, and the one window that remains:
- A row is claimed in a short transaction (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two workers in a cluster never
  claim the same row; SQLite: a conditional UPDATE, with one jobs process) and marked sent as soon as its channel
  confirms it (a push: the service's 201), not at the end of the batch (SentMarks: the next UPDATE, shared with
  whatever else was confirmed meanwhile).
- A worker killed mid-batch leaves its unconfirmed rows claimed; after CLAIM_STALE another worker claims them again.
  Nothing is lost, and a row marked sent is never sent again.
- At least once remains in one place: between the push service's 201 and the commit of that row's UPDATE (one
  statement, a few milliseconds). A kill exactly there sends that row once more after CLAIM_STALE; the push carries
  the Topic header and the notification tag `n<id>`, so the push service and the phone replace it rather than show
  it twice. A worker slower than CLAIM_STALE on one batch could see its rows re-claimed; handlers time out long before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, timedelta

from tortoise.expressions import F, Q

from domain.clock import utcnow
from domain.notifications.delivery_types import DeliveryJob, Handler, Outcome
from persistence.db import transaction
from persistence.notifications import NotificationDelivery, PushSubscription

__all__ = ["DeliveryJob", "DeliveryWorker", "Handler", "Outcome", "claim_due", "mark", "run_once"]
log = logging.getLogger(__name__)

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))  # then the row is given up
CLAIM_STALE = timedelta(minutes=5)  # a claim older than this belongs to a worker that died
BATCH = 500  # rows claimed per pass
PUSH_PARALLEL = 64  # pushes in flight at once
EMAIL_CHUNK = 20  # e-mails handed to the e-mail handler per call (marked after each call)


def new_worker_id() -> str:
    """This process's name on its claims: host, pid and a random part (a restarted pid is another worker)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _claimable(now: datetime, channels: Collection[str] | None) -> Q:
    due = Q(sent_at=None, failed=False, due_at__lte=now) & (Q(claimed_at=None) | Q(claimed_at__lt=now - CLAIM_STALE))
    return due & Q(channel__in=list(channels)) if channels is not None else due


async def claim_due(now: datetime, limit: int, worker_id: str,
                    channels: Collection[str] | None = None) -> list[DeliveryJob]:
    """Claim up to `limit` due, unsent rows (of these channels) for this worker, oldest first, with their content."""
    async with transaction() as conn:
        rows = await NotificationDelivery.filter(_claimable(now, channels)).order_by("due_at", "id").limit(limit).only(
            "id").select_for_update(skip_locked=True).using_db(conn)
        ids = [r.id for r in rows]
        if not ids:
            return []
        # The condition again: on SQLite there are no row locks, and a row another worker took meanwhile stays theirs.
        await NotificationDelivery.filter(_claimable(now, channels), id__in=ids).using_db(conn).update(
            claimed_at=now, claimed_by=worker_id)
    found = await NotificationDelivery.filter(id__in=ids, claimed_by=worker_id, claimed_at=now, sent_at=None).order_by(
        "due_at", "id").values_list(
        "id", "notification_id", "notification__person_id", "channel", "device_id", "notification__category",
        "notification__title", "notification__body", "notification__link", "notification__sensitive",
        "notification__created_at", "attempts")
    return [DeliveryJob(id=i, notification_id=n, person_id=p, channel=ch, device_id=d, category=cat, title=t, body=b,
                        link=li, sensitive=bool(s), created_at=c, attempts=a)
            for i, n, p, ch, d, cat, t, b, li, s, c, a in found]


class SentMarks:
    """Marks confirmed rows sent as a group commit: each caller returns once its own row's UPDATE has committed.

    Pushes confirmed while an UPDATE runs are marked together by the next one, so a batch of 500 costs a handful of
    statements at speed and one per row when they trickle in; no row waits for the rest of its batch.
    """

    def __init__(self, now: datetime) -> None:
        self.now, self._waiting, self._lock = now, set[int](), asyncio.Lock()

    async def sent(self, delivery_id: int) -> None:
        """Mark one confirmed row sent (with whatever else was confirmed meanwhile)."""
        self._waiting.add(delivery_id)
        async with self._lock:
            if delivery_id not in self._waiting:
                return  # another caller's UPDATE took it along
            ids, self._waiting = sorted(self._waiting), set()
            await NotificationDelivery.filter(id__in=ids, sent_at=None).update(
                sent_at=self.now, attempts=F("attempts") + 1, error="")


async def mark(job: DeliveryJob, outcome: Outcome, now: datetime, marks: SentMarks | None = None) -> None:
    """Record one outcome: sent, retried later with back-off, given up; a gone device is deleted."""
    if outcome.ok:
        await (marks or SentMarks(now)).sent(job.id)
        return
    pending = NotificationDelivery.filter(id=job.id, sent_at=None)
    attempts = job.attempts + 1
    if outcome.gone and job.device_id is not None:
        await pending.update(failed=True, attempts=attempts, error="gone")
        await NotificationDelivery.filter(channel="push", device_id=job.device_id, sent_at=None, failed=False).delete()
        await PushSubscription.filter(id=job.device_id).delete()
        return
    if outcome.retry and attempts <= len(BACKOFF):
        await pending.update(attempts=attempts, due_at=now + BACKOFF[attempts - 1], claimed_at=None, claimed_by="",
                             error=outcome.error[:120])
        return
    await pending.update(failed=True, attempts=attempts, error=(outcome.error or "failed")[:120])


def _groups(channel: str, jobs: list[DeliveryJob]) -> list[list[DeliveryJob]]:
    """How a channel's jobs are handed over: a push each (marked as each is confirmed), a person's digest rows
    together, e-mails in small chunks."""
    if channel == "digest":
        by_person: dict[int, list[DeliveryJob]] = {}
        for job in jobs:
            by_person.setdefault(job.person_id, []).append(job)
        return list(by_person.values())
    size = EMAIL_CHUNK if channel == "email" else 1
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


async def _hand_over(handler: Handler, group: list[DeliveryJob], now: datetime,
                     marks: SentMarks) -> list[tuple[DeliveryJob, Outcome]]:
    try:
        outcomes = {o.delivery_id: o for o in await handler(group, now)}
    except Exception as exc:  # a broken handler retries its rows later; the rest of the batch goes on
        log.warning("delivery handler failed: %s", type(exc).__name__)
        outcomes = {}
    done = [(job, outcomes.get(job.id) or Outcome(job.id, ok=False, retry=True, error="no_outcome")) for job in group]
    for job, outcome in done:
        await mark(job, outcome, now, marks)
    return done


async def run_once(handlers: Mapping[str, Handler], now: datetime, *, worker_id: str | None = None,
                   limit: int = BATCH, parallel: int = PUSH_PARALLEL) -> int:
    """Claim one batch and deliver it; returns how many rows were claimed (0: nothing was due)."""
    me = worker_id or new_worker_id()
    jobs = await claim_due(now, limit, me, channels=set(handlers))
    if not jobs:
        return 0
    by_channel: dict[str, list[DeliveryJob]] = {}
    for job in jobs:
        by_channel.setdefault(job.channel, []).append(job)
    gate, marks = asyncio.Semaphore(parallel), SentMarks(now)

    async def one(handler: Handler, group: list[DeliveryJob]) -> list[tuple[DeliveryJob, Outcome]]:
        async with gate:
            return await _hand_over(handler, group, now, marks)

    for channel, channel_jobs in by_channel.items():  # a handler may read what the whole batch needs at once
        prepare = getattr(handlers[channel], "prepare", None)
        if prepare is not None:
            await prepare(channel_jobs)

    # A channel without a handler in this process (no SMTP, say) is not claimed at all: its rows wait.
    tasks = [one(handlers[channel], group) for channel, channel_jobs in by_channel.items()
             for group in _groups(channel, channel_jobs)]
    results = [pair for done in await asyncio.gather(*tasks) for pair in done]
    used = {job.device_id for job, outcome in results if outcome.ok and job.channel == "push"}
    if used:
        await PushSubscription.filter(id__in=used).update(last_used_at=now)
    counts: dict[str, int] = {}
    for _, outcome in results:
        key = "sent" if outcome.ok else ("gone" if outcome.gone else ("retry" if outcome.retry else "failed"))
        counts[key] = counts.get(key, 0) + 1
    log.info("notification deliveries: %s", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return len(jobs)


class DeliveryWorker:
    """Empties the outbox every few seconds in the one jobs process (or in each process of a PostgreSQL cluster)."""

    def __init__(self, handlers: Mapping[str, Handler], *, interval: float = 2.0, limit: int = BATCH,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.handlers, self.interval, self.limit, self.clock = dict(handlers), interval, limit, clock
        self.worker_id = new_worker_id()
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look at the outbox now instead of at the next interval (after a commit that queued something)."""
        self._wake.set()

    async def run_once(self) -> int:
        """One pass; a failure is logged by class and the next pass tries again."""
        try:
            return await run_once(self.handlers, self.clock(), worker_id=self.worker_id, limit=self.limit)
        except Exception as exc:
            log.warning("notification delivery pass failed: %s", type(exc).__name__)
            return 0

    async def run_forever(self) -> None:
        """Pass after pass: at once while batches come back full, else after `interval` or a wake-up."""
        try:
            while True:
                self._wake.clear()  # before the pass: a wake-up during it makes the next pass start at once
                if await self.run_once() >= self.limit:
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.interval)
        finally:
            for handler in self.handlers.values():  # the push sender's connection pool
                close = getattr(handler, "close", None)
                if close is not None:
                    await close()

    def start(self) -> asyncio.Task[None]:
        """Run until the returned task is cancelled."""
        return asyncio.get_running_loop().create_task(self.run_forever())
