"""Reading contact details: the class contact list and a guardian picture, each after the access check."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.contacts.model import ContactList, GroupLink, ListedChild, ListedGuardian, Sharing
from domain.contacts.phone import format_phone
from domain.contacts.service import sharing_of
from domain.errors import NotFound
from domain.gdpr.photo_files import TYPES, stored_photo
from domain.identity.model import Actor, Role
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints

NOTHING = Sharing()


async def _children_in(group_id: int, today: date) -> tuple[set[int], frozenset[int]]:
    """The group's children (enrolled or members) and the institutions that members come from (two queries)."""
    enrolled = ints(await Enrolment.filter(active_on(today), group_id=group_id).values_list("child_id", flat=True))
    members = ints(await GroupMembership.filter(group_id=group_id, person__is_child=True).values_list(
        "person_id", flat=True))
    reach = ints(await Enrolment.filter(active_on(today), child_id__in=members).values_list(
        "institution_id", flat=True)) if members else []
    return set(enrolled) | set(members), frozenset(reach)


def _listed(row: dict[str, object], choice: Sharing, everything: bool) -> ListedGuardian | None:
    """A guardian as the reader may see them; None when a parent reads and this guardian shares nothing."""
    name = f"{row['guardian__first_name']} {row['guardian__last_name']}"
    show = Sharing(True, True, True) if everything else choice
    if show == NOTHING:
        return None
    return ListedGuardian(int(str(row["guardian_id"])), name,
                          format_phone(str(row["guardian__phone"] or "")) if show.phone else "",
                          str(row["guardian__email"] or "") if show.email else "",
                          str(row["guardian__photo_url"] or "") if show.picture else "")


async def contact_list(actor: Actor, group_id: int, today: date) -> ContactList:
    """"Kontaktliste 2.A": staff of the group's institution see every guardian; a parent of the class sees what each
    guardian chose to share; everyone else is refused (and the refusal audited)."""
    group = await Group.get_or_none(id=group_id).prefetch_related("institution")
    if group is None:
        raise NotFound("error.not_found")
    child_ids, reach = await _children_in(group_id, today)
    facts = access.GroupFacts(group_id, group.institution_id, reach)
    decision = access.can_see_contact_list(actor, facts, bool(actor.guardian_of & child_ids))
    await audit.check(decision, actor, "contact.list", audit_allowed=True)
    everything = actor.role in (Role.STAFF, Role.LEADER)
    children = await Person.filter(id__in=sorted(child_ids), active=True).values_list("id", "first_name", "last_name")
    rows = await Custody.filter(active_on(today, "valid_from", "valid_to"), child_id__in=sorted(child_ids),
                                guardian__active=True).order_by("guardian__first_name").values(
        "child_id", "guardian_id", "guardian__first_name", "guardian__last_name", "guardian__phone",
        "guardian__email", "guardian__photo_url")
    choices = await sharing_of(sorted({int(r["guardian_id"]) for r in rows}))
    per_child: dict[int, list[ListedGuardian]] = defaultdict(list)
    for row in rows:
        listed = _listed(row, choices.get(int(row["guardian_id"]), NOTHING), everything)
        if listed is not None:
            per_child[int(row["child_id"])].append(listed)
    listed_children = [ListedChild(int(i), f"{f} {last}", tuple(per_child.get(int(i), ())))
                       for i, f, last in children if everything or per_child.get(int(i))]
    listed_children.sort(key=lambda c: danish_key(c.name))
    inst = group.institution
    return ContactList(group.id, group.name, inst.name if inst else "", everything, tuple(listed_children))


async def _guardian_reach(guardian_id: int, today: date) -> tuple[frozenset[int], frozenset[int]]:
    """The institutions and groups of a guardian's children today (two queries)."""
    kids = ints(await Custody.filter(active_on(today, "valid_from", "valid_to"), guardian_id=guardian_id).values_list(
        "child_id", flat=True))
    return await _places(kids, today)


async def _places(child_ids: list[int] | frozenset[int], today: date) -> tuple[frozenset[int], frozenset[int]]:
    """The institutions and groups the children are in today."""
    if not child_ids:
        return frozenset(), frozenset()
    rows = await Enrolment.filter(active_on(today), child_id__in=list(child_ids)).values_list("institution_id",
                                                                                            "group_id")
    members = ints(await GroupMembership.filter(person_id__in=list(child_ids)).values_list("group_id", flat=True))
    return (frozenset(int(i) for i, _ in rows),
            frozenset({int(g) for _, g in rows if g is not None} | set(members)))


def _servable(person_id: int) -> tuple[Path, str]:
    path = stored_photo(person_id)
    if path is None:
        raise NotFound("error.not_found")
    return path, TYPES[path.suffix[1:]]


async def fetch_picture(actor: Actor, person_id: int, today: date) -> tuple[Path, str]:
    """A guardian picture for the guardian, staff where their child goes, and sharing parents of the same class."""
    if not await Person.exists(id=person_id, is_child=False, active=True):
        raise NotFound("error.not_found")  # a child's photo is served by /foto with its consent check, never here
    institutions, groups = await _guardian_reach(person_id, today)
    shared_group = False
    if actor.role is Role.PARENT and actor.person_id != person_id:
        shared_group = bool(groups & (await _places(actor.guardian_of, today))[1])
    shared = (await sharing_of([person_id])).get(person_id, NOTHING).picture
    decision = access.can_see_guardian_picture(actor, person_id, institutions, shared_group, shared)
    await audit.check(decision, actor, "contact.picture.fetch", concerned_person_id=person_id)
    return _servable(person_id)


async def fetch_picture_for_screen(screen_institution_id: int, person_id: int, today: date) -> tuple[Path, str]:
    """A guardian picture for a paired wall screen, when their child goes there and they chose to show it."""
    if not await Person.exists(id=person_id, is_child=False, active=True):
        raise NotFound("error.not_found")
    institutions, _ = await _guardian_reach(person_id, today)
    shared = (await sharing_of([person_id])).get(person_id, NOTHING).picture
    if not access.can_screen_see_guardian_picture(screen_institution_id, institutions, shared).allowed:
        raise NotFound("error.not_found")
    return _servable(person_id)


async def family_groups(actor: Actor, today: date) -> list[GroupLink]:
    """The groups a guardian's children are enrolled in today, for links to their contact lists (one query)."""
    if actor.role is not Role.PARENT or not actor.guardian_of:
        return []
    rows = await Enrolment.filter(active_on(today), child_id__in=sorted(actor.guardian_of),
                                  group_id__isnull=False).values_list("group_id", "group__name", "child_id")
    found: dict[int, tuple[str, set[int]]] = {}
    for group_id, name, child_id in rows:
        found.setdefault(int(group_id), (str(name), set()))[1].add(int(child_id))
    return sorted((GroupLink(g, n, frozenset(c)) for g, (n, c) in found.items()), key=lambda g: danish_key(g.name))
