"""Benchmark: the morning peak — parents' phones, staff boards and wall screens live while children are checked in.

The demo municipality is seeded (as `make run` does) into a temporary SQLite file for one Sammen process, and into
the PostgreSQL database `bench_peak` for a cluster of three processes behind nginx with Redis carrying events and
NiceGUI's storage. Each process is `main.py serve` plus benchmark-only routes (bench/_peak_server.py: a sign-in
without the identity provider's round trip, a check-in as the institution's staff, a message, and the process's
figures). The simulated browsers are protocol-level: each keeps its own cookies, GETs its page over HTTP and holds
the socket.io connection nicegui.js would open (implicit handshake, acks every 3 s, reconnects).

Mix per level: 80 % parents on Overblik, 15 % staff tablets on the KommeGå board (every KommeGå institution has
some), 5 % wall screens. Screens open 8 at a time; then for `--seconds` (`--top-seconds`, 15 minutes by default, at
the largest level) the children of the KommeGå institutions are checked in (or out, when here already) at a
morning's rate: all of them in 90 minutes, compressed by `--compress`, on a random process; a member of staff writes
to an open parent every 2 s; about once a second a parent opens Overblik or Beskeder in a second tab and closes it a
second later (page churn). Propagation is timed from CLOCK_MONOTONIC read by the bench just before it sends the
check-in to the moment each open screen that shows the child receives the update (the clock is system-wide, so time
waiting in a stalled server loop counts); p50, p95, p99 and the maximum are reported.

Nothing collects garbage on the benchmark's behalf in or before a window: memory per screen is the growth of
resident memory as screens open, and one full collection after the last level gives "memory after a collection".
Inside each server the production probes (ui/metrics/probes.py) give the longest loop stall and every collection
per generation within the window; from outside, /api/health of every process is pinged every 50 ms
(bench/_peak_window.py). Socket drops, page loads answered 500 and busy pages (503) are counted per level.
Levels grow in place (250, then 250 more, then 500 more), so memory is the growth per screen opened. The load
generator shares the machine with the servers: its own loop lateness is reported beside the pings.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._peak_cast import Cast, load_cast  # noqa: E402
from bench._peak_clients import Crowd  # noqa: E402
from bench._peak_deploy import Deployment, on_both_deployments, seed  # noqa: E402
from bench._peak_faults import FAULTS, FaultReport, inject, lost_checkins  # noqa: E402
from bench._peak_profile import finish_profiles, start_profiles  # noqa: E402
from bench._peak_report import report  # noqa: E402
from bench._peak_run import Level, Peak, open_screens, total  # noqa: E402
from bench._peak_window import observe, summarise  # noqa: E402
from persistence import db  # noqa: E402

MORNING_S = 90 * 60


async def _cast(url: str) -> Cast:
    await db.open_database(url)
    try:
        return await load_cast()
    finally:
        await db.close_database()


async def _grow(deployment: Deployment, crowd: Crowd, cast: Cast, count: int, level: Level) -> None:
    """Open screens up to `count`, kind by kind, and note how much resident memory each kind added per screen."""
    wanted = cast.mix(count)
    level.clients = {k: sum(1 for s in wanted if s.kind == k) for k in ("parent", "board", "wall")}
    opened = {id(b.screen) for b in crowd.browsers}
    for kind in ("parent", "board", "wall"):
        new = [s for s in wanted if s.kind == kind and id(s) not in opened]
        if not new:
            continue
        before = total(await deployment.stats(), "rss")
        await open_screens(crowd, new, deployment.base_url, level)
        await asyncio.sleep(2)  # let the last sockets settle before measuring
        grown = total(await deployment.stats(), "rss") - before  # garbage not yet collected is part of it
        level.memory[f"per_{kind}"] = grown / len(new)
    crowd.start_acks()


def _crowd_counts(crowd: Crowd) -> dict[str, Any]:
    """The crowd's running totals, so that each level reports only its own."""
    return {"disconnects": sum(b.disconnects for b in crowd.browsers),
            "reopened": {id(b): len(b.reopened) for b in crowd.browsers}, "reload_errors": crowd.reload_errors,
            "reloads_500": len(crowd.reloads_500), "reloads_shed": crowd.reloads_shed,
            "texts": len(crowd.reload_error_texts)}


def _close_level(level: Level, crowd: Crowd, counts: dict[str, Any]) -> None:
    """What the crowd saw during the level: socket drops, reloads, and their 500s and busy pages."""
    now = _crowd_counts(crowd)
    level.disconnects = now["disconnects"] - counts["disconnects"]
    level.reopened = [r for b in crowd.browsers for r in b.reopened[counts["reopened"].get(id(b), 0):]]
    level.reload_errors = now["reload_errors"] - counts["reload_errors"]
    level.reloads_shed = now["reloads_shed"] - counts["reloads_shed"]
    level.page_500 += crowd.reloads_500[counts["reloads_500"]:]
    level.shed += level.reloads_shed
    level.errors += [f"reload: {text}" for text in crowd.reload_error_texts[counts["texts"]:]]


