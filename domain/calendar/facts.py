"""Loading what the calendar policy decides from: an event's scope facts and an actor's reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q, Subquery

from domain.access import CalendarReach, EventFacts, GroupFacts
from domain.calendar.model import Scope
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor, Role
from persistence.calendar import CalendarEvent
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints


@dataclass(frozen=True)
class Target:
    """Where a new or changed event goes: its policy facts, municipality and label."""

    facts: EventFacts
    municipality_id: int
    label: str
    member: bool = False


def parse_scope(value: str | Scope) -> Scope:
    """A scope from its text, or a DomainError."""
    try:
        return Scope(value)
    except ValueError:
        raise DomainError("calendar.bad_scope") from None


async def is_member(actor: Actor, group_id: int | None) -> bool:
    """Whether the actor belongs to a group (staff in their rooms)."""
    if group_id is None:
        return False
    return await GroupMembership.filter(group_id=group_id, person_id=actor.person_id).exists()


async def target(actor: Actor, scope: Scope, *, person_id: int | None, group_id: int | None,
                 institution_id: int | None) -> Target:
    """The facts of the place an event is put, or NotFound when it does not exist."""
    if scope is Scope.PERSON:
        pid = person_id if person_id is not None else actor.person_id
        person = await Person.get_or_none(id=pid)
        if person is None:
            raise NotFound("calendar.not_found")
        return Target(EventFacts("person", person.municipality_id, person_id=pid, organiser_id=actor.person_id),
                      person.municipality_id, f"{person.first_name} {person.last_name}")
    if scope is Scope.GROUP:
        group = await Group.get_or_none(id=group_id or 0).select_related("institution")
        if group is None:
            raise NotFound("calendar.not_found")
        facts = EventFacts("group", group.municipality_id, group=GroupFacts(group.id, group.institution_id),
                           institution_id=group.institution_id, organiser_id=actor.person_id)
        return Target(facts, group.municipality_id, group.name, await is_member(actor, group.id))
    if scope is Scope.INSTITUTION:
        inst = await Institution.get_or_none(id=institution_id or 0)
        if inst is None:
            raise NotFound("calendar.not_found")
        return Target(EventFacts("institution", inst.municipality_id, institution_id=inst.id,
                                 organiser_id=actor.person_id), inst.municipality_id, inst.name)
    me = await Person.get(id=actor.person_id).select_related("municipality")
    m: Municipality = me.municipality
    return Target(EventFacts("municipality", m.id, organiser_id=actor.person_id), m.id, m.name)


def event_facts(row: CalendarEvent, group_institution_id: int | None) -> EventFacts:
    """The policy facts of a stored event (the group's institution given by the caller)."""
    group = GroupFacts(row.group_id, group_institution_id) if row.group_id is not None else None
    institution_id = row.institution_id if row.group_id is None else group_institution_id
    return EventFacts(row.scope, row.municipality_id, person_id=row.person_id, group=group,
                      institution_id=institution_id, organiser_id=row.organiser_id, private=row.private)


async def load_event(event_id: int) -> tuple[CalendarEvent, EventFacts]:
    """A stored, not cancelled event with its facts, or NotFound."""
    row = await CalendarEvent.get_or_none(id=event_id, cancelled_at__isnull=True).select_related(
        "group", "institution", "municipality")
    if row is None:
        raise NotFound("calendar.not_found")
    return row, event_facts(row, group_institution(row))


def group_institution(row: CalendarEvent) -> int | None:
    """The institution of an event's group (selected with it), None for other scopes and cross groups."""
    group: Group | None = row.group
    return group.institution_id if group is not None else None


def label_of(row: CalendarEvent) -> str:
    """The scope's name for an event whose group, institution and municipality were selected with it."""
    group: Group | None = row.group
    institution: Institution | None = row.institution
    if group is not None:
        return str(group.name)
    if institution is not None:
        return str(institution.name)
    return str(row.municipality.name) if row.scope == Scope.MUNICIPALITY else ""


@dataclass(frozen=True)
class Reach:
    """An actor's calendar reach, with which of their children each group and institution concerns."""

    policy: CalendarReach
    children_of_group: dict[int, frozenset[int]]
    children_of_institution: dict[int, frozenset[int]]
    children: frozenset[int]


async def calendar_reach(actor: Actor, today: date, municipality_id: int | None = None, *,
                         memberships: bool = True) -> Reach:
    """Guardians and older children reach their enrolments' places (and cross groups), staff their workplaces."""
    if actor.role in (Role.PARENT, Role.CHILD):
        kids = actor.guardian_of if actor.role is Role.PARENT else frozenset({actor.person_id})
        by_group: dict[int, set[int]] = {}
        by_inst: dict[int, set[int]] = {}
        enrolled: set[int] = set()
        if kids:
            rows = await Enrolment.filter(active_on(today), child_id__in=sorted(kids)).values_list(
                "child_id", "institution_id", "group_id")
            for child_id, inst_id, group_id in rows:
                enrolled.add(int(child_id))
                by_inst.setdefault(int(inst_id), set()).add(int(child_id))
                if group_id is not None:
                    by_group.setdefault(int(group_id), set()).add(int(child_id))
        if enrolled and memberships:
            for group_id, child_id in await GroupMembership.filter(person_id__in=sorted(enrolled)).values_list(
                    "group_id", "person_id"):
                by_group.setdefault(int(group_id), set()).add(int(child_id))
        policy = CalendarReach(municipality_id, frozenset(by_inst), frozenset(by_group))
        return Reach(policy, {g: frozenset(c) for g, c in by_group.items()},
                     {i: frozenset(c) for i, c in by_inst.items()}, frozenset(enrolled))
    if actor.role in (Role.STAFF, Role.LEADER):
        work = actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions
        mine = Subquery(GroupMembership.filter(person_id=actor.person_id).values("group_id"))
        reached = Group.filter(Q(institution_id__in=sorted(work)) | Q(id__in=mine))
        groups = ints(await reached.values_list("id", flat=True))
        policy = CalendarReach(municipality_id, frozenset(work), frozenset(groups), staff=True)
        return Reach(policy, {}, {}, frozenset())
    return Reach(CalendarReach(municipality_id), {}, {}, frozenset())
