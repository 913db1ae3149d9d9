"""The admin's audit search: by person, actor, period, action and outcome, newest first, and as a CSV file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.expressions import Q, Subquery

from domain import access
from domain.audit import service as audit
from domain.clock import COPENHAGEN, day_start
from domain.errors import DomainError
from domain.identity.model import Actor
from persistence.audit import AuditEntry
from persistence.people import Custody, Employment, MunicipalAssignment, Person

CSV_CAP = 100_000
CSV_CHUNK = 2_000
MAX_PAGE = 200
ACTION_MAX = 60
OUTCOMES = ("", audit.ALLOWED, audit.REFUSED)


@dataclass(frozen=True)
class Criteria:
    """What the admin searches for; empty fields do not filter."""

    person_id: int | None = None
    actor_id: int | None = None
    first: date | None = None
    last: date | None = None
    action: str = ""
    outcome: str = ""

    def detail(self) -> str:
        """The criteria for the audit entry of the search itself: ids and dates only, never names."""
        parts = [f"{k}={v}" for k, v in (("person", self.person_id), ("actor", self.actor_id), ("first", self.first),
                                         ("last", self.last), ("action", self.action), ("outcome", self.outcome))
                 if v not in (None, "")]
        return ";".join(parts)


@dataclass(frozen=True)
class AuditRow:
    """One entry as the admin reads it, with the names of the actor and the person concerned."""

    id: int
    at: datetime
    actor_person_id: int | None
    actor_name: str
    actor_label: str
    action: str
    outcome: str
    concerned_person_id: int | None
    concerned_name: str
    client_address: str
    detail: str


@dataclass(frozen=True)
class AuditPage:
    """A page of entries, and the id to continue from when there are more."""

    rows: list[AuditRow]
    next_before_id: int | None


@dataclass(frozen=True)
class PersonHit:
    """A person found by name for the picker: the CPR masked, and hints at their roles."""

    person_id: int
    name: str
    masked_cpr: str
    hints: tuple[str, ...]


def criteria(*, person_id: int | None = None, actor_id: int | None = None, first: date | None = None,
             last: date | None = None, action: str = "", outcome: str = "") -> Criteria:
    """Validated criteria: a period that ends before it starts or an unknown outcome is a clear error."""
    if first and last and last < first:
        raise DomainError("audit.error.period")
    if outcome not in OUTCOMES:
        raise DomainError("audit.error.outcome")
    return Criteria(person_id, actor_id, first, last, action.strip().lower()[:ACTION_MAX], outcome)


def _filtered(c: Criteria) -> Any:
    # Each criterion maps onto an indexed column (at, actor_person_id, concerned_person_id) or the primary key.
    q = Q()
    if c.person_id is not None:
        q &= Q(concerned_person_id=c.person_id)
    if c.actor_id is not None:
        q &= Q(actor_person_id=c.actor_id)
    if c.first:
        q &= Q(at__gte=day_start(c.first))
    if c.last:
        q &= Q(at__lt=day_start(c.last + timedelta(days=1)))
    if c.action:
        q &= Q(action__startswith=c.action)
    if c.outcome:
        q &= Q(outcome=c.outcome)
    return AuditEntry.filter(q)


def full_name(first: str, last: str) -> str:
    """A person's name as shown to the admin."""
    return f"{first} {last}".strip()


async def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await Person.filter(id__in=ids).values_list("id", "first_name", "last_name")
    return {int(i): full_name(f, la) for i, f, la in rows}


async def _rows(entries: list[AuditEntry]) -> list[AuditRow]:
    ids = {e.actor_person_id for e in entries if e.actor_person_id} | {
        e.concerned_person_id for e in entries if e.concerned_person_id}
    names = await _names({i for i in ids if i is not None})
    return [AuditRow(e.id, e.at, e.actor_person_id, names.get(e.actor_person_id or 0, ""), e.actor_label, e.action,
                     e.outcome, e.concerned_person_id, names.get(e.concerned_person_id or 0, ""), e.client_address,
                     e.detail) for e in entries]


async def check_admin(actor: Actor, action: str = "audit.search") -> None:
    """Refuse (and log) anyone but the admin before a page shows its tools."""
    await audit.check(access.can_search_audit(actor), actor, action)


async def _check(actor: Actor, action: str, c: Criteria) -> None:
    await audit.check(access.can_search_audit(actor), actor, action, concerned_person_id=c.person_id)


