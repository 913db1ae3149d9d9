"""Use cases of provisioning: validate files into a stored run (dry run), apply a validated run, list runs."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.provisioning import formats, safety
from domain.provisioning.apply import apply_plan
from domain.provisioning.model import (
    APPLIED,
    ENTITIES,
    ERROR,
    INFO,
    MAX_FILE_BYTES,
    REJECTED,
    REPORT_LINE_LIMIT,
    VALIDATED,
    ImportApplied,
    ImportFile,
    ImportReport,
    ImportRunView,
    PeopleDeactivated,
    Progress,
    ReportLine,
    empty_counts,
)
from domain.provisioning.plan import Plan, make_plan
from domain.provisioning.snapshot import Snapshot, load_snapshot
from domain.provisioning.stored import forget_files, load_stored, store
from domain.provisioning.validate import validate
from persistence.db import transaction
from persistence.people import Person
from persistence.provisioning import ImportRun


@dataclass
class Checked:
    """A validation's result: the report and, when it is clean, the plan to apply."""

    report: ImportReport
    plan: Plan
    snapshot: Snapshot

    @property
    def deactivation(self) -> safety.Deactivation:
        """What applying would deactivate, against the people active now."""
        return safety.deactivation(self.report.counts, self.snapshot.active_people)


def _quiet(fraction: float, message: str) -> None:
    """No progress wanted."""


