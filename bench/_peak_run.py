"""One level of the morning peak: open screens up to a count, then run check-ins, messages and page churn.

Propagation runs from CLOCK_MONOTONIC read by the bench just before it sends the check-in (the clock is system-wide,
so a request waiting in a stalled server loop is counted) to the moment each open screen showing the child receives
the update; `queue_ms` is how long the request took to reach the server's handler. A message send is timed by the
bench from sending to the answer. Page churn: about once a second a parent opens Overblik or Beskeder in a second
tab (GET and socket), keeps it a second and closes it (the server drops the page after its reconnect grace).
"""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench._peak_cast import Cast, Screen
from bench._peak_clients import Browser, Crowd, PageFailed, Shed
from bench._peak_deploy import Deployment
from bench._peak_faults import FaultReport
from bench._peak_window import Loop, Pings

OPEN_AT_ONCE = 8  # phones arriving together; more only queues on the server's one core
WAIT_S = 10.0  # a screen that has not shown a check-in after this long counts as missed


@dataclass
class Level:
    """What one level measured."""

    clients: dict[str, int] = field(default_factory=dict)  # the screens the level asks for, per kind
    opened: int = 0  # the screens actually open when the peak starts (a page that failed to open is not retried)
    get_ms: list[float] = field(default_factory=list)
    socket_ms: list[float] = field(default_factory=list)
    latency_ms: dict[str, list[float]] = field(default_factory=dict)  # per screen kind, from the bench's send
    queue_ms: list[float] = field(default_factory=list)  # from the bench's send to the check-in handler starting
    missed: int = 0
    checkins: int = 0
    refused: int = 0
    shed: int = 0  # page loads answered with the self-reloading "Sammen har travlt" page
    page_500: list[str] = field(default_factory=list)  # pages whose load answered 500 (opening, churn or reload)
    unconfirmed: int = 0  # check-ins answered 503 during a database outage (the user sees "Forbinder igen…")
    confirmed: list[int] = field(default_factory=list)  # history ids of check-ins the server confirmed
    messages_ms: list[float] = field(default_factory=list)  # the bench's round trip of a message send
    reads_ms: list[float] = field(default_factory=list)  # page GETs of the churn, during the peak
    errors: list[str] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)  # bytes, no collection asked: total, growth per kind
    cpu_cores: float = 0.0
    pages: int = 0  # pages the servers hold after the peak (open screens, and churn tabs within the reconnect grace)
    loop: Loop = field(default_factory=Loop)  # the servers' stalls and collections within the window
    pings: Pings = field(default_factory=Pings)  # health pings from outside within the window
    disconnects: int = 0  # socket drops during the level (its opening and its peak)
    reopened: list[float] = field(default_factory=list)  # seconds each reloaded screen was without its page
    reload_errors: int = 0
    reloads_shed: int = 0
    fault: FaultReport | None = None
    seconds: float = 0.0
    window: tuple[float, float] = (0.0, 0.0)  # CLOCK_MONOTONIC start and end of the peak

    def failed(self, what: str, error: BaseException) -> None:
        """Count a page 500 in its own column, and name any other error."""
        if isinstance(error, PageFailed) and error.status == 500:
            self.page_500.append(error.path)
        else:
            self.errors.append(f"{what}: {type(error).__name__}: {error}"[:160])


def total(stats: list[dict[str, Any]], key: str) -> float:
    """A figure summed over every process."""
    return float(sum(s[key] for s in stats))


async def open_screens(crowd: Crowd, screens: list[Screen], base_url: str, level: Level) -> None:
    """Sign in, GET and connect each new screen, a few at a time (like phones arriving)."""
    gate = asyncio.Semaphore(OPEN_AT_ONCE)

    async def one(screen: Screen) -> None:
        async with gate:
            browser = Browser(screen, base_url, crowd.watch)
            try:
                await browser.sign_in()
                while True:
                    try:
                        get_s, socket_s = await browser.open()
                        break
                    except Shed as busy:  # the busy page reloads itself after the time it names
                        level.shed += 1
                        await asyncio.sleep(busy.seconds)
            except Exception as error:  # noqa: BLE001 - every failure is counted and named in the report
                level.failed(f"open {screen.kind}", error)
                await browser.close()
                return
            level.get_ms.append(get_s * 1000)
            level.socket_ms.append(socket_s * 1000)
            crowd.browsers.append(browser)

    await asyncio.gather(*(one(s) for s in screens))


