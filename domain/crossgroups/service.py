"""Cross groups as use cases: list, see, preview, create, edit and archive, each behind its check."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.crossgroups import members, policy
from domain.crossgroups.model import CrossGroupForm, CrossGroupInfo, Rule
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor, Role
from domain.organisation.model import GroupKind, StaffRole
from persistence.crossgroups import CrossGroup
from persistence.db import transaction
from persistence.organisation import Group
from persistence.people import Employment, Enrolment, GroupMembership, MunicipalAssignment, Person
from persistence.queries import active_on, ints


async def municipality_of(person_id: int) -> int:
    """The municipality a person belongs to (1 query)."""
    return ints(await Person.filter(id=person_id).values_list("municipality_id", flat=True))[0]


def rules_of(row: CrossGroup | None) -> tuple[Rule, ...]:
    """A stored group's rules."""
    return tuple(Rule.from_json(r) for r in (row.rules if row else []))


def named_of(row: CrossGroup | None) -> tuple[int, ...]:
    """A stored group's members by name."""
    return tuple(int(p) for p in (row.named if row else []))


async def facts_of(group_id: int, row: CrossGroup | None, today: date) -> policy.CrossFacts:
    """The policy facts of one cross group (3-4 queries)."""
    member_ids = set(ints(await GroupMembership.filter(group_id=group_id).values_list("person_id", flat=True)))
    named = named_of(row) if row else tuple(sorted(member_ids))  # a group from before rules: its members count
    touched = await members.touched_institutions(rules_of(row), named, today)
    return policy.CrossFacts(row.owner_id if row else None, touched, frozenset(member_ids))


async def _load(actor: Actor, group_id: int) -> tuple[Group, CrossGroup | None]:
    group = await Group.get_or_none(id=group_id, institution_id__isnull=True)
    if group is None or group.municipality_id != await municipality_of(actor.person_id):
        raise NotFound("error.not_found")
    return group, await CrossGroup.get_or_none(group_id=group_id)


async def _info(group: Group, row: CrossGroup | None, facts: policy.CrossFacts, can_manage: bool,
                count: int) -> CrossGroupInfo:
    owner = ""
    if row is not None:
        names = await Person.filter(id=row.owner_id).values_list("first_name", "last_name")
        owner = " ".join(names[0]) if names else ""
    # A group from before rules keeps its members as members by name, so editing it loses no one.
    named = named_of(row) if row else tuple(sorted(set(ints(await GroupMembership.filter(group_id=group.id)
                                                            .values_list("person_id", flat=True)))))
    rows = await Person.filter(id__in=list(named)).values_list("id", "first_name", "last_name") \
        if named and can_manage else []
    label = {int(i): f"{f} {la}" for i, f, la in rows}
    return CrossGroupInfo(group.id, group.name, row.purpose if row else "", row.owner_id if row else None, owner,
                          group.expires_on, count, bool(row and row.archived_at), can_manage, rules_of(row),
                          named if can_manage else (), tuple(label.get(p, str(p)) for p in named) if can_manage else ())


async def list_groups(actor: Actor, today: date) -> list[CrossGroupInfo]:
    """The cross groups the actor manages (all of them for the admin), open ones first, then by name."""
    await audit.check(policy.can_list(actor), actor, "crossgroups.list")
    m = await municipality_of(actor.person_id)
    groups = await Group.filter(municipality_id=m, institution_id__isnull=True).annotate(
        n=Count("memberships")).order_by("name")
    rows = {r.group_id: r for r in await CrossGroup.filter(group_id__in=[g.id for g in groups])}
    out: list[CrossGroupInfo] = []
    for g in groups:
        facts = await facts_of(g.id, rows.get(g.id), today) if actor.role is not Role.ADMIN else None
        if facts is not None and not policy.can_manage(actor, facts).allowed:
            continue
        out.append(await _info(g, rows.get(g.id), facts or policy.CrossFacts(None, frozenset()), True,
                               g.n))  # type: ignore[attr-defined]
    return sorted(out, key=lambda i: (i.archived or (i.expires_on is not None and i.expires_on < today), i.name))


async def details(actor: Actor, group_id: int, today: date) -> CrossGroupInfo:
    """Purpose, owner and expiry of one cross group, for whoever manages it or belongs to it."""
    group, row = await _load(actor, group_id)
    facts = await facts_of(group_id, row, today)
    await audit.check(policy.can_see(actor, facts), actor, "crossgroups.view")
    managed = policy.can_manage(actor, facts).allowed
    return await _info(group, row, facts, managed, len(facts.member_ids))


async def preview(actor: Actor, rules: tuple[Rule, ...], named: tuple[int, ...], today: date) -> int:
    """How many members the rules and names give today, for someone allowed to shape such a group."""
    touched = await members.touched_institutions(rules, named, today)
    await audit.check(policy.can_shape(actor, touched), actor, "crossgroups.preview")
    return len(await members.members_of(rules, named, today))


async def _check_owner(actor: Actor, owner_id: int, today: date) -> None:
    if owner_id == actor.person_id:
        return
    if owner_id not in {c[0] for c in await owner_choices(actor, today)}:
        raise DomainError("crossgroups.error.owner")


