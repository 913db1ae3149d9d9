"""Provisioning vocabulary: import files, report lines with stable reason keys, the report, events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from domain.events import Event
from domain.identity.model import person_topic

MAX_FILE_BYTES = 200 * 1024 * 1024
REPORT_LINE_LIMIT = 1000
ENTITIES = ("institution", "group", "person", "account", "custody", "enrolment", "employment")
OUTCOMES = ("created", "updated", "deactivated", "unchanged", "errors")
VALIDATED, REJECTED, APPLIED = "validated", "rejected", "applied"
DISCARDED, EXPIRED = "discarded", "expired"  # never applied; the stored files are deleted
ERROR, WARNING, INFO = "error", "warning", "info"

Progress = Callable[[float, str], None]

# Danish text of every reason; {placeholders} come from the line's params.
REASONS: dict[str, str] = {
    "file_too_large": "Filen er for stor ({size_mb} MB); højst {max_mb} MB. Filen er ikke læst.",
    "file_unknown": "Ukendt filnavn; brug et af: {expected}.",
    "file_duplicate": "Samme slags fil er givet to gange (også {other}).",
    "file_empty": "Filen er tom.",
    "file_binary": "Filen er ikke tekst (binære data); forventede CSV eller JSON.",
    "file_encoding": "Filen er hverken UTF-8 eller Windows-1252.",
    "file_mixed_encoding": "Filen blander tegnsæt: linje {lines} er {encoding}, resten er {rest}; gem hele filen i ét "
                           "tegnsæt (helst UTF-8) og prøv igen.",
    "mojibake": "Feltet '{column}' indeholder '{found}' ('{value}'): teksten er omkodet forkert før Sammen fik den "
                "(UTF-8 læst som Windows-1252); ret kilden og gem filen som UTF-8.",
    "file_truncated": "Filen er afkortet: {detail}.",
    "wrong_separator": "Forkert skilletegn: fandt '{found}', forventede semikolon (;).",
    "unknown_column": "Ukendt kolonne '{column}'; tilladte kolonner: {allowed}.",
    "missing_column": "Kolonnen '{column}' mangler; filens kolonner er: {found}.",
    "duplicate_column": "Kolonnen '{column}' står to gange (også som '{other}').",
    "row_columns": "Rækken har {found} felter, men overskriften har {expected} (afkortet eller forkert skilletegn?).",
    "json_invalid": "Ugyldig JSON: {detail}.",
    "json_shape": "JSON-filen skal være en liste af objekter med kolonnenavnene som nøgler.",
    "required": "Feltet '{column}' skal udfyldes.",
    "too_long": "Feltet '{column}' er for langt (højst {max} tegn).",
    "institution_number_format": "Institutionsnummeret '{value}' skal være 6 cifre.",
    "institution_number_duplicate": "Institutionsnummeret {value} står flere gange (også linje {other}).",
    "institution_number_taken": "Institutionsnummeret {value} tilhører en anden kommune.",
    "institution_kind": "Ukendt institutionstype '{value}'; tilladt: {allowed}.",
    "group_kind": "Ukendt gruppetype '{value}'; tilladt: {allowed}.",
    "group_duplicate": "Gruppen '{value}' står flere gange i samme institution (også linje {other}).",
    "role": "Ukendt rolle '{value}'; tilladt: {allowed}.",
    "boolean": "'{value}' er ikke ja/nej.",
    "date": "'{value}' er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ).",
    "date_order": "Slutdatoen ligger før startdatoen.",
    "cpr_format": "CPR-nummeret {value} er ugyldigt (10 cifre med en gyldig fødselsdato).",
    "cpr_duplicate": "CPR-nummeret {value} står flere gange (også linje {other}).",
    "cpr_conflict": "CPR-nummeret {value} står flere gange med forskellige navne (også linje {other}).",
    "cpr_taken": "CPR-nummeret {value} tilhører allerede en anden person (i en anden kommune); intet overskrives.",
    "unknown_person": "Personen med CPR {value} findes ikke i personfilen.",
    "unknown_institution": "Institutionen {value} findes ikke.",
    "unknown_group": "Gruppen '{value}' findes ikke i institutionen.",
    "username_format": "Brugernavnet '{value}' er ugyldigt (højst 80 tegn, ingen mellemrum).",
    "username_duplicate": "Brugernavnet '{value}' står ved to personer (også linje {other}).",
    "username_taken": "Brugernavnet '{value}' tilhører allerede en anden persons konto.",
    "username_mismatch": "Personen har to forskellige brugernavne ('{value}' og '{other}').",
    "duplicate_row": "Rækken står flere gange (også linje {other}).",
    "staff_without_institution": "Medarbejderen har ingen institution og får ingen adgang.",
    "changed": "Ændret: {changes}.",
    "deactivation_unconfirmed": "Importen vil deaktivere {people} af {active} aktive personer ({share} %) og "
                                "{institutions} institutioner, i alt {total} deaktiveringer; det kræver, at tallet "
                                "bekræftes: kør med --full --confirm-deactivate {total}.",
    "too_many_lines": "Rapporten viser de første {shown} linjer; {hidden} flere er udeladt.",
    "run_not_found": "Importkørslen findes ikke.",
    "run_not_validated": "Importkørslen kan ikke anvendes (status: {status}).",
    "run_not_pending": "Importkørslen kan ikke kasseres (status: {status}).",
    "files_missing": "De gemte filer for kørslen mangler.",
    "no_files": "Ingen importfiler fundet.",
    "no_municipality": "Databasen har ingen kommune at importere til.",
}


# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.


def import_topic(municipality_id: int) -> str:
    """The admin's import pages of a municipality."""
    return f"import:{municipality_id}"


