"""Read models of institutions and groups for staff, leaders and the municipality."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Subquery
from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.identity.model import Actor
from domain.organisation.model import GroupKind, GroupView, InstitutionKind, InstitutionView, StaffRole
from persistence.organisation import Group, Institution
from persistence.people import Employment, Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints


@dataclass(frozen=True)
class InstitutionSummary:
    """An institution with its groups and head counts."""

    institution: InstitutionView
    groups: tuple[GroupView, ...]
    children: int
    staff: int


@dataclass(frozen=True)
class StaffMember:
    """An employee as the leader's page lists them."""

    person_id: int
    name: str
    role: StaffRole
    superuser: bool


@dataclass(frozen=True)
class RosterChild:
    """A child in a group list."""

    id: int
    first_name: str
    last_name: str


def _inst_view(row: Institution) -> InstitutionView:
    return InstitutionView(row.id, row.number, row.name, InstitutionKind(row.kind), row.address)


InstitutionRow = tuple[int, str, str]


async def active_institution_rows() -> list[InstitutionRow]:
    """Id, name and kind of every active institution, by name."""
    return [(int(i), str(n), str(k)) for i, n, k in
            await Institution.filter(active=True).order_by("name").values_list("id", "name", "kind")]


async def superusers_per_institution(day: date) -> dict[int, int]:
    """How many superusers each institution has on a day."""
    rows = await Employment.filter(active_on(day), superuser=True).annotate(
        n=Count("person_id", distinct=True)).group_by("institution_id").values_list("institution_id", "n")
    return {int(i): int(n) for i, n in rows}


def group_is_open(expires_on: date | None, today: date) -> bool:
    """A cross-institution group closes by itself after its expiry date."""
    return expires_on is None or today <= expires_on


async def _children_per_group(institution_ids: list[int], today: date) -> Counter[int]:
    rows = await Enrolment.filter(active_on(today), institution_id__in=institution_ids, group_id__not_isnull=True) \
        .annotate(n=Count("id")).group_by("group_id").values_list("group_id", "n")
    return Counter({g: n for g, n in rows})


async def _summaries(institution_ids: list[int], today: date) -> list[InstitutionSummary]:
    """Institutions with groups and counts, in four queries whatever their number."""
    institutions = await Institution.filter(id__in=institution_ids).order_by("name")
    groups = await Group.filter(institution_id__in=institution_ids).order_by("name")
    per_group = await _children_per_group(institution_ids, today)
    kids = dict(await Enrolment.filter(active_on(today), institution_id__in=institution_ids)
                .annotate(n=Count("id")).group_by("institution_id").values_list("institution_id", "n"))
    staff = dict(await Employment.filter(active_on(today), institution_id__in=institution_ids)
                 .annotate(n=Count("id")).group_by("institution_id").values_list("institution_id", "n"))
    out = []
    for inst in institutions:
        views = tuple(
            GroupView(g.id, g.name, GroupKind(g.kind), inst.id, inst.name, g.expires_on, per_group.get(g.id, 0))
            for g in groups if g.institution_id == inst.id
        )
        out.append(InstitutionSummary(_inst_view(inst), views, kids.get(inst.id, 0), staff.get(inst.id, 0)))
    return out


async def staff_overview(actor: Actor, today: date) -> list[InstitutionSummary]:
    """The institutions and groups of a staff member (or leader)."""
    ids = sorted(actor.staff_institutions)
    for inst_id in ids:
        await audit.check(access.can_view_institution(actor, inst_id), actor, "view_institution")
    return await _summaries(ids, today)


async def cross_groups_reaching(actor: Actor, today: date) -> list[GroupView]:
    """Cross-institution groups with children or staff from the actor's institutions, open ones first."""
    ids = sorted(actor.staff_institutions)
    if not ids:
        return []
    children_there = Subquery(Enrolment.filter(active_on(today), institution_id__in=ids).values("child_id"))
    reached = ints(await Group.filter(institution_id__isnull=True, memberships__person_id__in=children_there)
                   .distinct().values_list("id", flat=True))
    groups = await Group.filter(id__in=reached).annotate(n=Count("memberships")).order_by("name")
    views = [GroupView(g.id, g.name, GroupKind(g.kind), None, "", g.expires_on, g.n)  # type: ignore[attr-defined]
             for g in groups]
    return sorted(views, key=lambda g: not group_is_open(g.expires_on, today))


