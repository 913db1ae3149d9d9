"""A level's measured window: the servers' own loop stalls and collections, and a health ping from outside.

Inside: each server's production probes (ui/metrics/probes.py: a 10 ms timer's lateness, kept when >= 50 ms, and
the length of every garbage collection by generation) are read from /_bench/stats every 20 s while the window runs
(a process keeps only its last 10,000) and filtered to the window's CLOCK_MONOTONIC start and end, which the bench
and the servers share on this machine. Outside: every 50 ms a GET /api/health goes to every process, without waiting
for the previous one (an operator's monitor does not slow down when the server does); each answer's latency is kept.
The bench's own loop lateness is kept too: the load generator shares the machine, and a late bench inflates pings.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

PING_EVERY_S = 0.05
POLL_EVERY_S = 20.0
SLOW_MS = 200.0  # the bound: no stall, and no health answer, longer than this


def within(entries: Iterable[Any], start: float, end: float) -> list[Any]:
    """Entries whose first field (a monotonic time: when a stall or collection ended) lies in [start, end]."""
    return [e for e in entries if start <= e[0] <= end]


def longest_stall_ms(stalls: Iterable[tuple[float, float]], start: float, end: float) -> float:
    """The longest loop lag in the window, in ms (0 when no lag reached the probe's 50 ms)."""
    return max((lag * 1000 for _, lag in within(stalls, start, end)), default=0.0)


def collections_by_generation(collections: Iterable[tuple[float, int, float]], start: float,
                              end: float) -> dict[int, tuple[int, float]]:
    """Per generation, how many collections ended in the window and the longest of them in ms."""
    found: dict[int, tuple[int, float]] = {}
    for _, generation, seconds in within(collections, start, end):
        count, longest = found.get(generation, (0, 0.0))
        found[generation] = (count + 1, max(longest, seconds * 1000))
    return found


@dataclass
class Inside:
    """Each process's stalls and collections as read so far, keyed by its address (a killed one keeps its own)."""

    stalls: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    collections: dict[str, list[tuple[float, int, float]]] = field(default_factory=dict)
    since: dict[str, float] = field(default_factory=dict)

    async def poll(self, http: httpx.AsyncClient, urls: list[str]) -> None:
        """Read what each live process recorded since its last answer."""
        answers = await asyncio.gather(*(http.get(f"{u}/_bench/stats", params={"since": self.since.get(u, 0.0)})
                                         for u in urls), return_exceptions=True)
        for url, answer in zip(urls, answers, strict=True):
            if isinstance(answer, BaseException) or answer.status_code != 200:
                continue  # a process killed by the fault: what it said before stays
            body = answer.json()
            stalls = [(float(at), float(lag)) for at, lag in body["stalls"]]
            collections = [(float(at), int(gen), float(s)) for at, gen, s in body["collections"]]
            self.stalls.setdefault(url, []).extend(stalls)
            self.collections.setdefault(url, []).extend(collections)
            self.since[url] = max([self.since.get(url, 0.0)] + [s[0] for s in stalls] + [c[0] for c in collections])


@dataclass
class Loop:
    """What a window showed of the servers' loops and collectors."""

    longest_ms: list[float] = field(default_factory=list)  # each process's longest stall
    slow: int = 0  # stalls longer than the bound, all processes together
    gc: dict[int, tuple[int, float]] = field(default_factory=dict)  # generation -> (collections, longest ms)


def summarise(inside: Inside, start: float, end: float) -> Loop:
    """The window's stalls per process and its collections per generation over all processes."""
    loop = Loop()
    for url in sorted(inside.since):
        stalls = within(inside.stalls.get(url, []), start, end)
        loop.longest_ms.append(longest_stall_ms(stalls, start, end))
        loop.slow += sum(1 for _, lag in stalls if lag * 1000 > SLOW_MS)
        for generation, (count, longest) in collections_by_generation(inside.collections.get(url, []), start,
                                                                      end).items():
            before = loop.gc.get(generation, (0, 0.0))
            loop.gc[generation] = (before[0] + count, max(before[1], longest))
    return loop


@dataclass
class Pings:
    """Health pings from outside: each answer's latency, the failures, and the bench's own lateness."""

    ms: list[float] = field(default_factory=list)
    failed: int = 0  # no answer, or not 200
    bench_late_ms: float = 0.0  # the longest the bench's loop was late for a 50 ms tick

    def slow(self) -> int:
        """How many pings took longer than the bound."""
        return sum(1 for v in self.ms if v > SLOW_MS)


async def _ping_forever(urls: Callable[[], list[str]], pings: Pings, stop: asyncio.Event) -> None:
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=20)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        flying: set[asyncio.Task[None]] = set()

        async def one(url: str) -> None:
            started = time.monotonic()
            try:
                answer = await http.get(f"{url}/api/health")
            except httpx.HTTPError:
                pings.failed += 1
                return
            pings.ms.append((time.monotonic() - started) * 1000)
            pings.failed += answer.status_code != 200

        at = time.monotonic()  # when this tick is due
        while not stop.is_set():
            late = time.monotonic() - at
            pings.bench_late_ms = max(pings.bench_late_ms, late * 1000)
            if late > PING_EVERY_S:  # the bench's own loop was busy: skip the ticks it missed rather than burst
                at = time.monotonic()
            for url in urls():
                task = asyncio.create_task(one(url))
                flying.add(task)
                task.add_done_callback(flying.discard)
            at += PING_EVERY_S
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), max(0.0, at - time.monotonic()))
        await asyncio.gather(*flying, return_exceptions=True)


async def _poll_forever(inside: Inside, urls: Callable[[], list[str]], stop: asyncio.Event) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_EVERY_S)
            await inside.poll(http, urls())


async def observe(work: Awaitable[None], urls: Callable[[], list[str]]) -> tuple[Inside, Pings]:
    """Run `work` while pinging every live process and reading its probes; the caller filters by its window."""
    inside, pings, stop = Inside(), Pings(), asyncio.Event()
    inside.since = {u: time.monotonic() for u in urls()}
    watchers = [asyncio.create_task(_ping_forever(urls, pings, stop)),
                asyncio.create_task(_poll_forever(inside, urls, stop))]
    try:
        await work
    finally:
        stop.set()
        await asyncio.gather(*watchers, return_exceptions=True)
    return inside, pings
