"""Benchmark: notifications for a post marked Vigtigt to 2,000 guardians, their Web Push delivery, a message's send.

The world is bench/_messages_world.py's school without its message history: 1,000 children, 2,000 guardians, each
guardian with one push subscription at a local push endpoint (bench/_push_sink.py, its own process, answering 201).
(a) the post's notifications written (notify_important_post: who it reaches, do_enqueue): ms and statements;
(b) the worker pushing them (run_once, encrypted and VAPID-signed, through aiohttp): notifications/s on one process,
    and the event loop's lag meanwhile (what a page request in the same process would wait) against idle;
(c) do_send of a message to the 2,000 guardians, with its notifications and with them switched off.
SQLite in a temporary file, then PostgreSQL in its own database bench_notifications. `--quick`: fewer runs.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402

import domain.messages.service as message_service  # noqa: E402
from bench._figures import on_both_databases, p95  # noqa: E402
from bench._messages_world import _people  # noqa: E402
from domain.clock import today_local, utcnow  # noqa: E402
from domain.events import committing  # noqa: E402
from domain.identity.facts import load_person_facts  # noqa: E402
from domain.identity.model import Role  # noqa: E402
from domain.messages.service import do_send  # noqa: E402
from domain.notifications import vapid  # noqa: E402
from domain.notifications.delivery import run_once  # noqa: E402
from domain.notifications.push import PushSender  # noqa: E402
from domain.posts.notify import notify_important_post  # noqa: E402
from persistence import db  # noqa: E402
from persistence.notifications import NotificationDelivery, PushSubscription  # noqa: E402
from tests.querycount import count_queries  # noqa: E402

PG_DATABASE = "bench_notifications"
WRITE_LIMIT_MS = 1000.0
PUSH_TARGET = 200.0  # notifications/s on one process


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


async def _sink() -> tuple[asyncio.subprocess.Process, str]:
    proc = await asyncio.create_subprocess_exec(sys.executable, str(Path(__file__).parent / "_push_sink.py"),
                                                stdout=asyncio.subprocess.PIPE)
    assert proc.stdout is not None
    port = int((await proc.stdout.readline()).decode())
    return proc, f"http://127.0.0.1:{port}"


async def _devices(origin: str, guardians: list[int]) -> None:
    key = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    now = utcnow()
    await PushSubscription.bulk_create([PushSubscription(person_id=g, endpoint=f"{origin}/push/{g}", p256dh=_b64(key),
                                                         auth=_b64(os.urandom(16)), created_at=now) for g in guardians],
                                       batch_size=500)


CPU: list[float] = []  # this process's CPU milliseconds of the last _timed call (the machine may be busy)


async def _timed(call: Callable[[], Awaitable[Any]]) -> tuple[float, int, Any]:
    with count_queries() as sent:
        started, cpu = time.perf_counter(), time.process_time()
        result = await call()
        ms = (time.perf_counter() - started) * 1000
        CPU.append((time.process_time() - cpu) * 1000)
    return ms, len(sent), result


async def _loop_lag(stop: asyncio.Event, lags: list[float]) -> None:
    """How late a 10 ms sleep wakes up: what any other request in this process waits for the loop."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append((time.perf_counter() - started) * 1000 - 10)


async def _with_lag(call: Callable[[], Awaitable[Any]]) -> tuple[Any, list[float]]:
    stop = asyncio.Event()
    lags: list[float] = []
    watcher = asyncio.create_task(_loop_lag(stop, lags))
    try:
        return await call(), lags
    finally:
        stop.set()
        await watcher


LOAD: list[str] = []


def _load() -> str:
    """The machine's one-minute load average: on a shared machine, the figures are only as good as the CPU left."""
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


async def _no_notifications(*_args: Any, **_kwargs: Any) -> int:
    return 0