async def check_files(municipality_id: int, files: list[ImportFile], *, full: bool, now: datetime,
                      progress: Progress | None = None) -> Checked:
    """Read, validate and diff the files against the database; writes nothing."""
    say = progress or _quiet
    lines: list[ReportLine] = []
    parsed: list[formats.ParsedFile] = []
    seen: dict[str, str] = {}
    unread: set[str] = set()
    for i, file in enumerate(files):
        say(0.4 * i / max(len(files), 1), f"læser {file.name}")
        name = Path(file.name).name
        if len(file.data) > MAX_FILE_BYTES:
            lines.append(ReportLine.make(name, 0, ERROR, "file", "", "file_too_large",
                                         size_mb=round(len(file.data) / 2**20), max_mb=MAX_FILE_BYTES // 2**20))
            spec = formats.spec_for(name)
            unread |= {spec.entity} if spec else set()
            continue
        spec = formats.spec_for(name)
        if spec is not None and spec.entity in seen:
            lines.append(ReportLine.make(name, 0, ERROR, spec.entity, "", "file_duplicate", other=seen[spec.entity]))
            continue
        if spec is not None:
            seen[spec.entity] = name
        # Parsing, checking and diffing run in a thread: the event loop keeps serving every other page meanwhile.
        parsed.append(await asyncio.to_thread(formats.parse, name, file.data))
    if not files:
        lines.append(ReportLine.make("", 0, ERROR, "file", "", "no_files"))
    parsed.sort(key=lambda p: formats.ORDER.get(p.spec.entity, 99) if p.spec else 99)
    say(0.45, "kontrollerer rækker")
    rows = await asyncio.to_thread(validate, parsed, unread)
    say(0.6, "læser databasen")
    snap = await load_snapshot(municipality_id, rows.institutions, _all_cprs(rows), [u for u, _, _ in
                                                                                     rows.usernames.values()])
    say(0.8, "sammenligner")
    plan = await asyncio.to_thread(make_plan, rows, snap, full=full, today=today_local(now))
    report = ImportReport(None, VALIDATED, full, lines=lines + rows.lines + plan.lines,
                          files=[{"name": p.name, "encoding": p.encoding, "separator": p.separator} for p in parsed])
    _count(report, plan)
    checked = Checked(report, plan, snap)
    if report.ok and checked.deactivation.needs_number:
        report.confirm_deactivate = safety.required_number(checked.deactivation)
        report.lines.insert(0, safety.warning(checked.deactivation))
    say(1.0, "kontrolleret")
    return checked


def _all_cprs(rows: Any) -> set[str]:
    cprs = set(rows.people)
    cprs |= {c for key in rows.custody for c in key}
    cprs |= {key[0] for key in rows.enrolments} | {key[0] for key in rows.staff}
    return cprs


def _count(report: ImportReport, plan: Plan) -> None:
    counts = empty_counts()
    for entity, change in plan.changes.items():
        counts[entity].update(created=len(change.create), updated=len({i for i, _ in change.update}),
                              deactivated=len(change.deactivate), unchanged=change.unchanged)
    for line in report.lines:
        if line.level == ERROR and line.entity in counts:
            counts[line.entity]["errors"] += 1
    report.counts = counts
    errors = [line for line in report.lines if line.level == ERROR]
    if errors:
        report.status = REJECTED
    if len(report.lines) > REPORT_LINE_LIMIT:
        # Errors first, so the lines that stop the import are never the ones left out.
        kept = (errors + [line for line in report.lines if line.level != ERROR])[:REPORT_LINE_LIMIT]
        hidden = len(report.lines) - len(kept)
        kept.sort(key=lambda line: (line.file, line.line))
        report.lines = kept + [ReportLine.make("", 0, INFO, "file", "", "too_many_lines", shown=len(kept),
                                               hidden=hidden)]


async def _municipality_of(actor: Actor) -> int:
    person = await Person.get_or_none(id=actor.person_id)
    if person is None:
        raise NotFound("prov.reason.run_not_found")
    return person.municipality_id


async def validate_run(municipality_id: int, files: list[ImportFile], *, full: bool, now: datetime,
                       actor_id: int | None, actor_name: str, source: str,
                       progress: Progress | None = None) -> ImportReport:
    """Validate the files and store the run, its report and the files (no access check: callers do it)."""
    run = await ImportRun.create(municipality_id=municipality_id, actor_id=actor_id, actor_name=actor_name,
                                 source=source, full=full, status=REJECTED, started_at=now)
    try:
        meta = store(run.id, files)
    except OSError:
        forget_files(run.id)
        raise
    checked = await check_files(municipality_id, files, full=full, now=now, progress=progress)
    report = checked.report
    read = {f["name"]: f for f in report.files}
    report.run_id, report.files = run.id, [entry | read.get(entry["name"], {}) for entry in meta]
    await ImportRun.filter(id=run.id).update(status=report.status, files=report.files, counts=report.counts,
                                             report=[line.to_dict() for line in report.lines], finished_at=now)
    if report.status == REJECTED:
        forget_files(run.id)
    return report


async def apply_run(municipality_id: int, run_id: int, *, now: datetime, actor: Actor | None = None,
                    confirm_deactivate: int | None = None, progress: Progress | None = None) -> ImportReport:
    """Re-validate a validated run against the database as it is now and apply it in one transaction.

    A large deactivation is refused (DeactivationUnconfirmed) unless `confirm_deactivate` is its exact number.
    """
    run = await ImportRun.get_or_none(id=run_id, municipality_id=municipality_id)
    if run is None:
        raise NotFound("prov.reason.run_not_found")
    if run.status != VALIDATED:
        raise DomainError("prov.reason.run_not_validated", status=run.status)
    say = progress or _quiet
    checked = await check_files(municipality_id, load_stored(run), full=run.full, now=now,
                                progress=lambda fraction, message: say(0.4 * fraction, message))
    report = checked.report
    report.run_id, report.files = run.id, list(run.files)
    if not report.ok:
        await ImportRun.filter(id=run.id).update(status=REJECTED, counts=report.counts,
                                                 report=[line.to_dict() for line in report.lines])
        forget_files(run.id)
        return report
    safety.check_deactivation(checked.deactivation, confirm_deactivate)
    async with committing(transaction) as outbox:
        # Only one apply wins: the status flips from validated to applied exactly once.
        if not await ImportRun.filter(id=run.id, status=VALIDATED).update(
                status=APPLIED, applied_at=now, counts=report.counts,
                report=[line.to_dict() for line in report.lines]):
            raise DomainError("prov.reason.run_not_validated", status=APPLIED)
        deactivated = await apply_plan(checked.plan, checked.snapshot, now=now,
                                       progress=lambda fraction, message: say(0.4 + 0.6 * fraction, message))
        if deactivated:
            outbox.add(PeopleDeactivated(tuple(deactivated)))
        outbox.add(ImportApplied(municipality_id, run.id))
    report.status = APPLIED
    forget_files(run.id)
    await audit.record("provisioning.apply", audit.ALLOWED, actor=actor,
                       detail=f"run={run.id} source={run.source} deactivated={len(deactivated)}")
    return report


async def do_validate(actor: Actor, files: list[ImportFile], *, full: bool, now: datetime,
                      progress: Progress | None = None, source: str = "upload") -> ImportReport:
    """Validate uploaded files as a dry run (admin only): nothing but the run and its report is stored."""
    await audit.check(access.can_administer_municipality(actor), actor, "provisioning.validate", audit_allowed=True)
    return await validate_run(await _municipality_of(actor), files, full=full, now=now, actor_id=actor.person_id,
                              actor_name=actor.name, source=source, progress=progress)


async def do_apply(actor: Actor, run_id: int, *, now: datetime, confirm_deactivate: int | None = None,
                   progress: Progress | None = None) -> ImportReport:
    """Apply a validated run (admin only), all or nothing; refused with the new report when errors appear.

    Deactivating more than 5 % of active people, or any institution, needs `confirm_deactivate` = that number.
    """
    await audit.check(access.can_administer_municipality(actor), actor, "provisioning.apply")
    return await apply_run(await _municipality_of(actor), run_id, now=now, actor=actor,
                           confirm_deactivate=confirm_deactivate, progress=progress)


def _view(run: ImportRun) -> ImportRunView:
    return ImportRunView(run.id, run.status, run.full, run.source, run.actor_name, run.started_at, run.finished_at,
                         run.applied_at, list(run.files), dict(run.counts))


async def list_runs(actor: Actor, limit: int = 20) -> list[ImportRunView]:
    """The municipality's latest import runs, newest first (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "provisioning.list")
    m = await _municipality_of(actor)
    return [_view(run) for run in await ImportRun.filter(municipality_id=m).order_by("-id").limit(limit)]


async def load_report(actor: Actor, run_id: int) -> ImportReport:
    """One run's stored report (admin only)."""
    await audit.check(access.can_administer_municipality(actor), actor, "provisioning.report")
    run = await ImportRun.get_or_none(id=run_id, municipality_id=await _municipality_of(actor))
    if run is None:
        raise NotFound("prov.reason.run_not_found")
    counts = empty_counts() | {k: v for k, v in dict(run.counts).items() if k in ENTITIES}
    return ImportReport(run.id, run.status, run.full, counts, [ReportLine.from_dict(d) for d in run.report],
                        list(run.files))