async def my_group_ids(actor: Actor) -> set[int]:
    """The groups a staff member is a member of."""
    return set(ints(await GroupMembership.filter(person_id=actor.person_id).values_list("group_id", flat=True)))


async def group_roster(actor: Actor, group_id: int, today: date) -> tuple[GroupView, list[RosterChild]]:
    """The children in a group, after the access check."""
    group = await Group.get_or_none(id=group_id).prefetch_related("institution")
    if group is None:
        raise NotFound("error.not_found")
    enrolled = ints(await Enrolment.filter(active_on(today), group_id=group_id).values_list("child_id", flat=True))
    members = ints(await GroupMembership.filter(group_id=group_id, person__is_child=True).values_list(
        "person_id", flat=True))
    child_ids = set(enrolled) | set(members)
    reach = ints(await Enrolment.filter(active_on(today), child_id__in=members).values_list(
        "institution_id", flat=True)) if members else []
    inst_id = group.institution_id
    facts = access.GroupFacts(group_id, inst_id, frozenset(reach))
    await audit.check(access.can_view_group(actor, facts), actor, "view_group")
    people = await Person.filter(id__in=list(child_ids), active=True).order_by("first_name", "last_name") \
        .values_list("id", "first_name", "last_name")
    await audit.record_reads(actor, "view_group", [p[0] for p in people], detail=f"group={group_id}")
    inst = group.institution
    view = GroupView(group.id, group.name, GroupKind(group.kind), inst.id if inst else None,
                     inst.name if inst else "", group.expires_on, len(people))
    return view, [RosterChild(*p) for p in people]


async def institution_admin(
    actor: Actor, institution_id: int, today: date
) -> tuple[InstitutionSummary, list[StaffMember]]:
    """The leader's administration view of one institution: groups, counts and staff."""
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "administer_institution")
    summaries = await _summaries([institution_id], today)
    if not summaries:
        raise NotFound("error.not_found")
    rows = await Employment.filter(active_on(today), institution_id=institution_id).order_by(
        "person__first_name").values_list("person_id", "person__first_name", "person__last_name", "role", "superuser")
    staff = [StaffMember(p, f"{f} {la}", StaffRole(r), s) for p, f, la, r, s in rows]
    return summaries[0], staff


@dataclass(frozen=True)
class MunicipalityTotals:
    """Distinct heads: a child in school and BFO counts once."""

    institutions: int
    children: int
    staff: int


async def municipality_totals(actor: Actor, today: date) -> MunicipalityTotals:
    """How many institutions, enrolled children and employed staff there are today."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_municipality")
    kids = set(ints(await Enrolment.filter(active_on(today)).values_list("child_id", flat=True)))
    staff = set(ints(await Employment.filter(active_on(today)).values_list("person_id", flat=True)))
    return MunicipalityTotals(await Institution.filter(active=True).count(), len(kids), len(staff))


async def municipality_overview(
    actor: Actor, today: date
) -> tuple[list[InstitutionSummary], list[GroupView]]:
    """Every institution with counts, and every cross-institution group with its expiry."""
    await audit.check(access.can_administer_municipality(actor), actor, "administer_municipality")
    ids = ints(await Institution.filter(active=True).values_list("id", flat=True))
    cross = await Group.filter(institution_id__isnull=True).annotate(n=Count("memberships")).order_by("name")
    views = [
        GroupView(g.id, g.name, GroupKind(g.kind), None, "", g.expires_on, g.n)  # type: ignore[attr-defined]
        for g in cross
    ]
    return await _summaries(ids, today), views


async def ppr_cases(actor: Actor) -> list[RosterChild]:
    """The children an external professional has been invited to."""
    ids = sorted(actor.ppr_children)
    rows = await Person.filter(id__in=ids).order_by("first_name").values_list("id", "first_name", "last_name")
    return [RosterChild(*r) for r in rows]
