"""The difference between the files and the database: what to create, update, deactivate, and what is unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.clock import age_on
from domain.provisioning import validate as v
from domain.provisioning.changes import describe
from domain.provisioning.fields import mask_cpr
from domain.provisioning.model import ENTITIES, ERROR, INFO, ReportLine
from domain.provisioning.snapshot import Snapshot

ADULT_AGE = 18


@dataclass
class Change:
    """One entity's part of the plan."""

    create: list[Any] = field(default_factory=list)
    update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    deactivate: list[int] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class Plan:
    """Every change an import would make, and the problems that stop it."""

    full: bool
    today: date
    changes: dict[str, Change] = field(default_factory=lambda: {e: Change() for e in ENTITIES})
    lines: list[ReportLine] = field(default_factory=list)

    def error(self, row: Any, file: str, entity: str, key: str, reason: str, **params: Any) -> None:
        """A problem found against the database or across files."""
        self.lines.append(ReportLine.make(file, row.line, ERROR, entity, key, reason, **params))

    def compare(self, entity: str, row_id: int, stored: dict[str, Any], wanted: dict[str, Any],
                where: tuple[str, int, str] | None = None) -> None:
        """Update only the fields that differ, saying which (at file, line, key); count unchanged otherwise."""
        diff = {k: val for k, val in wanted.items() if val is not None and stored.get(k) != val}
        self.record(entity, row_id, stored, diff, where)

    def record(self, entity: str, row_id: int, stored: dict[str, Any], diff: dict[str, Any],
               where: tuple[str, int, str] | None) -> None:
        """An update of these fields, with a report line naming each change; unchanged when there is none."""
        if not diff:
            self.changes[entity].unchanged += 1
            return
        self.changes[entity].update.append((row_id, diff))
        text = describe(stored, diff)
        if where is not None and text:
            file, line, key = where
            self.lines.append(ReportLine.make(file, line, INFO, entity, key, "changed", changes=text))


# What each entity refers to: when one of those files could not be read, its references are not checked, so one
# bad header gives one error and not one per row of every other file.
_STEPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("institution", frozenset()), ("group", frozenset({"institution"})), ("person", frozenset()),
    ("account", frozenset({"person"})), ("custody", frozenset({"person"})),
    ("enrolment", frozenset({"person", "institution", "group"})),
    ("employment", frozenset({"person", "institution"})))


def make_plan(rows: v.Rows, snap: Snapshot, *, full: bool, today: date) -> Plan:
    """Compare the validated rows with the snapshot (pure: no database access)."""
    plan = Plan(full, today)
    for entity, needs in _STEPS:
        if not needs & rows.broken:
            _CHECKS[entity](plan, rows, snap)
    return plan