async def _peak(deployment: Deployment, cast: Cast, crowd: Crowd, level: Level, count: int, seconds: float,
                rate: float, args: argparse.Namespace) -> None:
    """The level's peak, with the fault struck a third of the way in when one is asked for."""
    peak = Peak(deployment, cast, crowd, level, random.Random(count)).run(seconds, rate, 0.5, 1.0)
    if level.fault is None:
        await peak
    else:
        await asyncio.gather(peak, inject(args.fault, deployment, seconds / 3, level.fault))


async def run_deployment(name: str, url: str, processes: int, redis: str | None, args: argparse.Namespace,
                         workdir: Path) -> list[Level]:
    """Seed, start, and measure each level in turn on one deployment; one full collection after the last."""
    print(f"== {name}: seeding the demo municipality", file=sys.stderr, flush=True)
    seed(url, workdir)
    cast = await _cast(url)
    deployment = Deployment(workdir)
    crowd, levels = Crowd(), []
    rate = len(cast.children) / MORNING_S * args.compress
    try:
        await deployment.start(url, processes, redis)
        baseline = total(await deployment.stats(), "rss")
        for count in args.levels:
            level, counts = Level(), _crowd_counts(crowd)
            started = time.monotonic()
            await _grow(deployment, crowd, cast, count, level)
            level.opened, top = len(crowd.browsers), count == max(args.levels)
            seconds = args.top_seconds if top else args.seconds
            print(f"   {name}: {len(crowd.browsers)} screens open in {time.monotonic() - started:.0f} s; "
                  f"peak for {seconds:.0f} s at {rate:.1f} check-ins/s", file=sys.stderr, flush=True)
            before = await deployment.stats()
            profiles = start_profiles(deployment, workdir, seconds) if args.profile and top else []
            if args.fault and processes > 1 and top:
                level.fault = FaultReport(args.fault)
            inside, level.pings = await observe(_peak(deployment, cast, crowd, level, count, seconds, rate, args),
                                                deployment.live_urls)
            level.loop = summarise(inside, *level.window)
            if level.fault is not None:
                await asyncio.sleep(5)  # screens still reloading come back before the figures are taken
                level.fault.confirmed = len(level.confirmed)
                level.fault.lost = await lost_checkins(url, level.confirmed)
            await finish_profiles(profiles, args.profile)
            after = await deployment.stats()
            cpu_before = {s["pid"]: s["cpu"] for s in before}
            level.cpu_cores = sum(a["cpu"] - cpu_before.get(a["pid"], 0.0) for a in after) / level.seconds
            level.memory["total"] = total(after, "rss")
            level.pages = int(total(after, "clients"))
            level.memory["baseline"] = baseline
            _close_level(level, crowd, counts)
            levels.append(level)
        if levels:  # after every window: the one full collection the benchmark asks for
            collected = await deployment.stats(collect=True)
            levels[-1].memory.update(collected=total(collected, "rss"), found=total(collected, "found"),
                                     collect_s=max(s["collect_s"] for s in collected))
    except Exception:
        print(deployment.log_tail(), file=sys.stderr)
        raise
    finally:
        await crowd.close()
        deployment.stop()
        if args.keep_logs:
            deployment.keep_logs(args.keep_logs, name)
    return levels


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--levels", type=int, nargs="+", default=[250, 500, 1000], help="connected screens")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each level's peak but the largest")
    parser.add_argument("--top-seconds", type=float, default=900.0, help="length of the largest level's peak")
    parser.add_argument("--compress", type=float, default=10.0, help="a 90-minute morning compressed by this")
    parser.add_argument("--only", choices=["single", "cluster"], help="measure one deployment only")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 and 40 screens, 10 s each")
    parser.add_argument("--fault", choices=FAULTS, help="strike the cluster a third into its largest level: kill -9 "
                        "one process, or restart this machine's PostgreSQL (never while tests run)")
    parser.add_argument("--profile", type=Path, help="py-spy the servers during the largest level; folder for output")
    parser.add_argument("--keep-logs", type=Path, help="folder to copy the servers' logs into after the run")
    args = parser.parse_args(argv)
    if args.quick:
        args.levels, args.seconds, args.top_seconds = [20, 40], 10.0, 10.0
    results = await on_both_deployments(
        args.only, "bench_peak", ("1 process, SQLite", "3 processes + nginx, PostgreSQL + Redis"),
        lambda name, url, processes, redis, workdir: run_deployment(name, url, processes, redis, args, workdir))
    report(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
