"""The morning peak's figures as Markdown tables (pasted into docs/performance.md) with the targets marked.

Four tables per run: propagation (from the bench's send, p50 / p95 / p99 / max, overall and per screen kind, and the
wait before the server's handler ran), pages and messages (page loads in the peak, message sends, socket drops,
page 500s, busy pages and other errors counted apart), the servers' loops and collectors within each peak window
(longest stall inside each process, the health pings from outside, collections per generation), and resources.
"""

from __future__ import annotations

import argparse
import os
import platform
from collections import Counter
from datetime import UTC, datetime

from bench._peak_run import Level, median, percentile
from bench._peak_window import SLOW_MS

TARGET_P99_MS = 100.0
TARGET_PAGE_P95_MS = 300.0
TARGET_PARENT_MB = 2.0
MB = 1024 * 1024
KINDS = ("parent", "board", "wall")


def _ms(value: float) -> str:
    return "–" if value != value else f"{value:.0f}"  # NaN: nothing was measured


def spread(values: list[float]) -> str:
    """p50 / p95 / p99 / max in whole ms ("–" each when nothing was measured)."""
    return " / ".join(_ms(percentile(values, q)) for q in (50, 95, 99)) + f" / {_ms(max(values, default=float('nan')))}"


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _latencies(level: Level) -> list[float]:
    return [v for values in level.latency_ms.values() for v in values]


def _screens(level: Level) -> str:
    return (f"{sum(level.clients.values())} ({level.clients.get('parent', 0)}/{level.clients.get('board', 0)}/"
            f"{level.clients.get('wall', 0)}), {level.opened} open")


def generations(level: Level) -> list[str]:
    """Collections in the window per generation 0, 1, 2: "count, longest ms"."""
    return [f"{level.loop.gc.get(g, (0, 0.0))[0]}, {level.loop.gc.get(g, (0, 0.0))[1]:.0f}" for g in (0, 1, 2)]