def _institutions(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    file = rows.given("institution")
    for number, row in rows.institutions.items():
        if number in snap.foreign_institutions:
            plan.error(row, file, "institution", number, "institution_number_taken", value=number)
        elif number in snap.institutions:
            plan.compare("institution", snap.institutions[number]["id"], snap.institutions[number],
                         {"name": row.name, "kind": row.kind, "address": row.address, "active": True},
                         (file, row.line, number))
        else:
            plan.changes["institution"].create.append(row)
    if plan.full and file:
        plan.changes["institution"].deactivate = [
            i["id"] for n, i in snap.institutions.items() if i["active"] and n not in rows.institutions]


def _known_institution(plan: Plan, rows: v.Rows, snap: Snapshot, number: str) -> bool:
    if number in rows.institutions:
        return True
    stored = snap.institutions.get(number)
    # In a full import with an institution file, one missing from it is about to be deactivated.
    return stored is not None and bool(stored["active"]) and not (plan.full and rows.given("institution"))


def _groups(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    file = rows.given("group")
    for key, row in rows.groups.items():
        if not _known_institution(plan, rows, snap, row.institution):
            plan.error(row, file, "group", "/".join(key), "unknown_institution", value=row.institution)
        elif key in snap.groups:
            stored = snap.groups[key]
            diff = {k: val for k, val in (("kind", row.kind), ("expires_on", row.expires_on)) if stored[k] != val}
            plan.record("group", stored["id"], stored, diff, (file, row.line, "/".join(key)))
        else:
            plan.changes["group"].create.append(row)


def _people(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    file = rows.given("person")
    for cpr, row in rows.people.items():
        if cpr in snap.foreign_cprs:
            plan.error(row, file, "person", mask_cpr(cpr), "cpr_taken", value=mask_cpr(cpr))
            continue
        wanted = {"first_name": row.first_name, "last_name": row.last_name, "birth_date": row.birth_date,
                  "is_child": age_on(row.birth_date, plan.today) < ADULT_AGE, "address": row.address,
                  "email": row.email, "phone": row.phone, "active": True}
        stored = snap.people.get(cpr)
        if stored is None:
            plan.changes["person"].create.append(row)
            continue
        plan.compare("person", stored["id"], stored, wanted, (file, row.line, mask_cpr(cpr)))
        if not stored["active"]:
            plan.changes["person"].update[-1][1]["deactivated_at"] = None
    if plan.full and file:
        plan.changes["person"].deactivate = [
            p["id"] for cpr, p in snap.people.items()
            if p["active"] and cpr not in rows.people and p["id"] not in snap.protected]


def _known_person(rows: v.Rows, snap: Snapshot, plan: Plan, cpr: str) -> bool:
    if cpr in rows.people:
        return True
    stored = snap.people.get(cpr)
    # In a full import with a person file, someone missing from it is about to be deactivated.
    return stored is not None and bool(stored["active"]) and not (plan.full and rows.given("person"))


def _accounts(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    deactivated = set(plan.changes["person"].deactivate)
    for cpr, (username, file, line) in rows.usernames.items():
        row = rows.people.get(cpr) or _Line(line)
        if not _known_person(rows, snap, plan, cpr):
            plan.error(row, file, "account", username, "unknown_person", value=mask_cpr(cpr))
            continue
        stored_person = snap.people.get(cpr)
        person_id = stored_person["id"] if stored_person else None
        owner = snap.subject_owner.get(username)
        if owner is not None and owner != person_id:
            plan.error(_Line(line), file, "account", username, "username_taken", value=username)
            continue
        account = snap.accounts.get(person_id) if person_id is not None else None
        if account is None:
            plan.changes["account"].create.append((cpr, username))
        else:
            plan.compare("account", account["id"], account,
                         {"oidc_subject": username, "username": username, "active": True}, (file, line, username))
    inactive = {p["id"] for p in snap.people.values() if not p["active"]}
    reactivated = {pid for pid, _ in plan.changes["person"].update if pid in inactive}
    with_username = {snap.people[c]["id"] for c in rows.usernames if c in snap.people}
    for pid in reactivated - with_username:
        account = snap.accounts.get(pid)
        if account and not account["active"]:
            plan.changes["account"].update.append((account["id"], {"active": True}))
    plan.changes["account"].deactivate = [
        a["id"] for pid, a in snap.accounts.items() if pid in deactivated and a["active"]]


@dataclass(frozen=True)
class _Line:
    line: int


def _current(end: date | None, today: date) -> bool:
    return end is None or end >= today


def _custody(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    file = rows.given("custody")
    for key, row in rows.custody.items():
        missing = next((c for c in key if not _known_person(rows, snap, plan, c)), None)
        if missing:
            plan.error(row, file, "custody", mask_cpr(missing), "unknown_person", value=mask_cpr(missing))
        elif key in snap.custody:
            stored = snap.custody[key]
            _compare_span(plan, "custody", stored, ("valid_from", "valid_to"), row.valid_from, row.valid_to,
                          where=(file, row.line, mask_cpr(key[0]) + " > " + mask_cpr(key[1])))
        else:
            plan.changes["custody"].create.append(row)
    if plan.full and file:
        plan.changes["custody"].deactivate = [
            c["id"] for k, c in snap.custody.items() if k not in rows.custody and _current(c["valid_to"], plan.today)]


def _compare_span(plan: Plan, entity: str, stored: dict[str, Any], names: tuple[str, str], start: date,
                  end: date | None, extra: dict[str, Any] | None = None, *,
                  where: tuple[str, int, str] | None = None, old: dict[str, Any] | None = None) -> None:
    wanted = {names[0]: start, **(extra or {})}
    diff = {k: val for k, val in wanted.items() if stored.get(k) != val}
    if stored[names[1]] != end:
        diff[names[1]] = end
    plan.record(entity, stored["id"], stored | (old or {}), diff, where)


def _enrolments(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    file = rows.given("enrolment")
    for key, row in rows.enrolments.items():
        if not _known_person(rows, snap, plan, row.child):
            plan.error(row, file, "enrolment", mask_cpr(row.child), "unknown_person", value=mask_cpr(row.child))
        elif not _known_institution(plan, rows, snap, row.institution):
            plan.error(row, file, "enrolment", row.institution, "unknown_institution", value=row.institution)
        elif row.group and (row.institution, row.group) not in rows.groups \
                and (row.institution, row.group) not in snap.groups:
            plan.error(row, file, "enrolment", row.group, "unknown_group", value=row.group)
        elif key in snap.enrolments:
            stored = snap.enrolments[key]
            group_key = snap.group_keys.get(stored["group_id"]) if stored["group_id"] else None
            wanted_group = (row.institution, row.group) if row.group else None
            extra = {"group": wanted_group} if group_key != wanted_group else {}
            _compare_span(plan, "enrolment", stored, ("start", "end"), row.start, row.end, extra,
                          where=(file, row.line, f"{mask_cpr(row.child)} @ {row.institution}"),
                          old={"group": group_key})
        else:
            plan.changes["enrolment"].create.append(row)
    if plan.full and file:
        plan.changes["enrolment"].deactivate = [
            e["id"] for k, e in snap.enrolments.items() if k not in rows.enrolments and _current(e["end"], plan.today)]


def _employments(plan: Plan, rows: v.Rows, snap: Snapshot) -> None:
    file = rows.given("employment")
    for key, row in rows.staff.items():
        if not _known_person(rows, snap, plan, row.cpr):
            plan.error(row, file, "employment", mask_cpr(row.cpr), "unknown_person", value=mask_cpr(row.cpr))
        elif not _known_institution(plan, rows, snap, row.institution):
            plan.error(row, file, "employment", row.institution, "unknown_institution", value=row.institution)
        elif key in snap.employments:
            stored = snap.employments[key]
            _compare_span(plan, "employment", stored, ("start", "end"), row.start, row.end,
                          {"role": row.role, "superuser": row.superuser},
                          where=(file, row.line, f"{mask_cpr(row.cpr)} @ {row.institution}"))
        else:
            plan.changes["employment"].create.append(row)
    if plan.full and file:
        plan.changes["employment"].deactivate = [
            e["id"] for k, e in snap.employments.items() if k not in rows.staff and _current(e["end"], plan.today)]


_CHECKS = {"institution": _institutions, "group": _groups, "person": _people, "account": _accounts,
           "custody": _custody, "enrolment": _enrolments, "employment": _employments}
