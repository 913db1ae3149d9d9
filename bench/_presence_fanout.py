"""The fan-out run: the real app as a subprocess, browser-like boards on websockets, check-ins timed to the last."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench._presence_world import STAFF_SUBJECT, BenchWorld, build_world, cycling
from bench._presence_ws import Fleet, login
from domain.clock import today_local, utcnow
from domain.events import bus
from domain.presence.model import Action, DeviceKind
from domain.presence.service import do_action
from persistence import db
from tests.querycount import count_queries

SERVER = Path(__file__).resolve().parent / "_presence_server.py"


@dataclass
class Sample:
    """One check-in: ms from the service call to the first and the last board, queries, boards reached."""

    first_ms: float
    last_ms: float
    call_ms: float
    queries: int
    reached: int
    boards: int


@dataclass
class Budget:
    """How much to attempt, and the seconds each phase may take (None: no limit)."""

    boards: int
    checkins: int
    redis_checkins: int
    open_s: float | None
    checkin_s: float | None


@dataclass
class FanOut:
    """What the fan-out run measured."""

    get_s: list[float] = field(default_factory=list)
    one: list[Sample] = field(default_factory=list)
    many: list[Sample] = field(default_factory=list)
    redis: list[Sample] = field(default_factory=list)
    subscribers: int = 0
    disconnects: int = 0
    log: str = ""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cycle:
    """Children to check in and out in turn: each alternates CHECK_IN and CHECK_OUT."""

    def __init__(self, world: BenchWorld) -> None:
        self.world, self.ids, self.n = world, cycling(world.children), 0
        self.here: set[int] = set()

    def next(self) -> tuple[int, str, Action]:
        """The next child, its first name and the action that moves it."""
        child = self.ids[self.n % len(self.ids)]
        self.n += 1
        action = Action.CHECK_OUT if child in self.here else Action.CHECK_IN
        (self.here.discard if child in self.here else self.here.add)(child)
        return child, self.world.children[child], action


async def _in_server(http: httpx.AsyncClient, fleet: Fleet, cycle: Cycle, wait_s: float) -> Sample:
    child, name, action = cycle.next()
    fleet.expect(name)
    fleet.live = int((await http.get("/_bench/subscribers", params={"institution": cycle.world.institution_id})).json()[
        "subscribers"])
    answer = (await http.post("/_bench/action", params={"institution": cycle.world.institution_id,
                                                        "child": child, "action": action.value})).json()
    got = await fleet.wait(wait_s)
    t0 = float(answer["t0"])
    return Sample((min(got) - t0) * 1000 if got else float("nan"), (max(got) - t0) * 1000 if got else float("nan"),
                  (float(answer["t1"]) - t0) * 1000, int(answer["queries"]), len(got), fleet.live)


async def _through_redis(fleet: Fleet, cycle: Cycle, wait_s: float) -> Sample:
    """do_action in this process on the same SQLite file; the event goes bench -> Redis -> server -> websockets."""
    child, name, action = cycle.next()
    actor = await cycle.world.staff(today_local())
    fleet.expect(name)
    with count_queries() as sent:
        t0 = time.monotonic()
        await do_action(actor, child, cycle.world.institution_id, action, now=utcnow(), device=DeviceKind.TABLET)
        t1 = time.monotonic()
    got = await fleet.wait(wait_s)
    return Sample((min(got) - t0) * 1000 if got else float("nan"), (max(got) - t0) * 1000 if got else float("nan"),
                  (t1 - t0) * 1000, len(sent), len(got), fleet.live or len(fleet.tabs))


async def _wait_up(http: httpx.AsyncClient, proc: asyncio.subprocess.Process) -> None:
    for _ in range(300):
        if proc.returncode is not None:
            raise RuntimeError("the server stopped during start-up")
        try:
            if (await http.get("/login")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("the server did not start within 30 s")


def _timeout(boards: int) -> float:
    return 10.0 + 0.15 * boards  # generous: a board that never gets the tile counts as not reached, not as slow


async def _phase(budget_s: float | None, count: int, step: object) -> list[Sample]:
    samples: list[Sample] = []
    started = time.monotonic()
    while len(samples) < count and (budget_s is None or time.monotonic() - started < budget_s):
        samples.append(await step())  # type: ignore[operator]
        if len(samples) % 50 == 0:  # a progress line for long runs (--full takes minutes), with figures so far
            last, done = samples[-1], sorted(x.last_ms for x in samples if x.reached)
            so_far = f"p50 {done[len(done) // 2]:.0f} ms, p95 {done[int(len(done) * 0.95)]:.0f} ms" if done else "-"
            print(f"   ... {len(samples)} of {count} check-ins, {time.monotonic() - started:.0f} s, last board so far "
                  f"{so_far}, this one reached {last.reached} of {last.boards}", file=sys.stderr, flush=True)
    return samples


async def run_fanout(budget: Budget, redis_url: str | None) -> FanOut:
    """Seed a temporary SQLite file, start the app on it, open boards and time check-ins."""
    result = FanOut()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'fanout.sqlite3'}?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL"
        await db.apply_migrations(url)
        await db.open_database(url)
        world = await build_world(today_local(), utcnow())
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "PORT": str(port), "PUBLIC_URL": f"http://127.0.0.1:{port}",
               "STORAGE_SECRET": secrets.token_hex(16), "SAMMEN_RUN_JOBS": "0", "BENCH_STAFF_ID": str(world.staff_id),
               "SAMMEN_DATA_DIR": tmp}
        env.pop("REDIS_URL", None)
        if redis_url:
            env["REDIS_URL"] = redis_url
            await bus.connect_redis(redis_url)
        log_path = Path(tmp) / "server.log"
        with log_path.open("wb") as log:
            proc = await asyncio.create_subprocess_exec(sys.executable, str(SERVER), env=env, stdout=log,
                                                        stderr=asyncio.subprocess.STDOUT)
        fleet = Fleet()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
                await _wait_up(http, proc)
                await login(http, STAFF_SUBJECT)
                path = f"/kommegaa?institution={world.institution_id}"
                cycle = Cycle(world)
                result.get_s.append(await fleet.open(http, path))
                result.one = await _phase(None, 10, lambda: _in_server(http, fleet, cycle, _timeout(1)))
                started = time.monotonic()
                while len(fleet.tabs) < budget.boards and (
                        budget.open_s is None or time.monotonic() - started < budget.open_s):
                    result.get_s.append(await fleet.open(http, path))
                await asyncio.sleep(1)  # let the last connections settle
                result.subscribers = int((await http.get("/_bench/subscribers", params={
                    "institution": world.institution_id})).json()["subscribers"])
                timeout = _timeout(len(fleet.tabs))
                result.many = await _phase(budget.checkin_s, budget.checkins,
                                           lambda: _in_server(http, fleet, cycle, timeout))
                if redis_url:
                    result.redis = await _phase(budget.checkin_s, budget.redis_checkins,
                                                lambda: _through_redis(fleet, cycle, timeout))
                pauses = (await http.get("/_bench/gc")).json()
                print(f"   server's full garbage collections: {pauses['full_collections']}, longest "
                      f"{pauses['max_ms']:.0f} ms, {pauses['total_ms']:.0f} ms in all", file=sys.stderr, flush=True)
        finally:
            result.disconnects = sum(tab.disconnects for tab in fleet.tabs)
            await fleet.close()
            if proc.returncode is None:
                proc.terminate()
                try:
                    await asyncio.wait_for(proc.wait(), 15)
                except TimeoutError:
                    proc.kill()
            await bus.close()
            await db.close_database()
            result.log = log_path.read_text(errors="replace")[-2000:]
    return result
