"""Finding people by name, class, group, institution or role, within whom the actor may write to (reads only)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Q, Subquery

from domain import access
from domain.clock import today_local
from domain.collation import danish_key
from domain.identity.model import Actor
from domain.messages.resolve import children_query, guardian_children, guardian_query, reach_of, staff_query
from domain.organisation.model import GroupKind, StaffRole
from domain.search.words import Query, parse
from persistence.organisation import Group
from persistence.people import Enrolment, GroupMembership
from persistence.queries import active_on

ROLE_NAMES = {StaffRole.LAERER: "lærer", StaffRole.PAEDAGOG: "pædagog", StaffRole.LEDER: "leder",
              StaffRole.MEDHJAELPER: "medhjælper"}
GROUPS_MAX = 300


@dataclass(frozen=True)
class PersonHit:
    """A person the actor may write to: "Anne Holm · lærer, 2.A" with where they are ("Skovlyskolen")."""

    person_id: int
    name: str
    label: str
    detail: str
    kind: str  # "staff", "guardian" or "child"


async def _groups_named(municipality_id: int, query: Query, today: date) -> tuple[Query, dict[str, list[int]]]:
    """For each term, the open groups of the municipality whose name holds it (1 query)."""
    # Terms that together name a group ("2. årgang") are read as that one name, not as "2." and "årgang" apart.
    if not query.terms:
        return query, {}
    wanted = [*query.terms, *([query.phrase] if query.phrase else [])]
    named = Q(*[Q(name__icontains=term) for term in wanted], join_type="OR")
    rows = await Group.filter(named, municipality_id=municipality_id).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)).limit(GROUPS_MAX).values_list("id", "name")
    found = {term: [int(g) for g, name in rows if term in str(name).casefold()] for term in wanted}
    if query.phrase and found[query.phrase]:
        query = query.as_phrase()
    return query, {term: found[term] for term in query.terms}


def _in_groups(field: str, group_ids: list[int], today: date) -> Q:
    """The person at field is enrolled in (or a member of) one of the groups."""
    enrolled = Subquery(Enrolment.filter(active_on(today), group_id__in=group_ids).values("child_id"))
    members = Subquery(GroupMembership.filter(group_id__in=group_ids).values("person_id"))
    within: dict[str, Any] = {f"{field}__in": enrolled}
    among: dict[str, Any] = {f"{field}__in": members}
    return Q(**within) | Q(**among)


def _named(prefix: str, term: str) -> Q:
    return Q(**{f"{prefix}first_name__icontains": term}) | Q(**{f"{prefix}last_name__icontains": term})


async def search_people(actor: Actor, text: str, limit: int = 20) -> list[PersonHit]:
    """People matching every term (name, group or institution) and the role words, staff first, in Danish order."""
    query = parse(text)
    if query.empty:
        return []
    today = today_local()
    reach = await reach_of(actor, today)
    query, groups = await _groups_named(reach.municipality_id, query, today)
    found: list[PersonHit] = []
    if query.wants("staff"):
        found += await _staff(reach, query, groups, today, limit)
    if query.wants("guardian"):
        found += await _guardians(reach, query, groups, today, limit)
    if query.wants("child"):
        found += await _children(reach, query, groups, today, limit)
    unique = {(h.person_id, h.kind): h for h in found if h.person_id != actor.person_id}
    return sorted(unique.values(), key=lambda h: (h.kind != "staff", danish_key(h.name), h.detail))[:limit]


async def _staff(reach: access.MessageReach, query: Query, groups: dict[str, list[int]], today: date,
                 limit: int) -> list[PersonHit]:
    base = staff_query(reach, today)
    if base is None:
        return []
    if query.roles:
        base = base.filter(role__in=sorted(query.roles))
    for term in query.terms:
        match = _named("person__", term) | Q(institution__name__icontains=term)
        if groups.get(term):
            match |= Q(person_id__in=Subquery(GroupMembership.filter(group_id__in=groups[term]).values("person_id")))
        base = base.filter(match)
    rows = await base.order_by("person__first_name", "person__last_name", "id").limit(limit * 3).values_list(
        "person_id", "person__first_name", "person__last_name", "role", "institution_id", "institution__name")
    if not rows:
        return []
    names: dict[int, str] = {}
    roles: dict[int, list[str]] = defaultdict(list)
    places: dict[int, list[str]] = defaultdict(list)
    workplaces: dict[int, set[int]] = defaultdict(set)
    for pid, first, last, role, inst_id, inst in rows:
        names[int(pid)] = f"{first} {last}"
        roles[int(pid)].append(ROLE_NAMES.get(StaffRole(role), str(role)))
        places[int(pid)].append(str(inst))
        workplaces[int(pid)].add(int(inst_id))
    rooms = await _rooms(list(names), workplaces, today)
    out = []
    for pid, name in names.items():
        what = ", ".join([*dict.fromkeys(roles[pid]), *rooms[pid]])
        out.append(PersonHit(pid, name, f"{name} · {what}", ", ".join(sorted(set(places[pid]), key=danish_key)),
                             "staff"))
    return out


async def _rooms(person_ids: list[int], workplaces: dict[int, set[int]], today: date) -> dict[int, list[str]]:
    """The open groups each member of staff belongs to at their workplaces (or across institutions) (1 query)."""
    rows = await GroupMembership.filter(person_id__in=person_ids).filter(
        Q(group__expires_on__isnull=True) | Q(group__expires_on__gte=today)).values_list(
        "person_id", "group__name", "group__institution_id")
    rooms: dict[int, list[str]] = defaultdict(list)
    for pid, name, inst_id in rows:
        if inst_id is None or int(inst_id) in workplaces[int(pid)]:
            rooms[int(pid)].append(str(name))
    return {pid: sorted(set(names), key=danish_key) for pid, names in rooms.items()} | {
        pid: [] for pid in person_ids if pid not in rooms}


async def _guardians(reach: access.MessageReach, query: Query, groups: dict[str, list[int]], today: date,
                     limit: int) -> list[PersonHit]:
    base = guardian_query(reach, today)
    if base is None:
        return []
    for term in query.terms:
        at_place = Subquery(Enrolment.filter(active_on(today), institution__name__icontains=term).values("child_id"))
        match = _named("guardian__", term) | _named("child__", term) | Q(child_id__in=at_place)
        if groups.get(term):
            match |= _in_groups("child_id", groups[term], today)
        base = base.filter(match)
    rows = await base.order_by("guardian__first_name", "guardian__last_name", "id").limit(limit * 3).values_list(
        "guardian_id", "guardian__first_name", "guardian__last_name", "child_id", "child__first_name")
    if not rows:
        return []
    children = guardian_children(reach, today)
    assert children is not None  # guardians are only reachable through children
    classes: dict[int, str] = {}
    # A child in both a school and its BFO is named by the school class.
    for child_id, group, _kind in sorted(await children.filter(child_id__in=sorted({int(r[3]) for r in rows}))
                                        .values_list("child_id", "group__name", "group__kind"),
                                        key=lambda r: r[2] != GroupKind.KLASSE.value):
        if group and int(child_id) not in classes:
            classes[int(child_id)] = str(group)
    kids: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for gid, first, last, child_id, child_name in rows:
        names[int(gid)] = f"{first} {last}"
        group = classes.get(int(child_id))
        kids[int(gid)].append(f"{child_name} ({group})" if group else str(child_name))
    return [PersonHit(gid, name, name, "Forælder til " + ", ".join(sorted(set(kids[gid]), key=danish_key)),
                      "guardian") for gid, name in names.items()]


async def _children(reach: access.MessageReach, query: Query, groups: dict[str, list[int]], today: date,
                    limit: int) -> list[PersonHit]:
    base: Any = children_query(reach, today)
    if base is None:
        return []
    for term in query.terms:
        match = _named("child__", term) | Q(institution__name__icontains=term)
        if groups.get(term):
            match |= Q(group_id__in=groups[term]) | _in_groups("child_id", groups[term], today)
        base = base.filter(match)
    rows = await base.order_by("child__first_name", "id").limit(limit * 2).values_list(
        "child_id", "child__first_name", "child__last_name", "group__name")
    return [PersonHit(int(c), f"{f} {la}", f"{f} {la}", str(g or ""), "child") for c, f, la, g in rows]
