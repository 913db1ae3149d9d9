"""Benchmark: a flood of requests on the public /krise page while an urgent broadcast goes out (wrk on loopback).

The demo municipality runs (1) as one Sammen process on SQLite, flooded directly, and (2) as three processes on
PostgreSQL and Redis behind nginx (deploy/nginx.conf.template, with its two-second micro-cache for /krise), flooded
through nginx. wrk (Debian's package; `make bench-peak` installs it) holds `--connections` open for `--seconds`.
Meanwhile a signed-in parent reloads Overblik every second (does the app stay usable?), and after a few seconds the
municipal admin sends a broadcast: the bench times the send and polls /krise until the new title is on it.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._peak_cast import Screen, load_cast  # noqa: E402
from bench._peak_clients import Browser, Watch  # noqa: E402
from bench._peak_deploy import Deployment, on_both_deployments, seed  # noqa: E402
from persistence import db  # noqa: E402

UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Flood:
    """What one flood measured."""

    wrk: dict[str, float] = field(default_factory=dict)
    probe_before_ms: list[float] = field(default_factory=list)
    probe_during_ms: list[float] = field(default_factory=list)
    probe_errors: int = 0
    send_s: float = float("nan")
    visible_s: float = float("nan")


def parse_wrk(text: str) -> dict[str, float]:
    """Requests per second, latency percentiles (ms), non-2xx answers and socket errors from wrk's report."""
    found: dict[str, float] = {}
    for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        found[f"p{pct}"] = float(value) * UNIT[unit]
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        found["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in", text):
        found["requests"] = float(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    found["non2xx"] = float(m.group(1)) if m else 0.0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    found["socket_errors"] = float(sum(int(g) for g in errors.groups())) if errors else 0.0
    return found


async def _probe(parent: Browser, into: list[float], flood: Flood, until: float) -> None:
    """A parent reloads Overblik once a second."""
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            answer = await parent.http.get("/overblik")
            answer.raise_for_status()
            into.append((time.monotonic() - started) * 1000)
        except httpx.HTTPError as error:
            flood.probe_errors += 1
            print(f"   probe: {type(error).__name__}: {str(error)[:120]}", file=sys.stderr, flush=True)
        await asyncio.sleep(max(0.0, 1 - (time.monotonic() - started)))


async def _broadcast(deployment: Deployment, front: str, flood: Flood) -> None:
    """Send a broadcast mid-flood and poll /krise (through the flooded front) until it shows the title."""
    title = f"Prøvealarm {int(time.time())}"
    async with httpx.AsyncClient(timeout=60) as http:
        started = time.monotonic()
        answer = await http.post(f"{deployment.process_urls()[-1]}/_bench/broadcast", params={"title": title})
        flood.send_s = float(answer.json()["seconds"])
        while time.monotonic() - started < 60:
            page = await http.get(f"{front}/krise")
            if title in page.text:
                flood.visible_s = time.monotonic() - started
                return
            await asyncio.sleep(0.1)


async def run_flood(name: str, url: str, processes: int, redis: str | None, args: argparse.Namespace,
                    workdir: Path) -> Flood:
    """Seed, start, take a baseline, then flood /krise while probing and broadcasting."""
    print(f"== {name}: seeding the demo municipality", file=sys.stderr, flush=True)
    seed(url, workdir)
    await db.open_database(url)
    try:
        cast = await load_cast()
    finally:
        await db.close_database()
    deployment, flood = Deployment(workdir), Flood()
    try:
        await deployment.start(url, processes, redis)
        front = deployment.base_url
        parent = Browser(Screen("parent", "/overblik", cast.parents[0].subject), front, Watch())
        await parent.sign_in()
        await _probe(parent, flood.probe_before_ms, flood, time.monotonic() + 5)
        wrk = await asyncio.create_subprocess_exec(
            "wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", f"{front}/krise",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        await asyncio.sleep(3)  # the flood is under way
        until = time.monotonic() + args.seconds - 5
        await asyncio.gather(_probe(parent, flood.probe_during_ms, flood, until), _broadcast(deployment, front, flood))
        output, _ = await wrk.communicate()
        flood.wrk = parse_wrk(output.decode(errors="replace"))
        await parent.close()
    finally:
        deployment.stop()
    return flood


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}" if values else "–"


def report(results: dict[str, Flood], args: argparse.Namespace) -> None:
    """One Markdown table row per deployment."""
    print(f"/krise flood: wrk, 2 threads, {args.connections} connections, {args.seconds} s, on loopback")
    print()
    print("| deployment | requests/s | latency p50 / p99 ms | shed (503) | socket errors | Overblik GET before / "
          "during, median ms | probe errors | broadcast send s | on /krise after s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, f in results.items():
        w = f.wrk
        nan = float("nan")
        print(f"| {name} | {w.get('rps', 0):.0f} | {w.get('p50', nan):.1f} / {w.get('p99', nan):.1f}"
              f" | {w.get('non2xx', 0):.0f} of {w.get('requests', 0):.0f} | {w.get('socket_errors', 0):.0f} | "
              f"{_median(f.probe_before_ms)} / {_median(f.probe_during_ms)} "
              f"(max {max(f.probe_during_ms, default=0):.0f}) | {f.probe_errors} | {f.send_s:.2f} | "
              f"{f.visible_s:.1f} |")


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--only", choices=["single", "cluster"])
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed (make bench-peak installs it): not measured")
        return 0
    results = await on_both_deployments(
        args.only, "bench_flood", ("1 process, SQLite, direct", "3 processes behind nginx (micro-cache)"),
        lambda name, url, processes, redis, workdir: run_flood(name, url, processes, redis, args, workdir))
    report(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
