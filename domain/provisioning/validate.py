"""Validating rows into typed records: field formats, duplicates within the files, one user name per person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from domain.provisioning import fields as f
from domain.provisioning.formats import ParsedFile, fold
from domain.provisioning.model import ERROR, WARNING, ReportLine

LIMITS = {"navn": 120, "fornavn": 80, "efternavn": 80, "adresse": 200, "email": 200, "telefon": 30}


@dataclass(frozen=True)
class Institution:
    """An institution row."""

    line: int
    number: str
    name: str
    kind: InstitutionKind
    address: str | None


@dataclass(frozen=True)
class Group:
    """A group row, keyed by (institution number, name)."""

    line: int
    institution: str
    name: str
    kind: GroupKind
    expires_on: date | None


@dataclass(frozen=True)
class Person:
    """A person row, keyed by CPR; None means the column was not given (keep what is stored)."""

    line: int
    cpr: str
    first_name: str
    last_name: str
    birth_date: date
    address: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Custody:
    """A custody row, keyed by (guardian CPR, child CPR)."""

    line: int
    guardian: str
    child: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class Enrolment:
    """An enrolment row, keyed by (child CPR, institution number, start)."""

    line: int
    child: str
    institution: str
    group: str
    start: date
    end: date | None


@dataclass(frozen=True)
class Staff:
    """An employment row, keyed by (CPR, institution number)."""

    line: int
    cpr: str
    institution: str
    role: StaffRole
    superuser: bool
    start: date
    end: date | None


@dataclass
class Rows:
    """Everything the files say, validated, with the problems found and which files were given."""

    institutions: dict[str, Institution] = field(default_factory=dict)
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    custody: dict[tuple[str, str], Custody] = field(default_factory=dict)
    enrolments: dict[tuple[str, str, date], Enrolment] = field(default_factory=dict)
    staff: dict[tuple[str, str], Staff] = field(default_factory=dict)
    usernames: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # cpr -> (username, file, line)
    owners: dict[str, str] = field(default_factory=dict)  # username -> cpr
    files: dict[str, str] = field(default_factory=dict)  # entity -> file name
    broken: set[str] = field(default_factory=set)  # entities whose file could not be read as a whole
    lines: list[ReportLine] = field(default_factory=list)

    def given(self, entity: str) -> str:
        """The file of an entity that was given and could be read, or ''."""
        return "" if entity in self.broken else self.files.get(entity, "")


class _Row:
    """One row being checked: reads fields and records problems against its file and line."""

    def __init__(self, rows: Rows, file: str, entity: str, line: int, data: dict[str, str]) -> None:
        self.rows, self.file, self.entity, self.line, self.data = rows, file, entity, line, data
        self.key = ""
        self.ok = True

    def error(self, reason: str, level: str = ERROR, **params: Any) -> None:
        self.ok = self.ok and level != ERROR
        self.rows.lines.append(ReportLine.make(self.file, self.line, level, self.entity, self.key, reason, **params))

    def text(self, column: str, required: bool = True) -> str:
        value = self.data.get(column, "")
        if required and not value:
            self.error("required", column=column)
        if column in LIMITS and len(value) > LIMITS[column]:
            self.error("too_long", column=column, max=LIMITS[column])
        return value

    def optional(self, column: str) -> str | None:
        return self.text(column, required=False) if column in self.data else None

    def cpr(self, column: str) -> str:
        raw = self.text(column)
        cpr = f.normalise_cpr(raw) if raw else None
        if raw and cpr is None:
            self.error("cpr_format", value=f.mask_cpr(raw))
        return cpr or ""

    def number(self, column: str = "institutionsnummer", required: bool = True) -> str:
        value = self.text(column, required)
        if value and not f.INSTITUTION_NUMBER.match(value):
            self.error("institution_number_format", value=value[:20])
        return value

    def day(self, column: str, required: bool = True) -> date | None:
        raw = self.text(column, required)
        value = f.parse_date(raw) if raw else None
        if raw and value is None:
            self.error("date", value=raw[:20])
        return value

    def choice(self, column: str, table: dict[str, Any], reason: str) -> Any:
        raw = self.text(column)
        value = table.get(fold(raw)) if raw else None
        if raw and value is None:
            self.error(reason, value=raw[:40], allowed=", ".join(sorted({str(v) for v in table.values()})))
        return value

    def span(self, start: date | None, end: date | None) -> None:
        if start and end and end < start:
            self.error("date_order")


def validate(parsed: list[ParsedFile], unread: set[str] | frozenset[str] = frozenset()) -> Rows:
    """Check every row of every file (`unread`: entities whose file was refused unread); references come later."""
    rows = Rows(broken=set(unread))
    for pf in parsed:
        rows.lines.extend(pf.lines)
        if pf.spec is None:
            continue
        rows.files[pf.spec.entity] = pf.name
        if pf.broken:
            rows.broken.add(pf.spec.entity)
        for line, data in pf.rows:
            _ROW_CHECKS[pf.spec.entity](_Row(rows, pf.name, pf.spec.entity, line, data))
    return rows


def _duplicate(row: _Row, table: dict[Any, Any], key: Any, reason: str, value: str) -> bool:
    if key in table:
        row.error(reason, value=value, other=table[key].line)
        return True
    return False


def _institution(row: _Row) -> None:
    number = row.number()
    row.key = number
    name, kind, address = row.text("navn"), row.choice("type", f.INSTITUTION_KINDS, "institution_kind"), \
        row.optional("adresse")
    if row.ok and not _duplicate(row, row.rows.institutions, number, "institution_number_duplicate", number):
        row.rows.institutions[number] = Institution(row.line, number, name, kind, address)


def _group(row: _Row) -> None:
    number, name = row.number(), row.text("navn")
    row.key = f"{number}/{name}"
    kind, expires = row.choice("type", f.GROUP_KINDS, "group_kind"), row.day("udloeber", required=False)
    key = (number, name)
    if row.ok and not _duplicate(row, row.rows.groups, key, "group_duplicate", name):
        row.rows.groups[key] = Group(row.line, number, name, kind, expires)


def _person(row: _Row) -> None:
    cpr = row.cpr("cpr")
    row.key = f.mask_cpr(cpr)
    first, last = row.text("fornavn"), row.text("efternavn")
    address, email, phone = row.optional("adresse"), row.optional("email"), row.optional("telefon")
    username = row.data.get("brugernavn", "")
    if username and not f.valid_username(username):
        row.error("username_format", value=username[:40])
    if not row.ok:
        return
    known = row.rows.people.get(cpr)
    if known is not None:
        same = (known.first_name, known.last_name) == (first, last)
        row.error("cpr_duplicate" if same else "cpr_conflict", value=row.key, other=known.line)
        return
    birth = f.cpr_birth_date(cpr)
    assert birth is not None
    row.rows.people[cpr] = Person(row.line, cpr, first, last, birth, address, email, phone)
    if username:
        _username(row, cpr, username)


def _username(row: _Row, cpr: str, username: str) -> None:
    held = row.rows.usernames.get(cpr)
    if held is not None and held[0] != username:
        row.error("username_mismatch", value=username, other=held[0])
        return
    owner = row.rows.owners.get(username)
    if owner is not None and owner != cpr:
        row.error("username_duplicate", value=username, other=row.rows.usernames[owner][2])
        return
    if held is None:
        row.rows.usernames[cpr] = (username, row.file, row.line)
        row.rows.owners[username] = cpr


def _custody(row: _Row) -> None:
    guardian, child = row.cpr("foraelder_cpr"), row.cpr("barn_cpr")
    row.key = f"{f.mask_cpr(guardian)} > {f.mask_cpr(child)}"
    start, end = row.day("fra"), row.day("til", required=False)
    row.span(start, end)
    if row.ok and start and not _duplicate(row, row.rows.custody, (guardian, child), "duplicate_row", row.key):
        row.rows.custody[(guardian, child)] = Custody(row.line, guardian, child, start, end)


def _enrolment(row: _Row) -> None:
    child, number = row.cpr("barn_cpr"), row.number()
    row.key = f"{f.mask_cpr(child)} @ {number}"
    group, start, end = row.text("gruppe", required=False), row.day("start"), row.day("slut", required=False)
    row.span(start, end)
    if row.ok and start and not _duplicate(row, row.rows.enrolments, (child, number, start), "duplicate_row",
                                           row.key):
        row.rows.enrolments[(child, number, start)] = Enrolment(row.line, child, number, group, start, end)


def _staff(row: _Row) -> None:
    cpr, number = row.cpr("cpr"), row.number(required=False)
    row.key = f"{f.mask_cpr(cpr)} @ {number or '-'}"
    role, start, end = row.choice("rolle", f.ROLES, "role"), row.day("start"), row.day("slut", required=False)
    superuser = f.parse_bool(row.data.get("superbruger", ""))
    if superuser is None:
        row.error("boolean", value=row.data.get("superbruger", "")[:20])
    username = row.data.get("brugernavn", "")
    if username and not f.valid_username(username):
        row.error("username_format", value=username[:40])
    row.span(start, end)
    if not row.ok or start is None:
        return
    if not number:
        # No institution, no access: neither an employment nor an account from this row.
        row.error("staff_without_institution", level=WARNING)
        return
    if username:
        _username(row, cpr, username)
    if not _duplicate(row, row.rows.staff, (cpr, number), "duplicate_row", row.key):
        row.rows.staff[(cpr, number)] = Staff(row.line, cpr, number, role, bool(superuser), start, end)


_ROW_CHECKS = {"institution": _institution, "group": _group, "person": _person, "custody": _custody,
               "enrolment": _enrolment, "employment": _staff}
