"""Benchmark: importing 20,000 people (with custody, enrolments and staff) on SQLite and on PostgreSQL.

The files come from the tests' generator (tests/provisioning_files.py): 40 institutions with two groups each,
6,500 families (a child enrolled in a group, two guardians with custody) and 500 staff with UNI-Login names,
as semicolon CSV. On an empty, migrated database with one municipal admin: (a) do_validate of the full import
(the dry run), (b) do_apply of it (one transaction), seconds for each and their sum against the target
(<= 60 s for 20,000 people); then (c) the same files again, validated and applied, where everything must be
unchanged. "stall" is the longest time the event loop was blocked (no page could answer meanwhile).
SQLite uses a temporary file; PostgreSQL uses its own database bench_provisioning (created when missing,
emptied before and after). `--quick` imports 2,000 people; `--profile` prints the costliest
functions of the first import (cProfile). The exit code is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._figures import on_both_databases  # noqa: E402
from domain.clock import utcnow  # noqa: E402
from domain.files import use_data_dir  # noqa: E402
from domain.identity.model import Actor  # noqa: E402
from domain.identity.service import current_actor  # noqa: E402
from domain.organisation.model import MunicipalRole  # noqa: E402
from domain.provisioning import service  # noqa: E402
from domain.provisioning.model import ImportFile, ImportReport  # noqa: E402
from persistence import db  # noqa: E402
from persistence.identity import UserAccount  # noqa: E402
from persistence.organisation import Municipality  # noqa: E402
from persistence.people import MunicipalAssignment, Person  # noqa: E402
from tests.provisioning_files import register  # noqa: E402

PG_DATABASE = "bench_provisioning"  # never one of the test databases
TARGET_S = 60.0
INSTITUTIONS = 40


@dataclass
class Step:
    """One measured call: its name, seconds, the longest stall of the event loop, and what the report counted."""

    name: str
    seconds: float
    report: ImportReport
    stall: float = 0.0

    def total(self, outcome: str) -> int:
        """One outcome summed over every entity."""
        return sum(c.get(outcome, 0) for c in self.report.counts.values())


def files_for(people: int) -> list[ImportFile]:
    """The generator's files for about this many people (three per family, staff on top)."""
    staff = max(2, people // 40)
    return register(institutions=INSTITUTIONS, families=(people - staff) // 3, staff=staff).files()


async def admin_actor() -> Actor:
    """A municipality with one admin, who runs the import."""
    m = await Municipality.create(code="B1", name="Benchby")
    admin = await Person.create(municipality=m, first_name="Bente", last_name="Bench")
    await MunicipalAssignment.create(person=admin, role=MunicipalRole.ADMIN)
    await UserAccount.create(person=admin, oidc_subject="bench-admin")
    return await current_actor(admin.id, "admin", "2", now=utcnow())


async def timed(name: str, call: object) -> Step:
    """Await a validate or apply call; keep its seconds and the longest time the loop could not serve a page."""
    longest = 0.0

    async def heartbeat() -> None:
        nonlocal longest
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            longest = max(longest, time.perf_counter() - before - 0.01)

    beat = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    try:
        report = await call  # type: ignore[misc]
    finally:
        beat.cancel()
    return Step(name, time.perf_counter() - started, report, longest)


async def measure(url: str, files: list[ImportFile], profile: bool) -> list[Step]:
    """Migrate, import twice, and return the four steps."""
    await db.apply_migrations(url)
    await db.open_database(url)
    try:
        admin = await admin_actor()
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        first = await timed("(a) do_validate, first import", service.do_validate(admin, files, full=True,
                                                                                 now=utcnow()))
        run_id = first.report.run_id or 0
        applied = await timed("(b) do_apply, first import", service.do_apply(admin, run_id, now=utcnow()))
        if profiler:
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
        again = await timed("(c) do_validate, same files", service.do_validate(admin, files, full=True,
                                                                               now=utcnow()))
        again_applied = await timed("(c) do_apply, same files", service.do_apply(admin, again.report.run_id or 0,
                                                                                 now=utcnow()))
        return [first, applied, again, again_applied]
    finally:
        await db.close_database()


def report(name: str, steps: list[Step], people: int) -> None:
    """Print seconds, counts and verdicts."""
    print(f"{name}:")
    print(f"   {'step':<32} {'seconds':>8} {'created':>8} {'updated':>8} {'deact.':>8} {'unchanged':>9} "
          f"{'errors':>7} {'stall s':>8}")
    for s in steps:
        print(f"   {s.name:<32} {s.seconds:>8.1f} {s.total('created'):>8} {s.total('updated'):>8} "
              f"{s.total('deactivated'):>8} {s.total('unchanged'):>9} {s.total('errors'):>7} {s.stall:>8.2f}  "
              f"{s.report.status}")
    first = steps[0].seconds + steps[1].seconds
    target = TARGET_S * people / 20_000
    verdict = "PASS" if first <= target else "MISS"
    print(f"   first import of {people:,} people, validate + apply: {first:.1f} s (target <= {target:.0f} s): "
          f"{verdict}")
    second = steps[2:]
    same = all(s.total(o) == 0 for s in second for o in ("created", "updated", "deactivated", "errors"))
    print(f"   second identical import: {second[0].seconds + second[1].seconds:.1f} s, everything unchanged: "
          f"{'PASS' if same else 'MISS'}")


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="2,000 people instead of 20,000")
    parser.add_argument("--profile", action="store_true", help="cProfile the first import and print the top")
    args = parser.parse_args(argv)
    people = 2_000 if args.quick else 20_000
    started = time.perf_counter()
    files = files_for(people)
    size = sum(len(f.data) for f in files)
    print(f"Import: {people:,} people in {len(files)} files ({size / 2**20:.1f} MB), generated in "
          f"{time.perf_counter() - started:.1f} s")

    async def run(label: str, url: str) -> None:
        report(label, await measure(url, files, args.profile), people)

    with tempfile.TemporaryDirectory() as tmp:
        use_data_dir(Path(tmp))  # the stored upload files go here, not to data/
        await on_both_databases(PG_DATABASE, run)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
