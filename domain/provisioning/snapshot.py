"""What the database holds for one municipality, loaded with a handful of bulk queries (never one per row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from persistence.identity import UserAccount
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, MunicipalAssignment, Person
from persistence.queries import ints

CHUNK = 5000


@dataclass
class Snapshot:
    """The municipality's rows keyed the way the import files key them."""

    municipality_id: int
    institutions: dict[str, dict[str, Any]] = field(default_factory=dict)
    institution_numbers: dict[int, str] = field(default_factory=dict)
    foreign_institutions: set[str] = field(default_factory=set)
    groups: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    group_keys: dict[int, tuple[str, str]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    cprs: dict[int, str] = field(default_factory=dict)
    foreign_cprs: set[str] = field(default_factory=set)
    protected: set[int] = field(default_factory=set)
    custody: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    enrolments: dict[tuple[str, str, Any], dict[str, Any]] = field(default_factory=dict)
    employments: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    accounts: dict[int, dict[str, Any]] = field(default_factory=dict)
    subject_owner: dict[str, int] = field(default_factory=dict)
    active_people: int = 0  # everyone active in the municipality, with or without a CPR number


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


async def load_snapshot(municipality_id: int, numbers: Iterable[str], cprs: Iterable[str],
                        usernames: Iterable[str]) -> Snapshot:
    """Load institutions, groups, people, custody, enrolments, employments and accounts of a municipality."""
    s = Snapshot(municipality_id)
    m = municipality_id
    for row in await Institution.filter(municipality_id=m).values("id", "number", "name", "kind", "address",
                                                                   "active"):
        s.institutions[row["number"]] = row
        s.institution_numbers[row["id"]] = row["number"]
    for chunk in _chunks(numbers):
        s.foreign_institutions |= {str(n) for n in await Institution.filter(number__in=chunk).exclude(
            municipality_id=m).values_list("number", flat=True)}
    for row in await Group.filter(municipality_id=m, institution_id__isnull=False).values(
            "id", "institution_id", "name", "kind", "expires_on"):
        key = (s.institution_numbers[row["institution_id"]], row["name"])
        s.groups.setdefault(key, row)
        s.group_keys[row["id"]] = key
    for row in await Person.filter(municipality_id=m, cpr__isnull=False).values(
            "id", "cpr", "first_name", "last_name", "birth_date", "is_child", "address", "email", "phone",
            "active"):
        s.people[row["cpr"]] = row
        s.cprs[row["id"]] = row["cpr"]
    for chunk in _chunks(cprs):
        s.foreign_cprs |= {str(c) for c in await Person.filter(cpr__in=chunk).exclude(
            municipality_id=m).values_list("cpr", flat=True)}
    s.active_people = await Person.filter(municipality_id=m, active=True).count()
    s.protected = set(ints(await MunicipalAssignment.filter(person__municipality_id=m).values_list(
        "person_id", flat=True)))
    await _load_relations(s)
    for row in await UserAccount.filter(person__municipality_id=m).values("id", "person_id", "oidc_subject",
                                                                          "username", "active"):
        s.accounts[row["person_id"]] = row
        s.subject_owner[row["oidc_subject"]] = row["person_id"]
    for chunk in _chunks(usernames):
        for subject, person_id in await UserAccount.filter(oidc_subject__in=chunk).exclude(
                person__municipality_id=m).values_list("oidc_subject", "person_id"):
            s.subject_owner[subject] = int(person_id)
    return s


async def _load_relations(s: Snapshot) -> None:
    """Custody, enrolments and employments; the latest row wins where history holds several."""
    m = s.municipality_id
    for row in await Custody.filter(child__municipality_id=m).order_by("valid_from", "id").values(
            "id", "guardian_id", "child_id", "valid_from", "valid_to"):
        guardian, child = s.cprs.get(row["guardian_id"]), s.cprs.get(row["child_id"])
        if guardian and child:
            s.custody[(guardian, child)] = row
    for row in await Enrolment.filter(institution__municipality_id=m).order_by("id").values(
            "id", "child_id", "institution_id", "group_id", "start", "end"):
        child = s.cprs.get(row["child_id"])
        if child:
            s.enrolments[(child, s.institution_numbers[row["institution_id"]], row["start"])] = row
    for row in await Employment.filter(institution__municipality_id=m).order_by("start", "id").values(
            "id", "person_id", "institution_id", "role", "superuser", "start", "end"):
        cpr = s.cprs.get(row["person_id"])
        if cpr:
            s.employments[(cpr, s.institution_numbers[row["institution_id"]])] = row