async def measure(label: str, url: str, posts: int, sends: int, sink: str, key_dir: Path) -> None:
    if url.startswith("sqlite"):
        url += "?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL"  # as the app's own default URL
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        day, now = today_local(), utcnow()
        _, school, group, teacher, guardians = await _people(day)
        await _devices(sink, guardians)
        print(f"{label}: 2,000 guardians with a push subscription each")

        writes: list[tuple[float, int, int]] = []
        for n in range(posts):
            async def post(n: int = n) -> int:
                async with committing(db.transaction) as outbox:
                    return await notify_important_post(outbox, post_id=900_000 + n, institution_id=school.id,
                                                       group_ids=[group.id], title="Husk madpakke fredag",
                                                       author_id=teacher.id, day=day, now=now)
            ms, statements, made = await _timed(post)
            writes.append((ms, statements, made))
        times, cpu = [w[0] for w in writes], statistics.median(CPU[-posts:])
        print(f"   (a) post marked Vigtigt: {writes[0][2]:,} notifications, "
              f"{await NotificationDelivery.filter(channel='push').count() // posts:,} push rows each; "
              f"p50 {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms (target <= {WRITE_LIMIT_MS:.0f}), "
              f"{max(w[1] for w in writes)} statements: {'PASS' if p95(times) <= WRITE_LIMIT_MS else 'MISS'}; "
              f"CPU of this process p50 {cpu:.0f} ms")

        _, idle = await _with_lag(lambda: asyncio.sleep(1.0))
        sender = PushSender(vapid.load_or_create(key_dir), "mailto:drift@sammen.localhost")
        pending = await NotificationDelivery.filter(sent_at=None).count()
        LOAD[:] = [_load()]

        async def deliver() -> int:
            total = 0
            while claimed := await run_once({"push": sender}, utcnow()):
                total += claimed
            return total

        started, cpu_started = time.perf_counter(), time.process_time()
        (delivered, lags) = await _with_lag(deliver)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        await sender.close()
        sent = await NotificationDelivery.exclude(sent_at=None).count()
        rate = sent / seconds
        print(f"   (b) push delivery: {sent:,} of {pending:,} pushed in {seconds:.1f} s = {rate:.0f}/s "
              f"(target >= {PUSH_TARGET:.0f}): {'PASS' if rate >= PUSH_TARGET else 'MISS'}; event loop lag p50/p95/max "
              f"{statistics.median(lags):.1f}/{p95(lags):.1f}/{max(lags):.1f} ms (idle {statistics.median(idle):.1f}/"
              f"{p95(idle):.1f}/{max(idle):.1f} ms)")
        print(f"       CPU of this process {cpu_seconds:.1f} s = {cpu_seconds / sent * 1000:.2f} ms a push: "
              f"{sent / cpu_seconds:.0f}/s on one free core; load average before/after {LOAD[0]}/{_load()}")

        facts = await load_person_facts(teacher.id, day)
        assert facts is not None
        actor = facts.actor(Role.STAFF, "3")

        async def send() -> Any:
            return await do_send(actor, subject="Til alle forældre", body="Kære forældre\n\nHusk turen på fredag.",
                                 recipient_keys=[f"group_guardians:{group.id}"], now=utcnow())

        with_notes: list[tuple[float, int]] = []
        without: list[tuple[float, int]] = []
        real = message_service.notify_delivered
        for _ in range(sends):
            ms, statements, _ = await _timed(send)
            with_notes.append((ms, statements))
            message_service.notify_delivered = _no_notifications
            try:
                ms, statements, _ = await _timed(send)
            finally:
                message_service.notify_delivered = real
            without.append((ms, statements))
        cpus = {"with notifications": CPU[-2 * sends::2], "without notifications": CPU[-2 * sends + 1::2]}
        for name, rows in (("with notifications", with_notes), ("without notifications", without)):
            t = [r[0] for r in rows]
            print(f"   (c) do_send to 2,000 guardians {name:<22}: p50 {statistics.median(t):.0f} ms, "
                  f"p95 {p95(t):.0f} ms, {max(r[1] for r in rows)} statements, "
                  f"CPU p50 {statistics.median(cpus[name]):.0f} ms")
    finally:
        await db.close_database()


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="one post and two sends")
    args = parser.parse_args(argv)
    posts, sends = (1, 2) if args.quick else (3, 5)
    import tempfile

    proc, origin = await _sink()
    try:
        with tempfile.TemporaryDirectory() as key_dir:
            async def run(label: str, url: str) -> None:
                await measure(label, url, posts, sends, origin, Path(key_dir))

            await on_both_databases(PG_DATABASE, run)
    finally:
        proc.kill()
        await proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
