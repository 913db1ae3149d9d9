"""Turning recipient keys into persons and shared inboxes, within the sender's reach, in a few batched queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tortoise.expressions import Q, Subquery

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.messages.model import RecipientChoice, RecipientKind
from domain.messages.reading import valid_id
from domain.organisation.listing import named_on_lists
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints

CHILD_MIN_AGE = 10
GROUP_KINDS = frozenset({RecipientKind.GROUP_GUARDIANS, RecipientKind.GROUP_STAFF, RecipientKind.GROUP_CHILDREN,
                         RecipientKind.GROUP_ALL})


def invalid() -> DomainError:
    """The one refusal for a key that is malformed, unknown or out of the sender's reach."""
    return DomainError("messages.recipient_invalid")


async def require(decision: access.Decision, actor: Actor) -> None:
    """Refuse an out-of-reach recipient like a malformed one, after writing the refusal to the audit log."""
    if not decision.allowed:
        await audit.record("messages.recipient", audit.REFUSED, actor=actor, detail=decision.reason)
        raise invalid()


def age_cutoff(today: date) -> date:
    """The latest birth date of a child aged 10 or more today."""
    try:
        return today.replace(year=today.year - CHILD_MIN_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - CHILD_MIN_AGE, day=28)


@dataclass
class Resolved:
    """Who a send reaches: persons (with the child a guardian is reached through) and shared inboxes."""

    persons: dict[int, int | None] = field(default_factory=dict)
    inbox_institutions: set[int] = field(default_factory=set)

    def add(self, person_id: int, via_child: int | None) -> None:
        """Add a person; reached through no child at all wins over reached through a child."""
        if person_id in self.persons and (self.persons[person_id] is None or via_child is None):
            self.persons[person_id] = None
        elif person_id not in self.persons:
            self.persons[person_id] = via_child

    def count(self, sender_id: int) -> int:
        """Distinct people and inboxes, without the sender."""
        return len(set(self.persons) - {sender_id}) + len(self.inbox_institutions)


async def sender_facts(actor: Actor, today: date) -> access.SenderFacts:
    """The places the policy needs for the actor's role (2 queries)."""
    municipality_id = ints(await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True))[0]
    kids: Iterable[int] = ()
    if actor.role is Role.PARENT:
        kids = actor.guardian_of
    elif actor.role is Role.CHILD:
        kids = (actor.person_id,)
    elif actor.role is Role.PPR:
        kids = actor.ppr_children
    rows = await Enrolment.filter(active_on(today), child_id__in=list(kids)).values_list(
        "institution_id", "group_id") if kids else []
    groups = {int(g) for _, g in rows if g is not None} if actor.role is not Role.PPR else set()
    return access.SenderFacts(municipality_id, frozenset(int(i) for i, _ in rows), frozenset(groups))


async def reach_of(actor: Actor, today: date) -> access.MessageReach:
    """Whom the actor may write to today."""
    return access.message_reach(actor, await sender_facts(actor, today))


def staff_query(reach: access.MessageReach, today: date) -> Any:
    """Employments of staff the sender may write to (None when none)."""
    if not reach.all_staff and not reach.staff_at:
        return None
    query = Employment.filter(active_on(today), institution__active=True, person__active=True)
    if reach.all_staff:
        return query.filter(institution__municipality_id=reach.municipality_id)
    return query.filter(institution_id__in=list(reach.staff_at))


def _listed(reach: access.MessageReach) -> Q:
    """Another family's child only with "Navn på lister" given; the sender's own family always."""
    listed = Q(child_id__in=named_on_lists())
    return Q(listed, Q(child_id__in=list(reach.family)), join_type="OR") if reach.family else listed


def guardian_children(reach: access.MessageReach, today: date) -> Any:
    """Enrolments of the children whose guardians the sender may write to (None when none)."""
    scopes = []
    if reach.guardians_at:
        scopes.append(Q(institution_id__in=list(reach.guardians_at)))
    if reach.guardians_in_groups:
        scopes.append(Q(Q(group_id__in=list(reach.guardians_in_groups)), _listed(reach)))
    if reach.guardians_of:
        scopes.append(Q(child_id__in=list(reach.guardians_of)))
    if not scopes:
        return None
    return Enrolment.filter(active_on(today), Q(*scopes, join_type="OR"), child__active=True)


