"""Helpers for the notification producers' tests: another class with its own families, and what people were told."""

from __future__ import annotations

from datetime import timedelta

from domain.organisation.model import GroupKind
from persistence.notifications import Notification
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, Person
from tests.factory import World, person


async def other_class(w: World, families: int, name: str = "5.B") -> tuple[Group, list[Person]]:
    """A class at the world's school with a child and a guardian per family; returns the class and the guardians."""
    group = await Group.create(municipality_id=w.school.municipality_id, institution=w.school, name=name,
                               kind=GroupKind.KLASSE)
    m = await w.school.municipality
    guardians = []
    for n in range(families):
        kid = await person(m, f"Barn{n}", child=True, born=w.today - timedelta(days=3000))
        await Enrolment.create(child=kid, institution=w.school, group=group, start=w.today - timedelta(days=300))
        guardian = await person(m, f"Forælder{n}")
        await Custody.create(guardian=guardian, child=kid, valid_from=kid.birth_date)
        guardians.append(guardian)
    return group, guardians


async def told(source: str) -> dict[int, tuple[str, str, str]]:
    """Who was told about one cause: person -> (category, title, link)."""
    rows = await Notification.filter(source=source).values_list("person_id", "category", "title", "link")
    return {int(p): (str(c), str(t), str(li)) for p, c, t, li in rows}


async def told_like(prefix: str) -> dict[str, set[int]]:
    """Causes starting with a prefix, and who was told about each."""
    found: dict[str, set[int]] = {}
    for source, person_id in await Notification.filter(source__startswith=prefix).values_list("source", "person_id"):
        found.setdefault(str(source), set()).add(int(person_id))
    return found
