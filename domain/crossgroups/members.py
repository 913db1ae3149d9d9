"""Membership from the register: rules resolved against today's enrolments and employments, stored as memberships."""

# Members are recomputed, not resolved at read time: every reader of groups (messages, posts, calendar, the group
# page) already reads group_membership, so a group is recomputed when it is saved and by the minute job
# (domain/crossgroups/jobs.py). A child who moves institution leaves a rule-based group within a minute of the
# register change; a person added by name stays.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from tortoise.expressions import Q

from domain.crossgroups.model import Rule, RuleRole
from persistence.organisation import Group
from persistence.people import Custody, Employment, Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints

STAFF_ROLES = {RuleRole.PAEDAGOG, RuleRole.LAERER, RuleRole.LEDER, RuleRole.MEDHJAELPER}


async def _groups_of(rules: Sequence[Rule]) -> dict[int, list[tuple[int, str]]]:
    """The institutions' own groups, by institution (1 query)."""
    wanted = sorted({i for r in rules for i in r.institution_ids})
    out: dict[int, list[tuple[int, str]]] = {i: [] for i in wanted}
    if not wanted:
        return out
    for gid, iid, name in await Group.filter(institution_id__in=wanted).values_list("id", "institution_id", "name"):
        out[int(iid)].append((int(gid), str(name)))
    return out


async def _one_rule(rule: Rule, groups: dict[int, list[tuple[int, str]]], today: date) -> set[int]:
    insts = list(rule.institution_ids)
    narrowed = rule.grade is not None or rule.group_id is not None
    gids = [g for i in insts for g, name in groups.get(i, []) if rule.matches_group(name, g)]
    if narrowed and not gids:
        return set()
    if rule.role is RuleRole.FAMILIES:
        query = Enrolment.filter(active_on(today), institution_id__in=insts, child__active=True)
        if narrowed:
            query = query.filter(group_id__in=gids)
        return set(ints(await query.values_list("child_id", flat=True)))
    staff = Employment.filter(active_on(today), institution_id__in=insts, person__active=True)
    if rule.role in STAFF_ROLES:
        staff = staff.filter(role=rule.role.value)
    if narrowed:
        in_groups = GroupMembership.filter(group_id__in=gids).values("person_id")
        staff = staff.filter(person_id__in=in_groups)
    return set(ints(await staff.values_list("person_id", flat=True)))


async def rule_members(rules: Sequence[Rule], today: date) -> set[int]:
    """Everyone the rules add today (1 query, then 1 per rule)."""
    if not rules:
        return set()
    groups = await _groups_of(rules)
    found: set[int] = set()
    for rule in rules:
        found |= await _one_rule(rule, groups, today)
    return found


async def active_people(ids: Iterable[int]) -> set[int]:
    """The ids that are active persons (1 query)."""
    wanted = sorted(set(ids))
    return set(ints(await Person.filter(id__in=wanted, active=True).values_list("id", flat=True))) if wanted else set()


async def members_of(rules: Sequence[Rule], named: Sequence[int], today: date) -> set[int]:
    """Rule members and active members by name."""
    return await rule_members(rules, today) | await active_people(named)


async def touched_institutions(rules: Sequence[Rule], named: Sequence[int], today: date) -> frozenset[int]:
    """The rules' institutions and those of members by name (children's, staff's, a guardian's children's)."""
    out = {i for r in rules for i in r.institution_ids}
    ids = sorted(set(named))
    if ids:
        kids = ints(await Custody.filter(active_on(today, "valid_from", "valid_to"), guardian_id__in=ids)
                    .values_list("child_id", flat=True))
        out |= set(ints(await Enrolment.filter(active_on(today), Q(child_id__in=ids) | Q(child_id__in=kids or [0]))
                        .values_list("institution_id", flat=True)))
        out |= set(ints(await Employment.filter(active_on(today), person_id__in=ids)
                        .values_list("institution_id", flat=True)))
    return frozenset(out)


async def do_recompute(group_id: int, wanted: set[int]) -> tuple[int, int]:
    """Make the group's memberships exactly `wanted` (3 statements at most); returns (added, removed)."""
    have = set(ints(await GroupMembership.filter(group_id=group_id).values_list("person_id", flat=True)))
    gone, new = have - wanted, wanted - have
    if gone:
        await GroupMembership.filter(group_id=group_id, person_id__in=sorted(gone)).delete()
    if new:
        await GroupMembership.bulk_create([GroupMembership(group_id=group_id, person_id=p) for p in sorted(new)])
    return len(new), len(gone)