async def do_create(actor: Actor, form: CrossGroupForm, now: datetime) -> int:
    """A new cross group with its members computed; returns its group id."""
    today = today_local(now)
    form = form.checked(today)
    touched = await members.touched_institutions(form.rules, form.named, today)
    await audit.check(policy.can_shape(actor, touched), actor, "crossgroups.create")
    await _check_owner(actor, form.owner_id, today)
    wanted = await members.members_of(form.rules, form.named, today)
    async with transaction():
        group = await Group.create(municipality_id=await municipality_of(actor.person_id), institution_id=None,
                                   name=form.name, kind=GroupKind.TVAERGAAENDE, expires_on=form.expires_on)
        await CrossGroup.create(group_id=group.id, purpose=form.purpose, owner_id=form.owner_id,
                                rules=[r.to_json() for r in form.rules], named=list(form.named), created_at=now)
        await members.do_recompute(group.id, wanted)
    await audit.record("crossgroups.create", audit.ALLOWED, actor=actor, detail=f"group={group.id}")
    return group.id


async def do_update(actor: Actor, group_id: int, form: CrossGroupForm, now: datetime) -> None:
    """New name, purpose, owner, expiry, rules or names; the actor must manage the group as it was and as it becomes."""
    today = today_local(now)
    group, row = await _load(actor, group_id)
    facts = await facts_of(group_id, row, today)
    await audit.check(policy.can_manage(actor, facts), actor, "crossgroups.update")
    form = form.checked(today)
    # Reaching further needs the right to shape a group there: an owner cannot widen it to others' institutions.
    added = await members.touched_institutions(form.rules, form.named, today) - facts.institution_ids
    if added:
        await audit.check(policy.can_shape(actor, added), actor, "crossgroups.update")
    if row is None or form.owner_id != row.owner_id:
        await _check_owner(actor, form.owner_id, today)
    wanted = await members.members_of(form.rules, form.named, today)
    async with transaction():
        await Group.filter(id=group_id).update(name=form.name, expires_on=form.expires_on)
        values: dict[str, Any] = {"purpose": form.purpose, "owner_id": form.owner_id, "named": list(form.named),
                                  "rules": [r.to_json() for r in form.rules], "archived_at": None}
        if row is None:
            await CrossGroup.create(group_id=group_id, created_at=now, **values)
        else:
            await CrossGroup.filter(id=row.id).update(**values)
        await members.do_recompute(group_id, wanted)
    await audit.record("crossgroups.update", audit.ALLOWED, actor=actor, detail=f"group={group.id}")


async def do_archive(actor: Actor, group_id: int, now: datetime) -> None:
    """Close the group now: it leaves pickers and feeds as an expired group does; memberships are kept."""
    today = today_local(now)
    group, row = await _load(actor, group_id)
    await audit.check(policy.can_manage(actor, await facts_of(group_id, row, today)), actor, "crossgroups.archive")
    await archive(group, row, now)
    await audit.record("crossgroups.archive", audit.ALLOWED, actor=actor, detail=f"group={group_id}")


async def archive(group: Group, row: CrossGroup | None, now: datetime) -> None:
    """Mark archived and end the expiry no later than yesterday, so every reader treats it as closed."""
    yesterday = today_local(now) - timedelta(days=1)
    async with transaction():
        if group.expires_on is None or group.expires_on > yesterday:
            await Group.filter(id=group.id).update(expires_on=yesterday)
        if row is None:
            owner = ints(await GroupMembership.filter(group_id=group.id).limit(1).values_list("person_id", flat=True))
            if owner:
                await CrossGroup.create(group_id=group.id, owner_id=owner[0], archived_at=now, created_at=now,
                                        named=[])
        else:
            await CrossGroup.filter(id=row.id).update(archived_at=now)


async def owner_choices(actor: Actor, today: date) -> list[tuple[int, str]]:
    """Who may own a group: the municipality's admins and leaders (a leader: the leaders of their institutions)."""
    m = await municipality_of(actor.person_id)
    leaders = Employment.filter(active_on(today), role=StaffRole.LEDER, person__municipality_id=m,
                                person__active=True)
    if actor.role is not Role.ADMIN:
        leaders = leaders.filter(institution_id__in=sorted(actor.leader_institutions))
    ids = set(ints(await leaders.values_list("person_id", flat=True))) | {actor.person_id}
    if actor.role is Role.ADMIN:
        ids |= set(ints(await MunicipalAssignment.filter(role="admin", person__municipality_id=m,
                                                         person__active=True).values_list("person_id", flat=True)))
    rows = await Person.filter(id__in=sorted(ids)).order_by("first_name", "last_name").values_list(
        "id", "first_name", "last_name")
    return [(int(i), f"{f} {la}") for i, f, la in rows]


async def has_record(group_id: int) -> bool:
    """Whether the group was made here with a purpose and an owner (groups from before have none) (1 query)."""
    return await CrossGroup.filter(group_id=group_id).exists()


async def roster_allowed(actor: Actor, group_id: int, today: date) -> bool:
    """Whether the group roster's own rule (staff of the member children's places) lets the actor see the list."""
    kids = ints(await GroupMembership.filter(group_id=group_id, person__is_child=True).values_list(
        "person_id", flat=True))
    reach = ints(await Enrolment.filter(active_on(today), child_id__in=kids).values_list(
        "institution_id", flat=True)) if kids else []
    return access.can_view_group(actor, access.GroupFacts(group_id, None, frozenset(reach))).allowed