def propagation_table(results: dict[str, list[Level]]) -> list[str]:
    """Check-in to screen, from the bench's send: all screens, each kind, and the wait before the handler."""
    lines = ["| deployment | screens asked (phones/boards/walls), open | peak s | check-ins | updates timed | missed "
             "| propagation p50 / p95 / p99 / max ms | phones | boards | walls "
             "| to the handler p50 / p95 / p99 / max ms |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, levels in results.items():
        for lv in levels:
            kinds = " | ".join(spread(lv.latency_ms.get(k, [])) for k in KINDS)
            lines.append(f"| {name} | {_screens(lv)} | {lv.seconds:.0f} | {lv.checkins} | {len(_latencies(lv))} | "
                         f"{lv.missed} | {spread(_latencies(lv))} | {kinds} | {spread(lv.queue_ms)} |")
    return lines


def pages_table(results: dict[str, list[Level]]) -> list[str]:
    """Page loads and message sends, and what went wrong, each failure in its own column."""
    lines = ["| deployment | screens | opening GET p50 / p95 ms | page loads in the peak | their GET p50 / p95 / p99 / "
             "max ms | message sends | send p50 / p95 / p99 / max ms | socket drops | page 500s | busy pages (503) "
             "| other errors |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, levels in results.items():
        for lv in levels:
            lines.append(f"| {name} | {sum(lv.clients.values())} | {_ms(median(lv.get_ms))} / "
                         f"{_ms(percentile(lv.get_ms, 95))} | {len(lv.reads_ms)} | {spread(lv.reads_ms)} | "
                         f"{len(lv.messages_ms)} | {spread(lv.messages_ms)} | {lv.disconnects} | "
                         f"{len(lv.page_500)} | {lv.shed} | {len(lv.errors)} |")
    return lines


def loop_table(results: dict[str, list[Level]]) -> list[str]:
    """Within each peak window: stalls inside each process, health pings from outside, collections by generation."""
    lines = [f"| deployment | screens | longest loop stall inside, per process ms | stalls > {SLOW_MS:.0f} ms | "
             f"health pings | ping p99 / max ms | pings > {SLOW_MS:.0f} ms | pings failed | bench loop late max ms "
             "| gen 0 collections, longest ms | gen 1 | gen 2 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, levels in results.items():
        for lv in levels:
            pings = lv.pings
            inside = " / ".join(f"{v:.0f}" for v in lv.loop.longest_ms) or "–"
            lines.append(f"| {name} | {sum(lv.clients.values())} | {inside} | {lv.loop.slow} | {len(pings.ms)} | "
                         f"{_ms(percentile(pings.ms, 99))} / {_ms(max(pings.ms, default=float('nan')))} | "
                         f"{pings.slow()} | {pings.failed} | {pings.bench_late_ms:.0f} | "
                         + " | ".join(generations(lv)) + " |")
    return lines


def resources_table(results: dict[str, list[Level]]) -> list[str]:
    """CPU and resident memory (no collection asked for), and memory after the one collection after the run."""
    lines = ["| deployment | screens | pages held after the peak | server CPU (cores) | CPU ms/s per screen "
             "| memory MB (RSS, no collection asked) | MB per screen (all) | MB per phone / board / wall |",
             "|---|---|---|---|---|---|---|---|"]
    for name, levels in results.items():
        for lv in levels:
            screens = sum(lv.clients.values())
            grown = (lv.memory["total"] - lv.memory["baseline"]) / screens / MB
            per_kind = " / ".join(f"{lv.memory.get(f'per_{k}', float('nan')) / MB:.2f}" for k in KINDS)
            lines.append(f"| {name} | {screens} | {lv.pages} | {lv.cpu_cores:.2f} | "
                         f"{lv.cpu_cores * 1000 / screens:.2f} | {lv.memory['total'] / MB:.0f} | {grown:.2f} | "
                         f"{per_kind} |")
    for name, levels in results.items():
        memory = levels[-1].memory if levels else {}
        if "collected" in memory:
            lines.append(f"\n{name}: memory after one full collection (frozen objects too) after the last level "
                         f"{memory['collected'] / MB:.0f} MB (before it {memory['total'] / MB:.0f} MB; freed memory "
                         f"mostly stays in the allocator's arenas); it found {memory['found']:.0f} unreachable objects "
                         f"in {memory['collect_s'] * 1000:.0f} ms (the longest process)")
    return lines


def verdict(name: str, levels: list[Level]) -> list[str]:
    """The issue's bounds at the largest level, and the run's errors, each marked."""
    last = levels[-1]
    p99 = percentile(_latencies(last), 99)
    stall = max(last.loop.longest_ms, default=0.0)
    page_p95 = percentile(last.reads_ms, 95)
    per_parent = max((lv.memory.get("per_parent", 0.0) for lv in levels), default=0.0) / MB
    errors, missed = sum(len(lv.errors) for lv in levels), sum(lv.missed for lv in levels)
    lines = [f"{name} at {sum(last.clients.values())} screens for {last.seconds:.0f} s: p99 propagation {_ms(p99)} ms "
             f"(<= {TARGET_P99_MS:.0f}): {_mark(p99 <= TARGET_P99_MS)}; longest loop stall {stall:.0f} ms "
             f"(<= {SLOW_MS:.0f}): {_mark(stall <= SLOW_MS)}; socket drops {last.disconnects}: "
             f"{_mark(last.disconnects == 0)}; page 500s {len(last.page_500)}: {_mark(not last.page_500)}; "
             f"page load p95 {_ms(page_p95)} ms, client side (<= {TARGET_PAGE_P95_MS:.0f}): "
             f"{_mark(page_p95 <= TARGET_PAGE_P95_MS)}",
             f"   all levels: errors {errors}: {_mark(errors == 0)}; missed updates {missed}: {_mark(missed == 0)}; "
             f"memory per phone page {per_parent:.2f} MB (<= {TARGET_PARENT_MB:.0f}): "
             f"{_mark(per_parent <= TARGET_PARENT_MB)}"]
    lines += [f"   {count}× {text}" for text, count in Counter(e for lv in levels for e in lv.errors).most_common(5)]
    failed = Counter(path.split("?")[0] for lv in levels for path in lv.page_500)
    if failed:
        lines.append("   page 500s: " + ", ".join(f"{count}× {path}" for path, count in failed.most_common()))
    return lines


def report(results: dict[str, list[Level]], args: argparse.Namespace) -> None:
    """Print the four tables, then the verdict on each target and what any fault did."""
    print(f"Morning peak {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores, the load "
          f"generator on the same machine): levels {args.levels}, {args.seconds:.0f} s of check-ins each, "
          f"{args.top_seconds:.0f} s at the largest, a 90-minute morning compressed {args.compress:g}×, page churn "
          "1/s, no collection asked for before or in a window; the machine's load average (1 / 5 / 15 min, other work "
          "on it included) at the end: " + " / ".join(f"{v:.1f}" for v in os.getloadavg()))
    for table in (propagation_table, pages_table, loop_table, resources_table):
        print()
        print("\n".join(table(results)))
    print()
    for name, levels in results.items():
        if levels:
            print("\n".join(verdict(name, levels)))
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