async def search_audit(actor: Actor, *, person_id: int | None = None, actor_id: int | None = None,
                       first: date | None = None, last: date | None = None, action: str = "", outcome: str = "",
                       limit: int = 50, before_id: int | None = None) -> AuditPage:
    """A page of matching entries, newest first; a new search (no before_id) is itself audited."""
    c = criteria(person_id=person_id, actor_id=actor_id, first=first, last=last, action=action, outcome=outcome)
    await _check(actor, "audit.search", c)
    limit = max(1, min(limit, MAX_PAGE))
    query = _filtered(c)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    found = list(await query.order_by("-id").limit(limit + 1))
    more = len(found) > limit
    found = found[:limit]
    if before_id is None:
        # Written after the read, so a search never lists itself on its first page.
        await audit.record("audit.search", audit.ALLOWED, actor=actor, concerned_person_id=c.person_id,
                           detail=c.detail())
    return AuditPage(await _rows(found), found[-1].id if more and found else None)


CSV_HEADER = ["Tidspunkt", "Aktør-id", "Aktør", "Rolle", "Handling", "Udfald", "Person-id", "Person", "Adresse",
              "Detaljer"]


def safe_cell(value: object) -> str:
    """A cell a spreadsheet never runs as a formula: a leading = + - @ (or tab/CR) gets a quote in front."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_line(row: AuditRow) -> list[str]:
    at = row.at.astimezone(COPENHAGEN).strftime("%d.%m.%Y %H:%M:%S")
    return [safe_cell(v) for v in (at, row.actor_person_id or "", row.actor_name, row.actor_label, row.action,
                                   row.outcome, row.concerned_person_id or "", row.concerned_name,
                                   row.client_address, row.detail)]


async def audit_csv(actor: Actor, *, person_id: int | None = None, actor_id: int | None = None,
                    first: date | None = None, last: date | None = None, action: str = "",
                    outcome: str = "", cap: int = CSV_CAP) -> bytes:
    """Every matching entry as a Danish spreadsheet file (';', UTF-8 with BOM), at most cap rows, audited."""
    c = criteria(person_id=person_id, actor_id=actor_id, first=first, last=last, action=action, outcome=outcome)
    await _check(actor, "audit.export_csv", c)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    written, seen, before = 0, 0, None
    while True:
        # One row past the cap tells whether the file had to be cut.
        query = _filtered(c) if before is None else _filtered(c).filter(id__lt=before)
        chunk = list(await query.order_by("-id").limit(min(CSV_CHUNK, cap + 1 - seen)))
        seen += len(chunk)
        keep = chunk[:max(0, cap - written)]
        for row in await _rows(keep):
            writer.writerow(_csv_line(row))
        written += len(keep)
        if seen > cap or len(chunk) < CSV_CHUNK:
            break
        before = chunk[-1].id
    capped = seen > cap
    if capped:
        writer.writerow([f"Udtrækket er afskåret ved {cap:,} rækker. Afgræns søgningen for at få resten.".replace(
            ",", ".")])
    await audit.record("audit.export_csv", audit.ALLOWED, actor=actor, concerned_person_id=c.person_id,
                       detail=f"{c.detail()};rows={written}"[:300])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def masked_cpr(cpr: str | None) -> str:
    """DDMMYY-XXXX: the birth date part only."""
    return f"{cpr[:6]}-XXXX" if cpr and len(cpr) >= 6 else ""


async def find_people(actor: Actor, text: str, limit: int = 20) -> list[PersonHit]:
    """People whose names hold every word typed (or whose CPR starts with the digits typed), for the pickers."""
    await audit.check(access.can_search_audit(actor), actor, "audit.find_people")
    words = text.replace("-", "").split()[:4]
    if not words or all(len(w) < 2 for w in words):
        return []
    q = Q()
    for w in words:
        q &= Q(cpr__startswith=w) if w.isdigit() and len(w) >= 6 else (
            Q(first_name__icontains=w) | Q(last_name__icontains=w))
    # Only people of the admin's own municipality are offered.
    home = Person.filter(id=actor.person_id).values_list("municipality_id", flat=True)
    people = await Person.filter(q, municipality_id__in=Subquery(home)).order_by(
        "first_name", "last_name", "id").limit(limit).values_list("id", "first_name", "last_name", "cpr", "is_child")
    ids = [int(p[0]) for p in people]
    guardians = set(await Custody.filter(guardian_id__in=ids).values_list("guardian_id", flat=True)) if ids else set()
    staff = set(await Employment.filter(person_id__in=ids).values_list("person_id", flat=True)) if ids else set()
    municipal: dict[int, list[str]] = {}
    roles = await MunicipalAssignment.filter(person_id__in=ids).values_list("person_id", "role") if ids else []
    for pid, role in roles:
        municipal.setdefault(int(pid), []).append(str(getattr(role, "value", role)))
    hits = []
    for pid, first, last, cpr, is_child in people:
        hints = (["child"] if is_child else []) + (["guardian"] if pid in guardians else []) + (
            ["staff"] if pid in staff else []) + sorted(municipal.get(int(pid), []))
        hits.append(PersonHit(int(pid), full_name(first, last), masked_cpr(cpr), tuple(hints)))
    return hits