def guardian_query(reach: access.MessageReach, today: date) -> Any:
    """Custodies of guardians the sender may write to (None when none)."""
    children = guardian_children(reach, today)
    if children is None:
        return None
    return Custody.filter(active_on(today, "valid_from", "valid_to"), guardian__active=True,
                          child_id__in=Subquery(children.values("child_id")))


def children_query(reach: access.MessageReach, today: date) -> Any:
    """Enrolments of children aged 10+ the sender may write to (None when none)."""
    scopes = []
    if reach.children_at:
        scopes.append(Q(institution_id__in=list(reach.children_at)))
    if reach.children_in_groups:
        scopes.append(Q(Q(group_id__in=list(reach.children_in_groups)), _listed(reach)))
    if not scopes:
        return None
    return Enrolment.filter(active_on(today), Q(*scopes, join_type="OR"), child__active=True,
                            child__birth_date__lte=age_cutoff(today))


async def reachable_persons(reach: access.MessageReach, ids: list[int], today: date) -> dict[int, int | None]:
    """Which of these persons the sender may write to, with the child a guardian is reached through."""
    found = Resolved()
    if not ids:
        return found.persons
    if (staff := staff_query(reach, today)) is not None:
        for pid in ints(await staff.filter(person_id__in=ids).values_list("person_id", flat=True)):
            found.add(pid, None)
    if (children := children_query(reach, today)) is not None:
        for pid in ints(await children.filter(child_id__in=ids).values_list("child_id", flat=True)):
            found.add(pid, None)
    if (custody := guardian_query(reach, today)) is not None:
        rows = await custody.filter(guardian_id__in=ids).order_by("child_id").values_list("guardian_id", "child_id")
        for guardian_id, child_id in rows:
            found.add(int(guardian_id), int(child_id))
    return found.persons


async def group_facts(groups: list[Group], today: date) -> dict[int, access.GroupFacts]:
    """The policy facts of groups; cross groups reach their member children's and staff's institutions (3 queries)."""
    cross = [g.id for g in groups if g.institution_id is None]
    reach: dict[int, set[int]] = defaultdict(set)
    if cross:
        members = await GroupMembership.filter(group_id__in=cross).values_list("group_id", "person_id")
        by_person: dict[int, list[int]] = defaultdict(list)
        for gid, pid in members:
            by_person[int(pid)].append(int(gid))
        if by_person:
            rows = await Enrolment.filter(active_on(today), child_id__in=list(by_person)).values_list(
                "child_id", "institution_id")
            # Staff members count too, so a group of only pædagoger reaches their workplaces.
            rows += await Employment.filter(active_on(today), person_id__in=list(by_person)).values_list(
                "person_id", "institution_id")
            for child_id, inst_id in rows:
                for gid in by_person[int(child_id)]:
                    reach[gid].add(int(inst_id))
    return {g.id: access.GroupFacts(g.id, g.institution_id, frozenset(reach[g.id])) for g in groups}


async def group_children(group_ids: list[int], today: date) -> list[tuple[int, int, date | None]]:
    """(group, child, birth date) for children enrolled in or members of the groups (2 queries)."""
    enrolled = await Enrolment.filter(active_on(today), group_id__in=group_ids, child__active=True).values_list(
        "group_id", "child_id", "child__birth_date")
    members = await GroupMembership.filter(group_id__in=group_ids, person__is_child=True,
                                           person__active=True).values_list("group_id", "person_id",
                                                                            "person__birth_date")
    return [(int(g), int(c), b) for g, c, b in [*enrolled, *members]]