class Peak:
    """Check-ins at a morning's rate, message sends and page churn, against an open crowd."""

    def __init__(self, deployment: Deployment, cast: Cast, crowd: Crowd, level: Level, rng: random.Random) -> None:
        self.deployment, self.cast, self.crowd, self.level, self.rng = deployment, cast, crowd, level, rng
        self.order = list(cast.children)
        rng.shuffle(self.order)
        self.next = 0
        self.http = httpx.AsyncClient(timeout=60)  # no cookies kept: each call goes to a process chosen here

    def _process(self) -> str:
        # A tablet whose process died is carried by nginx to a live one; the bench picks among the live ones.
        return self.rng.choice(self.deployment.live_urls())

    def _child(self) -> int:
        while True:
            child = self.order[self.next % len(self.order)]
            self.next += 1
            if child not in self.crowd.watch.children:
                return child

    async def checkin(self) -> None:
        """One check-in (or check-out) on a random process, timed to every open screen that shows the child."""
        child = self._child()
        screens = self.crowd.showing(child)
        for browser in screens:
            browser.seen.pop(child, None)
        self.crowd.watch.children.add(child)
        try:
            sent = time.monotonic()  # before the request can wait anywhere: in the bench, the network or the loop
            reply = await self.http.post(f"{self._process()}/_bench/action", params={
                "institution": self.cast.children[child], "child": child})
            if reply.status_code == 503:  # the database is away: the tablet says "Forbinder igen…", nothing saved
                self.level.unconfirmed += 1
                return
            reply.raise_for_status()
            answer = reply.json()
            if "refused" in answer:
                self.level.refused += 1
                return
            self.level.checkins += 1
            self.level.confirmed.append(int(answer["change_id"]))
            self.level.queue_ms.append((float(answer["arrived"]) - sent) * 1000)
            deadline = time.monotonic() + WAIT_S
            # Polling only decides when to stop waiting: each screen stamped its update when it arrived.
            while time.monotonic() < deadline and any(child not in b.seen for b in screens):  # noqa: ASYNC110
                await asyncio.sleep(0.02)
            for browser in screens:
                if child in browser.seen:
                    self.level.latency_ms.setdefault(browser.screen.kind, []).append(
                        (browser.seen[child] - sent) * 1000)
                else:
                    self.level.missed += 1
        except Exception as error:  # noqa: BLE001 - counted and named in the report
            self.level.errors.append(f"check-in: {type(error).__name__}: {error}"[:160])
        finally:
            self.crowd.watch.children.discard(child)
            for browser in screens:
                browser.seen.pop(child, None)

    def _writer(self) -> tuple[Browser, int] | None:
        """An open parent's phone and the institution of one of its children that the cast checks in."""
        # A parent's page also shows children who are away today or in an institution without KommeGå: the cast has
        # no institution for them, so only the children it does know can name the writer.
        choices = [(b, known) for b in self.crowd.browsers if b.screen.kind == "parent"
                   and (known := sorted(b.shows & self.cast.children.keys()))]
        if not choices:
            return None
        parent, children = self.rng.choice(choices)
        return parent, self.cast.children[self.rng.choice(children)]

    async def message(self) -> None:
        """A member of staff writes to a guardian whose phone is open, timed by the bench from send to answer."""
        writer = self._writer()
        if writer is None:
            self.level.errors.append("message: no open parent with a child the cast checks in")
            return
        parent, institution = writer
        try:  # staff of one of the parent's children's institutions: within the access policy's reach
            sent = time.monotonic()
            answer = await self.http.post(f"{self._process()}/_bench/message", params={
                "sender": institution, "recipient": parent.screen.person_id})
            if answer.status_code == 503:  # the database is away: the writer sees "Forbinder igen…", nothing sent
                self.level.unconfirmed += 1
                return
            answer.raise_for_status()
            self.level.messages_ms.append((time.monotonic() - sent) * 1000)
        except Exception as error:  # noqa: BLE001
            self.level.errors.append(f"message: {type(error).__name__}: {error}"[:160])

    async def read_page(self) -> None:
        """A parent opens Overblik or Beskeder in a second tab for a moment (page GET and socket), then leaves."""
        parent = self.rng.choice([b for b in self.crowd.browsers if b.screen.kind == "parent"])
        path = self.rng.choice(("/overblik", "/beskeder"))
        tab = Browser(Screen("parent", path, parent.screen.subject, parent.screen.person_id),
                      str(parent.http.base_url), self.crowd.watch)
        tab.http.cookies = parent.http.cookies
        try:
            get_s, _ = await tab.open()
            self.level.reads_ms.append(get_s * 1000)
            await asyncio.sleep(1)
        except Shed:
            self.level.shed += 1
        except Exception as error:  # noqa: BLE001
            self.level.failed(f"page {path}", error)
        finally:
            await tab.close()  # the socket goes: the server drops the page after its reconnect grace

    async def run(self, seconds: float, checkins_per_s: float, messages_per_s: float, reads_per_s: float) -> None:
        """Start each kind of action on its own clock for `seconds`, then wait for the last to finish."""
        tasks: list[asyncio.Task[None]] = []

        async def every(per_s: float, action: Any) -> None:
            end, at = time.monotonic() + seconds, time.monotonic()
            while at < end:
                tasks.append(asyncio.create_task(action()))
                at += self.rng.expovariate(per_s)  # arrivals at random, at the given mean rate
                await asyncio.sleep(max(0.0, at - time.monotonic()))

        started = time.monotonic()
        await asyncio.gather(every(checkins_per_s, self.checkin), every(messages_per_s, self.message),
                             every(reads_per_s, self.read_page))
        await asyncio.gather(*tasks)
        ended = time.monotonic()
        self.level.seconds, self.level.window = ended - started, (started, ended)
        await self.http.aclose()


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def median(values: list[float]) -> float:
    """The median, NaN for no values."""
    return statistics.median(values) if values else float("nan")
