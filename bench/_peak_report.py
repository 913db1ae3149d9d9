"""The morning peak's figures as Markdown tables (pasted into docs/performance.md) with the targets marked."""

from __future__ import annotations

import argparse
from collections import Counter

from bench._peak_run import Level, median, percentile

TARGET_P95_MS = 100.0
TARGET_PARENT_MB = 2.0
MB = 1024 * 1024


def _ms(value: float) -> str:
    return "–" if value != value else f"{value:.0f}"  # NaN: nothing was measured


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _latencies(level: Level) -> list[float]:
    return [v for values in level.latency_ms.values() for v in values]


def report(results: dict[str, list[Level]], args: argparse.Namespace) -> None:
    """Print one table of propagation and load, one of resources, and the verdict on each target."""
    print(f"Morning peak: levels {args.levels}, {args.seconds:.0f} s of check-ins each, a 90-minute morning "
          f"compressed {args.compress:g}×")
    print()
    print("| deployment | screens (phones/boards/walls) | check-ins | updates timed | propagation p50 / p95 / p99 ms"
          " | p95 phones / boards / walls ms | missed | opening GET p50 / p95 ms | page GET in the peak p50 / p95 ms"
          " | message send p50 ms | busy pages | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, levels in results.items():
        for level in levels:
            all_ms, kinds = _latencies(level), level.latency_ms
            print(f"| {name} | {sum(level.clients.values())} ({level.clients.get('parent', 0)}/"
                  f"{level.clients.get('board', 0)}/{level.clients.get('wall', 0)}) | {level.checkins} | "
                  f"{len(all_ms)} | {_ms(percentile(all_ms, 50))} / {_ms(percentile(all_ms, 95))} / "
                  f"{_ms(percentile(all_ms, 99))} | "
                  + " / ".join(_ms(percentile(kinds.get(k, []), 95)) for k in ("parent", "board", "wall"))
                  + f" | {level.missed} | {_ms(median(level.get_ms))} / {_ms(percentile(level.get_ms, 95))} | "
                  f"{_ms(median(level.reads_ms))} / {_ms(percentile(level.reads_ms, 95))} | "
                  f"{_ms(median(level.messages_ms))} | {level.shed} | {len(level.errors)} |")
    print()
    print("| deployment | screens | server CPU (cores) | CPU ms/s per screen | memory MB | MB per screen (all) "
          "| MB per phone / board / wall | full GCs in the peak, longest ms | socket disconnects |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, levels in results.items():
        for level in levels:
            screens = sum(level.clients.values())
            grown = (level.memory["total"] - level.memory["baseline"]) / screens / MB
            print(f"| {name} | {screens} | {level.cpu_cores:.2f} | {level.cpu_cores * 1000 / screens:.2f} | "
                  f"{level.memory['total'] / MB:.0f} | {grown:.2f} | "
                  + " / ".join(f"{level.memory.get(f'per_{k}', float('nan')) / MB:.2f}"
                               for k in ("parent", "board", "wall"))
                  + f" | {level.gc_full}, {level.gc_max_ms:.0f} | {level.disconnects} |")
    print()
    for name, levels in results.items():
        last = levels[-1]
        screens = sum(last.clients.values())
        p95 = percentile(_latencies(last), 95)
        per_parent = max((lv.memory.get("per_parent", 0.0) for lv in levels), default=0.0) / MB
        errors = sum(len(lv.errors) for lv in levels)
        print(f"{name}: p95 propagation at {screens} screens {_ms(p95)} ms (target <= {TARGET_P95_MS:.0f}): "
              f"{_mark(p95 <= TARGET_P95_MS)}; errors {errors}: {_mark(errors == 0)}; missed updates "
              f"{sum(lv.missed for lv in levels)}: {_mark(all(lv.missed == 0 for lv in levels))}; "
              f"memory per phone page {per_parent:.2f} MB (target <= {TARGET_PARENT_MB:.0f}): "
              f"{_mark(per_parent <= TARGET_PARENT_MB)}")
        for text, count in Counter(e for lv in levels for e in lv.errors).most_common(5):
            print(f"   {count}× {text}")
    _faults(results)


def _faults(results: dict[str, list[Level]]) -> None:
    """What a fault did to the crowd and to the confirmed check-ins."""
    for name, levels in results.items():
        for level in levels:
            f = level.fault
            if f is None:
                continue
            print()
            print(f"Fault on {name} at {sum(level.clients.values())} screens: {f.fault} {f.at_s:.0f} s into the "
                  f"peak (took {f.took_s:.1f} s); screens on the killed process: {f.screens_hit}")
            print(f"   screens reloaded through nginx: {len(level.reopened)} (p50 {median(level.reopened):.1f} s, "
                  f"max {max(level.reopened, default=0):.1f} s without their page), reloads that failed: "
                  f"{level.reload_errors}, told to come back (busy page): {level.reloads_shed}, socket disconnects: "
                  f"{level.disconnects}")
            print(f"   check-ins and messages answered 503 (\"Forbinder igen…\"): {level.unconfirmed}; other errors: "
                  f"{len(level.errors)}; updates that never arrived: {level.missed}")
            print(f"   confirmed check-ins: {f.confirmed}, missing from the database afterwards: {len(f.lost)}: "
                  f"{_mark(not f.lost)}")

