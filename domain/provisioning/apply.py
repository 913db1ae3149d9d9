"""Writing a plan: bulk inserts and updates in batches, inside the caller's one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from tortoise.models import Model

from domain.clock import age_on
from domain.provisioning import validate as v
from domain.provisioning.model import Progress
from domain.provisioning.plan import ADULT_AGE, Plan
from domain.provisioning.snapshot import CHUNK, Snapshot
from persistence.identity import UserAccount
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, Person

BATCH = 1000


async def bulk_update(model: type[Model], updates: list[tuple[int, dict[str, Any]]]) -> None:
    """Update rows in batches, one statement per set of changed columns and batch."""
    by_fields: dict[tuple[str, ...], list[Model]] = defaultdict(list)
    for row_id, changes in updates:
        by_fields[tuple(sorted(changes))].append(model(id=row_id, **changes))
    for names, objects in by_fields.items():
        await model.bulk_update(objects, list(names), batch_size=BATCH)


async def _ids(model: type[Model], key: str, values: Iterable[str], **filters: Any) -> dict[str, int]:
    items = sorted(set(values))
    found: dict[str, int] = {}
    for i in range(0, len(items), CHUNK):
        rows = await model.filter(**filters, **{f"{key}__in": items[i:i + CHUNK]}).values_list(key, "id")
        found.update({str(k): int(pk) for k, pk in rows})
    return found


async def apply_plan(plan: Plan, snap: Snapshot, *, now: datetime, progress: Progress | None = None) -> list[int]:
    """Apply every change (the caller holds the transaction); returns the ids of people deactivated."""
    m = snap.municipality_id
    say = progress or (lambda fraction, message: None)
    ended = plan.today - timedelta(days=1)
    ch = plan.changes

    say(0.05, "institutioner")
    await Institution.bulk_create([Institution(municipality_id=m, number=r.number, name=r.name, kind=r.kind,
                                               address=r.address or "", active=True)
                                   for r in ch["institution"].create], batch_size=BATCH)
    await bulk_update(Institution, ch["institution"].update)
    await _deactivate(Institution, ch["institution"].deactivate, active=False)
    institutions = {n: i["id"] for n, i in snap.institutions.items()}
    institutions |= await _ids(Institution, "number", [r.number for r in ch["institution"].create])

    say(0.15, "grupper")
    created_groups: list[v.Group] = ch["group"].create
    await Group.bulk_create([Group(municipality_id=m, institution_id=institutions[r.institution], name=r.name,
                                   kind=r.kind, expires_on=r.expires_on) for r in created_groups], batch_size=BATCH)
    await bulk_update(Group, ch["group"].update)
    groups = {k: g["id"] for k, g in snap.groups.items()}
    if created_groups:
        numbers = {i: n for n, i in institutions.items()}
        for gid, iid, name in await Group.filter(municipality_id=m, institution_id__isnull=False).values_list(
                "id", "institution_id", "name"):
            groups.setdefault((numbers[int(iid)], str(name)), int(gid))

    say(0.3, "personer")
    created_people: list[v.Person] = ch["person"].create
    await Person.bulk_create([Person(municipality_id=m, cpr=r.cpr, first_name=r.first_name, last_name=r.last_name,
                                     birth_date=r.birth_date, is_child=age_on(r.birth_date, plan.today) < ADULT_AGE,
                                     address=r.address or "", email=r.email or "",
                                     phone=r.phone or "", active=True) for r in created_people], batch_size=BATCH)
    await bulk_update(Person, ch["person"].update)
    await _deactivate(Person, ch["person"].deactivate, active=False, deactivated_at=now)
    people = {c: p["id"] for c, p in snap.people.items()}
    people |= await _ids(Person, "cpr", [r.cpr for r in created_people], municipality_id=m)

    say(0.5, "konti")
    await UserAccount.bulk_create([UserAccount(person_id=people[cpr], oidc_subject=name, username=name,
                                               active=True, created_at=now) for cpr, name in ch["account"].create],
                                  batch_size=BATCH)
    await bulk_update(UserAccount, ch["account"].update)
    await _deactivate(UserAccount, ch["account"].deactivate, active=False)

    say(0.6, "forældremyndighed")
    await Custody.bulk_create([Custody(guardian_id=people[r.guardian], child_id=people[r.child],
                                       valid_from=r.valid_from, valid_to=r.valid_to) for r in ch["custody"].create],
                              batch_size=BATCH)
    await bulk_update(Custody, ch["custody"].update)
    await _deactivate(Custody, ch["custody"].deactivate, valid_to=ended)

    say(0.75, "indskrivninger")
    await Enrolment.bulk_create([Enrolment(child_id=people[r.child], institution_id=institutions[r.institution],
                                           group_id=groups.get((r.institution, r.group)) if r.group else None,
                                           start=r.start, end=r.end) for r in ch["enrolment"].create],
                                batch_size=BATCH)
    await bulk_update(Enrolment, [(i, _group_id(c, groups)) for i, c in ch["enrolment"].update])
    await _deactivate(Enrolment, ch["enrolment"].deactivate, end=ended)

    say(0.9, "ansættelser")
    await Employment.bulk_create([Employment(person_id=people[r.cpr], institution_id=institutions[r.institution],
                                             role=r.role, superuser=r.superuser, start=r.start, end=r.end)
                                  for r in ch["employment"].create], batch_size=BATCH)
    await bulk_update(Employment, ch["employment"].update)
    await _deactivate(Employment, ch["employment"].deactivate, end=ended)
    say(1.0, "anvendt")
    return list(ch["person"].deactivate)


def _group_id(changes: dict[str, Any], groups: dict[tuple[str, str], int]) -> dict[str, Any]:
    if "group" not in changes:
        return changes
    rest = {k: val for k, val in changes.items() if k != "group"}
    return rest | {"group_id": groups[changes["group"]] if changes["group"] else None}


async def _deactivate(model: type[Model], ids: list[int], **values: Any) -> None:
    for i in range(0, len(ids), CHUNK):
        await model.filter(id__in=ids[i:i + CHUNK]).update(**values)