def render(reason: str, params: dict[str, Any]) -> str:
    """The Danish text of a reason with its parameters filled in."""
    template = REASONS.get(reason, reason)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


@dataclass(frozen=True)
class ImportFile:
    """One uploaded or read file: its name (the name says what it holds) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ReportLine:
    """One finding: where (file, line; 0 = the whole file), how bad, about what, why (a stable key) and in Danish."""

    file: str
    line: int
    level: str
    entity: str
    key: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    @staticmethod
    def make(file: str, line: int, level: str, entity: str, key: str, reason: str, **params: Any) -> ReportLine:
        """A line with its Danish text rendered."""
        return ReportLine(file, line, level, entity, key, reason, params, render(reason, params))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for storage."""
        return {"file": self.file, "line": self.line, "level": self.level, "entity": self.entity,
                "key": self.key, "reason": self.reason, "params": self.params, "text": self.text}

    @staticmethod
    def from_dict(d: dict[str, Any]) -> ReportLine:
        """Back from storage."""
        return ReportLine(d["file"], int(d["line"]), d["level"], d["entity"], d["key"], d["reason"],
                          dict(d.get("params") or {}), d.get("text", ""))


def empty_counts() -> dict[str, dict[str, int]]:
    """Zero for every entity and outcome."""
    return {entity: dict.fromkeys(OUTCOMES, 0) for entity in ENTITIES}


@dataclass
class ImportReport:
    """What a validation or an application found and did, per entity, with every report line."""

    run_id: int | None
    status: str
    full: bool
    counts: dict[str, dict[str, int]] = field(default_factory=empty_counts)
    lines: list[ReportLine] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    confirm_deactivate: int = 0  # the number to type before applying; 0: one confirmation is enough

    @property
    def errors(self) -> list[ReportLine]:
        """The lines that stop the import."""
        return [line for line in self.lines if line.level == ERROR]

    @property
    def error_count(self) -> int:
        """All errors, also those beyond the stored lines."""
        return sum(c["errors"] for c in self.counts.values())

    @property
    def ok(self) -> bool:
        """No errors: the import can be applied."""
        return self.error_count == 0 and not self.errors

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for storage."""
        return {"run_id": self.run_id, "status": self.status, "full": self.full, "counts": self.counts,
                "lines": [line.to_dict() for line in self.lines], "files": self.files}


@dataclass(frozen=True)
class ImportRunView:
    """One import run as the pipeline view lists it."""

    id: int
    status: str
    full: bool
    source: str
    actor_name: str
    started_at: Any
    finished_at: Any
    applied_at: Any
    files: list[dict[str, Any]]
    counts: dict[str, dict[str, int]]


@dataclass(frozen=True)
class PeopleDeactivated(Event):
    """A full import deactivated people: their open pages log them out."""

    person_ids: tuple[int, ...]

    @property
    def topics(self) -> tuple[str, ...]:
        """One topic per person, so each open page of theirs hears it."""
        return tuple(person_topic(pid) for pid in self.person_ids)


@dataclass(frozen=True)
class ImportApplied(Event):
    """An import run was applied in a municipality."""

    municipality_id: int
    run_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """The admin pages of the municipality."""
        return (import_topic(self.municipality_id),)
