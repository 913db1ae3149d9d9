"""Who is in a conference round's group, and whether the actor organises it (small, batched queries)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain import access
from domain.access import Decision, deny
from domain.errors import NotFound
from domain.identity.model import Actor, Role
from persistence.organisation import Group
from persistence.people import Enrolment, GroupMembership
from persistence.queries import active_on, ints

STAFF_ROLES = (Role.STAFF, Role.LEADER)


async def group_facts(group_id: int, today: date) -> tuple[Group, access.GroupFacts]:
    """The group and its policy facts; a cross group reaches its member children's institutions."""
    group = await Group.get_or_none(id=group_id)
    if group is None:
        raise NotFound("conferences.no_group")
    reach: set[int] = set()
    if group.institution_id is None:
        members = ints(await GroupMembership.filter(group_id=group_id, person__is_child=True).values_list(
            "person_id", flat=True))
        if members:
            reach = set(ints(await Enrolment.filter(active_on(today), child_id__in=members).values_list(
                "institution_id", flat=True)))
    return group, access.GroupFacts(group.id, group.institution_id, frozenset(reach))


async def organiser_decision(actor: Actor, group_id: int, today: date) -> Decision:
    """Whether the actor organises rounds in the group (no queries for guardians)."""
    if actor.role not in STAFF_ROLES:
        return deny("not_staff")
    _, facts = await group_facts(group_id, today)
    member = await GroupMembership.filter(group_id=group_id, person_id=actor.person_id).exists()
    return access.can_organise_conferences(actor, facts, member)


async def children_in_group(group_id: int, today: date, among: Iterable[int] | None = None) -> dict[int, str]:
    """Active children enrolled in or members of the group today, as id -> full name (sorted by name)."""
    wanted = None if among is None else sorted(set(among))
    if wanted == []:
        return {}
    enrolled = Enrolment.filter(active_on(today), group_id=group_id, child__active=True)
    members = GroupMembership.filter(group_id=group_id, person__is_child=True, person__active=True)
    if wanted is not None:
        enrolled, members = enrolled.filter(child_id__in=wanted), members.filter(person_id__in=wanted)
    rows = [*await enrolled.values_list("child_id", "child__first_name", "child__last_name"),
            *await members.values_list("person_id", "person__first_name", "person__last_name")]
    names = {int(cid): f"{first} {last}" for cid, first, last in rows}
    return dict(sorted(names.items(), key=lambda item: item[1]))


async def family_groups(child_ids: Iterable[int], today: date) -> dict[int, list[tuple[int, str]]]:
    """For a family's children: group id -> [(child id, first name)] of the groups they are in today."""
    kids = sorted(set(child_ids))
    if not kids:
        return {}
    rows = [*await Enrolment.filter(active_on(today), child_id__in=kids, group_id__isnull=False,
                                    child__active=True).values_list("group_id", "child_id", "child__first_name"),
            *await GroupMembership.filter(person_id__in=kids, person__active=True).values_list(
                "group_id", "person_id", "person__first_name")]
    groups: dict[int, list[tuple[int, str]]] = {}
    for group_id, child_id, first in rows:
        entry = (int(child_id), str(first))
        if entry not in groups.setdefault(int(group_id), []):
            groups[int(group_id)].append(entry)
    return groups
