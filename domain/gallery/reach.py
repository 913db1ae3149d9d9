"""Whom an album reaches: the places of a guardian's children, an album's children, who has photo consent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.collation import danish_key
from domain.gallery.model import Place, Taggable
from domain.gdpr.consents import PHOTO_KEY
from domain.identity.model import Actor, Role
from persistence.gallery import Album
from persistence.gdpr import ChildConsent
from persistence.organisation import Group, Institution
from persistence.people import Enrolment, GroupMembership, Person
from persistence.queries import active_on, ints


async def family_places(child_ids: Iterable[int], today: date) -> tuple[frozenset[int], frozenset[int]]:
    """The institutions and groups the children are in today (two queries)."""
    kids = sorted(set(child_ids))
    if not kids:
        return frozenset(), frozenset()
    rows = await Enrolment.filter(active_on(today), child_id__in=kids).values_list("institution_id", "group_id")
    members = ints(await GroupMembership.filter(person_id__in=kids).values_list("group_id", flat=True))
    return (frozenset(int(i) for i, _ in rows),
            frozenset({int(g) for _, g in rows if g is not None} | set(members)))


def reaches(album: Album, places: tuple[frozenset[int], frozenset[int]]) -> bool:
    """Whether an album is for one of the places (a group album for its group, an institution album for all)."""
    institutions, groups = places
    if album.group_id is not None:
        return album.group_id in groups
    return album.institution_id in institutions


async def consented(child_ids: Iterable[int]) -> set[int]:
    """Those of the children whose guardians have given the photo consent now (one query)."""
    kids = sorted(set(child_ids))
    if not kids:
        return set()
    return set(ints(await ChildConsent.filter(child_id__in=kids, given=True, consent_type__key=PHOTO_KEY)
                    .values_list("child_id", flat=True)))


async def album_children(album: Album, today: date) -> list[int]:
    """The children an album is about: its group's (enrolled or members), or its institution's."""
    if album.group_id is not None:
        enrolled = ints(await Enrolment.filter(active_on(today), group_id=album.group_id).values_list(
            "child_id", flat=True))
        members = ints(await GroupMembership.filter(group_id=album.group_id, person__is_child=True).values_list(
            "person_id", flat=True))
        return sorted(set(enrolled) | set(members))
    return sorted(set(ints(await Enrolment.filter(active_on(today), institution_id=album.institution_id)
                           .values_list("child_id", flat=True))))


async def names_of(child_ids: Iterable[int]) -> dict[int, str]:
    """First and last names (one query)."""
    kids = sorted(set(child_ids))
    if not kids:
        return {}
    rows = await Person.filter(id__in=kids).values_list("id", "first_name", "last_name")
    return {int(i): f"{f} {last}" for i, f, last in rows}


async def taggable(album: Album, today: date) -> tuple[Taggable, ...]:
    """The album's children in Danish order, each with whether they may be tagged (four queries)."""
    kids = await album_children(album, today)
    names, ok = await names_of(kids), await consented(kids)
    return tuple(sorted((Taggable(k, names.get(k, ""), k in ok) for k in kids), key=lambda c: danish_key(c.name)))


async def album_places(actor: Actor) -> list[Place]:
    """Where the staff member may make an album: each of their institutions, then its groups (two queries)."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return []
    mine = sorted(actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions)
    insts = await Institution.filter(id__in=mine).values_list("id", "name")
    groups = await Group.filter(institution_id__in=mine).values_list("id", "institution_id", "name")
    out: list[Place] = []
    for inst_id, inst_name in sorted(insts, key=lambda r: danish_key(str(r[1]))):
        out.append(Place(int(inst_id), None, str(inst_name)))
        out.extend(Place(int(inst_id), int(g), f"{name} · {inst_name}")
                   for g, i, name in sorted(groups, key=lambda r: danish_key(str(r[2]))) if i == inst_id)
    return out
