"""Benchmark: the morning peak — parents' phones, staff boards and wall screens live while children are checked in.

The demo municipality is seeded (as `make run` does) into a temporary SQLite file for one Sammen process, and into
the PostgreSQL database `bench_peak` for a cluster of three processes behind nginx with Redis carrying events and
NiceGUI's storage. Each process is `main.py serve` plus benchmark-only routes (bench/_peak_server.py: a sign-in
without the identity provider's round trip, a check-in as the institution's staff, a message, and the process's
figures). The simulated browsers are protocol-level: each keeps its own cookies, GETs its page over HTTP and holds
the socket.io connection nicegui.js would open (implicit handshake, acks every 3 s, reconnects).

Mix per level: 80 % parents on Overblik, 15 % staff tablets on the KommeGå board (every KommeGå institution has
some), 5 % wall screens. Screens open 8 at a time; then for `--seconds` the children of the KommeGå institutions
are checked in (or out, when here already) at a morning's rate: all of them in 90 minutes, compressed by
`--compress`, on a random process; a member of staff writes to an open parent every 2 s; once a second a parent
opens Overblik or Beskeder in a second tab (page loads timed under load). Propagation is timed from
CLOCK_MONOTONIC taken in the server just before `do_action` to the moment each open screen that shows the child
receives the update (the clock is system-wide, so this holds across processes).
Levels grow in place (250, then 250 more, then 500 more), so memory is the growth per screen opened.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._peak_cast import Cast, load_cast  # noqa: E402
from bench._peak_clients import Crowd  # noqa: E402
from bench._peak_deploy import Deployment, on_both_deployments, seed  # noqa: E402
from bench._peak_faults import FAULTS, FaultReport, inject, lost_checkins  # noqa: E402
from bench._peak_profile import finish_profiles, start_profiles  # noqa: E402
from bench._peak_report import report  # noqa: E402
from bench._peak_run import Level, Peak, open_screens, total  # noqa: E402
from persistence import db  # noqa: E402

MORNING_S = 90 * 60


async def _cast(url: str) -> Cast:
    await db.open_database(url)
    try:
        return await load_cast()
    finally:
        await db.close_database()


async def _grow(deployment: Deployment, crowd: Crowd, cast: Cast, count: int, level: Level) -> None:
    """Open screens up to `count`, kind by kind, and note how much memory each kind added per screen."""
    wanted = cast.mix(count)
    level.clients = {k: sum(1 for s in wanted if s.kind == k) for k in ("parent", "board", "wall")}
    opened = {id(b.screen) for b in crowd.browsers}
    for kind in ("parent", "board", "wall"):
        new = [s for s in wanted if s.kind == kind and id(s) not in opened]
        if not new:
            continue
        before = total(await deployment.stats(collect=True), "rss")
        await open_screens(crowd, new, deployment.base_url, level)
        await asyncio.sleep(2)  # let the last sockets settle before measuring
        grown = total(await deployment.stats(collect=True), "rss") - before
        level.memory[f"per_{kind}"] = grown / len(new)
    crowd.start_acks()


async def run_deployment(name: str, url: str, processes: int, redis: str | None, args: argparse.Namespace,
                         workdir: Path) -> list[Level]:
    """Seed, start, and measure each level in turn on one deployment."""
    print(f"== {name}: seeding the demo municipality", file=sys.stderr, flush=True)
    seed(url, workdir)
    cast = await _cast(url)
    deployment = Deployment(workdir)
    crowd, levels = Crowd(), []
    rate = len(cast.children) / MORNING_S * args.compress
    try:
        await deployment.start(url, processes, redis)
        baseline = total(await deployment.stats(collect=True), "rss")
        for count in args.levels:
            level = Level()
            started = time.monotonic()
            await _grow(deployment, crowd, cast, count, level)
            print(f"   {name}: {len(crowd.browsers)} screens open in {time.monotonic() - started:.0f} s; "
                  f"peak for {args.seconds:.0f} s at {rate:.1f} check-ins/s", file=sys.stderr, flush=True)
            before = await deployment.stats()
            profiles = start_profiles(deployment, workdir, args.seconds) if args.profile and count == max(
                args.levels) else []
            peak = Peak(deployment, cast, crowd, level, random.Random(count)).run(args.seconds, rate, 0.5, 1.0)
            if args.fault and processes > 1 and count == max(args.levels):
                level.fault = FaultReport(args.fault)
                await asyncio.gather(peak, inject(args.fault, deployment, args.seconds / 3, level.fault))
                await asyncio.sleep(5)  # screens still reloading come back before the figures are taken
                level.fault.confirmed = len(level.confirmed)
                level.fault.lost = await lost_checkins(url, level.confirmed)
            else:
                await peak
            await finish_profiles(profiles, args.profile)
            after = await deployment.stats(collect=True)
            cpu_before = {s["pid"]: s["cpu"] for s in before}
            level.cpu_cores = sum(a["cpu"] - cpu_before.get(a["pid"], 0.0) for a in after) / level.seconds
            level.memory["total"] = total(after, "rss")
            level.memory["baseline"] = baseline
            # Full collections during this level's peak only (each process keeps the list of all of its own).
            earlier = {s["pid"]: len(s["gc_pauses_ms"]) for s in before}  # a killed process is missing after
            pauses = [p for a in after for p in a["gc_pauses_ms"][earlier.get(a["pid"], 0):]]
            level.gc_full, level.gc_max_ms = len(pauses), max(pauses, default=0.0)
            level.disconnects = sum(b.disconnects for b in crowd.browsers)
            level.reopened = [r for b in crowd.browsers for r in b.reopened]
            level.reload_errors, level.reloads_shed = crowd.reload_errors, crowd.reloads_shed
            level.errors += [f"reload: {text}" for text in crowd.reload_error_texts]
            levels.append(level)
    except Exception:
        print(deployment.log_tail(), file=sys.stderr)
        raise
    finally:
        await crowd.close()
        deployment.stop()
    return levels


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--levels", type=int, nargs="+", default=[250, 500, 1000], help="connected screens")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each level's peak")
    parser.add_argument("--compress", type=float, default=10.0, help="a 90-minute morning compressed by this")
    parser.add_argument("--only", choices=["single", "cluster"], help="measure one deployment only")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 and 40 screens, 10 s each")
    parser.add_argument("--fault", choices=FAULTS, help="strike the cluster a third into its largest level: kill -9 "
                        "one process, or restart this machine's PostgreSQL (never while tests run)")
    parser.add_argument("--profile", type=Path, help="py-spy the servers during the largest level; folder for output")
    args = parser.parse_args(argv)
    if args.quick:
        args.levels, args.seconds = [20, 40], 10.0
    results = await on_both_deployments(
        args.only, "bench_peak", ("1 process, SQLite", "3 processes + nginx, PostgreSQL + Redis"),
        lambda name, url, processes, redis, workdir: run_deployment(name, url, processes, redis, args, workdir))
    report(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
