"""The admin's pipeline view: the last imports, staff without accounts, institutions without staff, recent changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Subquery

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.identity.model import Actor
from domain.provisioning.model import APPLIED, ERROR, VALIDATED, WARNING, ImportRunView, ReportLine
from persistence.identity import UserAccount
from persistence.organisation import Institution
from persistence.people import Employment, Person
from persistence.provisioning import ImportRun
from persistence.queries import active_on, ints

RUN_FIELDS = ("id", "status", "full", "source", "actor_name", "started_at", "finished_at", "applied_at", "files",
              "counts")
DIFFERENCE_LINES = 200


@dataclass(frozen=True)
class StaffWithoutAccount:
    """An employed person who cannot log in: no active account."""

    person_id: int
    name: str
    institutions: tuple[str, ...]


@dataclass(frozen=True)
class InstitutionWithoutStaff:
    """An active institution nobody is employed at today."""

    institution_id: int
    number: str
    name: str
    kind: str


@dataclass(frozen=True)
class Differences:
    """What the last applied import changed, or what the newest checked one would change."""

    run: ImportRunView
    pending: bool
    counts: dict[str, dict[str, int]]
    lines: list[ReportLine]
    hidden: int


@dataclass(frozen=True)
class Pipeline:
    """Everything the pipeline view shows, for one municipality."""

    runs: list[ImportRunView]
    staff_without_accounts: list[StaffWithoutAccount]
    institutions_without_staff: list[InstitutionWithoutStaff]
    differences: Differences | None


async def admin_municipality(actor: Actor, action: str) -> int:
    """Only the municipal admin sees the pipeline; returns their municipality."""
    await audit.check(access.can_administer_municipality(actor), actor, action)
    found = ints(await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True))
    if not found:
        raise NotFound("error.not_found")
    return found[0]


def _view(row: dict[str, Any]) -> ImportRunView:
    return ImportRunView(**{name: row[name] for name in RUN_FIELDS})


async def latest_runs(municipality_id: int, limit: int) -> list[ImportRunView]:
    """The newest runs first, without their (large) report lines."""
    rows = await ImportRun.filter(municipality_id=municipality_id).order_by("-started_at", "-id").limit(
        limit).values(*RUN_FIELDS)
    return [_view(row) for row in rows]


async def staff_without_accounts(municipality_id: int, today: date) -> list[StaffWithoutAccount]:
    """Active employments of active people at active institutions, whose person has no active account (one query)."""
    with_account = Subquery(UserAccount.filter(active=True).values("person_id"))
    rows = await Employment.filter(
        active_on(today), institution__municipality_id=municipality_id, institution__active=True,
        person__active=True,
    ).exclude(person_id__in=with_account).order_by("person__last_name", "person__first_name", "person_id").values_list(
        "person_id", "person__first_name", "person__last_name", "institution__name")
    found: dict[int, tuple[str, list[str]]] = {}
    for person_id, first, last, institution in rows:
        name, places = found.setdefault(int(person_id), (f"{first} {last}", []))
        if institution not in places:
            places.append(str(institution))
    return [StaffWithoutAccount(pid, name, tuple(places)) for pid, (name, places) in found.items()]


async def institutions_without_staff(municipality_id: int, today: date) -> list[InstitutionWithoutStaff]:
    """Active institutions with no employment running today (one query)."""
    staffed = Subquery(Employment.filter(active_on(today)).values("institution_id"))
    rows = await Institution.filter(municipality_id=municipality_id, active=True).exclude(
        id__in=staffed).order_by("name").values_list("id", "number", "name", "kind")
    return [InstitutionWithoutStaff(int(i), str(n), str(name), str(kind)) for i, n, name, kind in rows]


async def differences(municipality_id: int) -> Differences | None:
    """A checked run newer than the last applied one shows its plan; else the last applied run shows its changes."""
    applied = await ImportRun.filter(municipality_id=municipality_id, status=APPLIED).order_by(
        "-applied_at", "-id").first().values(*RUN_FIELDS, "report")
    pending_filter = ImportRun.filter(municipality_id=municipality_id, status=VALIDATED)
    if applied:
        pending_filter = pending_filter.filter(id__gt=applied["id"])
    pending = await pending_filter.order_by("-id").first().values(*RUN_FIELDS, "report")
    chosen = pending or applied
    if not chosen:
        return None
    report = chosen["report"] or {}
    raw = report.get("lines", []) if isinstance(report, dict) else report
    changes = [ReportLine.from_dict(d) for d in raw if d.get("level") not in (ERROR, WARNING)
               and d.get("reason") != "too_many_lines"]
    return Differences(_view(chosen), pending is not None, dict(chosen["counts"] or {}), changes[:DIFFERENCE_LINES],
                       max(0, len(changes) - DIFFERENCE_LINES))


async def load_pipeline(actor: Actor, *, today: date, limit: int = 10) -> Pipeline:
    """The whole pipeline view for the admin's municipality."""
    municipality_id = await admin_municipality(actor, "provisioning.pipeline")
    return Pipeline(
        runs=await latest_runs(municipality_id, limit),
        staff_without_accounts=await staff_without_accounts(municipality_id, today),
        institutions_without_staff=await institutions_without_staff(municipality_id, today),
        differences=await differences(municipality_id),
    )