async def _expand_groups(wanted: dict[RecipientKind, list[int]], today: date, out: Resolved) -> None:
    group_ids = sorted({gid for ids in wanted.values() for gid in ids})
    for_guardians = set(wanted.get(RecipientKind.GROUP_GUARDIANS, [])) | set(wanted.get(RecipientKind.GROUP_ALL, []))
    for_children = set(wanted.get(RecipientKind.GROUP_CHILDREN, [])) | set(wanted.get(RecipientKind.GROUP_ALL, []))
    for_staff = set(wanted.get(RecipientKind.GROUP_STAFF, [])) | set(wanted.get(RecipientKind.GROUP_ALL, []))
    kids = await group_children(group_ids, today) if for_guardians or for_children else []
    cutoff = age_cutoff(today)
    for gid, child_id, born in kids:
        if gid in for_children and born is not None and born <= cutoff:
            out.add(child_id, None)
    guardian_kids = sorted({c for g, c, _ in kids if g in for_guardians})
    if guardian_kids:
        rows = await Custody.filter(active_on(today, "valid_from", "valid_to"), child_id__in=guardian_kids,
                                    guardian__active=True).order_by("child_id").values_list("guardian_id", "child_id")
        for guardian_id, child_id in rows:
            out.add(int(guardian_id), int(child_id))
    if for_staff:
        rows = await GroupMembership.filter(group_id__in=sorted(for_staff), person__is_child=False,
                                            person__active=True).values_list("person_id", flat=True)
        for pid in ints(rows):
            out.add(pid, None)


def parse_keys(keys: list[str]) -> dict[RecipientKind, list[int]]:
    """Keys by kind; a malformed key is refused."""
    wanted: dict[RecipientKind, list[int]] = defaultdict(list)
    for key in keys:
        try:
            kind, ref = RecipientChoice.parse_key(key)
        except ValueError:
            raise invalid() from None
        if not valid_id(ref):
            raise invalid()
        wanted[kind].append(ref)
    return wanted


async def resolve(actor: Actor, keys: list[str], today: date) -> Resolved:
    """Everyone the keys reach, after checking each key is within the actor's reach (a handful of queries)."""
    wanted = parse_keys(keys)
    reach = await reach_of(actor, today)
    out = Resolved()
    persons = sorted(set(wanted.get(RecipientKind.PERSON, [])))
    if persons:
        found = await reachable_persons(reach, persons, today)
        if set(found) != set(persons):
            await require(access.deny("person_out_of_reach"), actor)
        for pid, via in found.items():
            out.add(pid, via)
    groups = {k: sorted(set(v)) for k, v in wanted.items() if k in GROUP_KINDS}
    if groups:
        await _check_groups(actor, reach, groups, today)
        await _expand_groups(groups, today, out)
    institutions = sorted(set(wanted.get(RecipientKind.INSTITUTION_STAFF, [])))
    inboxes = sorted(set(wanted.get(RecipientKind.SHARED_INBOX, [])))
    if institutions or inboxes:
        known = set(ints(await Institution.filter(id__in=institutions + inboxes, active=True,
                                                  municipality_id=reach.municipality_id).values_list("id", flat=True)))
        if not set(institutions + inboxes) <= known:
            raise invalid()
        if institutions:
            await require(access.can_message_institution_staff(actor, reach), actor)
        for inst_id in inboxes:
            await require(access.can_message_inbox(reach, inst_id), actor)
        out.inbox_institutions.update(inboxes)
    if institutions:
        rows = await Employment.filter(active_on(today), institution_id__in=institutions,
                                       person__active=True).values_list("person_id", flat=True)
        for pid in ints(rows):
            out.add(pid, None)
    return out


async def _check_groups(actor: Actor, reach: access.MessageReach, groups: dict[RecipientKind, list[int]],
                        today: date) -> None:
    ids = sorted({gid for v in groups.values() for gid in v})
    rows = await Group.filter(id__in=ids, municipality_id=reach.municipality_id)
    if len(rows) != len(ids):
        raise invalid()
    facts = await group_facts(rows, today)
    for gid in ids:
        await require(access.can_message_group(actor, reach, facts[gid]), actor)
