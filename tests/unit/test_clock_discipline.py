"""Sammen reads the time only through domain/clock.py, so every test can choose its instant."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ["domain", "ui", "auth", "persistence", "demo", "main.py"]
THE_CLOCK = ROOT / "domain" / "clock.py"
# Calls that read the machine's clock or calendar; durations (time.monotonic, perf_counter) are not decisions.
READS_THE_CLOCK = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
                   ("time", "time"), ("time", "time_ns"), ("time", "localtime"), ("time", "gmtime"),
                   ("time", "ctime"), ("time", "strftime")}


def _sources() -> list[Path]:
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [f for f in files if f != THE_CLOCK and "migrations" not in f.parts]


def clock_reads(source: str) -> list[str]:
    """`owner.name(...)` calls in a module's source that read the machine's clock, as 'line: owner.name'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
            if (name, node.func.attr) in READS_THE_CLOCK:
                found.append(f"{node.lineno}: {name}.{node.func.attr}")
    return found


@pytest.mark.parametrize("snippet", ["datetime.now(UTC)", "date.today()", "time.time()", "datetime.datetime.now()"])
def test_the_check_finds_each_way_of_reading_the_clock(snippet: str) -> None:
    assert clock_reads(f"x = {snippet}\n")


def test_durations_and_the_domain_clock_are_allowed() -> None:
    assert clock_reads("a = time.monotonic()\nb = utcnow()\nc = clock.utcnow()\nd = now()\n") == []


def test_no_module_but_domain_clock_reads_the_machines_clock() -> None:
    offenders = {str(path.relative_to(ROOT)): reads for path in _sources()
                 if (reads := clock_reads(path.read_text(encoding="utf-8")))}
    assert offenders == {}, "read the time through domain.clock (utcnow, today_local) instead"
