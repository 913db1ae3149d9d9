"""The command line's import: read a directory, validate as the first municipal admin, apply unless a dry run."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from domain.errors import DomainError
from domain.organisation.model import MunicipalRole
from domain.provisioning import encoding, safety
from domain.provisioning.model import (
    DISCARDED,
    ENTITIES,
    ERROR,
    MAX_FILE_BYTES,
    REJECTED,
    ImportFile,
    ImportReport,
    Progress,
    ReportLine,
)
from domain.provisioning.service import apply_run, validate_run
from domain.provisioning.stored import close_run, forget_files
from persistence.organisation import Municipality
from persistence.people import MunicipalAssignment, Person

ENTITY_NAMES = {"institution": "Institutioner", "group": "Grupper", "person": "Personer", "account": "Konti",
                "custody": "Forældremyndighed", "enrolment": "Indskrivninger", "employment": "Ansættelser"}
OUTCOME_NAMES = (("created", "oprettet"), ("updated", "opdateret"), ("deactivated", "deaktiveret"),
                 ("unchanged", "uændret"), ("errors", "fejl"))
LEVELS = {"error": "FEJL", "warning": "ADVARSEL", "info": "INFO"}
SEPARATORS = {";": "semikolon (;)", ",": "komma (,)", "\t": "tabulator", "|": "lodret streg (|)", ":": "kolon (:)",
              "json": "JSON"}


def read_directory(directory: Path) -> list[ImportFile]:
    """The CSV and JSON files of a directory; a file over the limit is read only far enough to refuse it."""
    files: list[ImportFile] = []
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.suffix.lower() in (".csv", ".json"):
            with path.open("rb") as handle:
                files.append(ImportFile(path.name, handle.read(MAX_FILE_BYTES + 1)))
    return files


async def _runner() -> tuple[int | None, int | None, str]:
    """The municipality, the first municipal admin (the run's actor) and their name."""
    admin = await MunicipalAssignment.filter(role=MunicipalRole.ADMIN).order_by("id").first()
    person = await Person.get_or_none(id=admin.person_id) if admin else None
    if person is not None:
        return person.municipality_id, person.id, f"{person.first_name} {person.last_name} (kommandolinje)"
    municipality = await Municipality.all().order_by("id").first()
    return (municipality.id if municipality else None), None, "kommandolinje"


async def import_files(files: list[ImportFile], *, dry_run: bool, full: bool, now: datetime,
                       confirm_deactivate: int | None = None, progress: Progress | None = None) -> ImportReport:
    """Validate files (read by read_directory) as a "cli" run; apply them too unless a dry run or with errors.

    A run the command line does not apply now can never be applied later, so its stored files are deleted.
    """
    municipality_id, actor_id, actor_name = await _runner()
    if municipality_id is None:
        line = ReportLine.make("", 0, ERROR, "file", "", "no_municipality")
        return ImportReport(None, REJECTED, full, lines=[line])
    report = await validate_run(municipality_id, files, full=full, now=now, actor_id=actor_id,
                                actor_name=actor_name, source="cli", progress=progress)
    if dry_run or not report.ok or report.run_id is None:
        if report.run_id is not None:
            forget_files(report.run_id)
        return report
    try:
        return await apply_run(municipality_id, report.run_id, now=now, confirm_deactivate=confirm_deactivate,
                               progress=progress)
    except DomainError as exc:
        await close_run(report.run_id, DISCARDED, now)
        line = ReportLine.make("", 0, ERROR, "file", "", exc.key.removeprefix("prov.reason."), **exc.params)
        return ImportReport(report.run_id, REJECTED, full, report.counts, report.lines + [line], report.files)


def refusal(report: ImportReport) -> str | None:
    """The one line saying a large deactivation was refused for want of its number, or None."""
    return next((line.text for line in report.errors if line.reason == safety.REASON), None)


def _file_lines(report: ImportReport) -> list[str]:
    out = []
    for f in report.files:
        how = f"{encoding.NAMES.get(f.get('encoding', ''), 'ikke læst')}, " \
              f"{SEPARATORS.get(f.get('separator', ''), 'skilletegn ikke fundet')}"
        out.append(f"  {f['name']:<26}{how}")
    return out


def report_text(report: ImportReport, *, dry_run: bool) -> str:
    """The report in Danish for a terminal: counts per entity, then every line with file and line number."""
    out = [f"Import {'(prøvekørsel) ' if dry_run else ''}kørsel {report.run_id or '-'}: "
           f"{'fuld' if report.full else 'delvis'}, status {report.status}"]
    out += _file_lines(report)
    for entity in ENTITIES:
        c = report.counts.get(entity, {})
        out.append(f"  {ENTITY_NAMES[entity]:<18}" + "  ".join(f"{c.get(k, 0):>6} {name}" for k, name in OUTCOME_NAMES))
    refused = refusal(report)
    for line in report.lines:
        if refused and line.reason == safety.REASON:
            continue  # main.py says it as the command's one closing line
        where = f"{line.file}:{line.line}" if line.line else (line.file or "-")
        key = f" [{line.key}]" if line.key else ""
        out.append(f"{LEVELS.get(line.level, line.level.upper()):<8} {where}{key}: {line.text}")
    if dry_run and report.ok:
        out.append("Intet er anvendt (prøvekørsel). Kør uden --dry-run for at anvende.")
    elif refused:
        out.append("Intet er anvendt.")
    elif not report.ok:
        out.append("Intet er anvendt: ret fejlene og prøv igen.")
    return "\n".join(out)
