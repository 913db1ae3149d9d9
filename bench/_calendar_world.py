"""The calendar benchmark's world: the demo with its school year, a family in three houses, a school of 600."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from tortoise.models import Model

from demo import seed
from demo.calendar import CALENDAR_TABLES, build_calendar_demo
from demo.named import Named
from demo.rows import TABLES, Demo
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from persistence import db
from persistence.calendar import CalendarEvent
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, Person
from persistence.queries import active_on

BIG_CHILDREN = 600
BIG_CLASSES = 20


def wire_calendar() -> bool:
    """Let seed_demo build the school year of events until seed.py does so itself; True when wired here."""
    if CalendarEvent in TABLES:
        return False
    TABLES.extend(CALENDAR_TABLES)
    forms = seed.build_forms_demo

    def forms_then_calendar(demo: Demo, named: Named) -> None:
        forms(demo, named)
        build_calendar_demo(demo, named)

    seed.build_forms_demo = forms_then_calendar
    return True


async def actor(person_id: int, role: Role, today: date) -> Actor:
    """A person acting in one role, as the login would make them."""
    facts = await load_person_facts(person_id, today)
    assert facts is not None, person_id
    return facts.actor(role, "3")


async def family_of_three(today: date) -> tuple[int, str]:
    """A guardian with three children in three institutions (an enrolment added when the demo has none)."""
    kids: dict[int, set[int]] = defaultdict(set)
    for guardian, child in await Custody.filter(active_on(today, "valid_from", "valid_to")).values_list(
            "guardian_id", "child_id"):
        kids[int(guardian)].add(int(child))
    places: dict[int, set[int]] = defaultdict(set)
    for child, inst in await Enrolment.filter(active_on(today)).values_list("child_id", "institution_id"):
        places[int(child)].add(int(inst))

    def houses(guardian: int) -> int:
        return len(set().union(*(places[c] for c in kids[guardian])))

    three = sorted(g for g, c in kids.items() if len(c) == 3)
    exact = [g for g in three if houses(g) == 3]
    if exact:
        return exact[0], "found in the demo"
    guardian = max(three, key=lambda g: (houses(g), -g))
    child = min(kids[guardian])
    for inst in await Institution.all().order_by("id"):
        if houses(guardian) >= 3:
            break
        if inst.id in set().union(*(places[c] for c in kids[guardian])):
            continue
        group = await Group.filter(institution_id=inst.id).order_by("id").first()
        await Enrolment.create(child_id=child, institution_id=inst.id, group_id=group.id if group else None,
                               start=today - timedelta(days=30))
        places[child].add(inst.id)
    return guardian, "an enrolment added"


async def big_school(today: date) -> tuple[int, int]:
    """A school with 600 enrolled children (ages 6-15) and their guardians, and its leader; ids of both."""
    ids = {table: await _next_id(table) for table in (Institution, Group, Person, Custody, Enrolment, Employment)}
    inst = Institution(id=ids[Institution], municipality_id=1, number="999999", name="Storskolen",
                       kind=InstitutionKind.SKOLE)
    groups = [Group(id=ids[Group] + n, municipality_id=1, institution_id=inst.id, name=f"{n // 2}.{'AB'[n % 2]}",
                    kind=GroupKind.KLASSE) for n in range(BIG_CLASSES)]
    people: list[Person] = []
    custody: list[Custody] = []
    enrolments: list[Enrolment] = []

    def person(first: str, born: date, child: bool) -> Person:
        row = Person(id=ids[Person] + len(people), municipality_id=1, first_name=first, last_name="Storm",
                     birth_date=born, cpr=None, is_child=child)
        people.append(row)
        return row

    leader = person("Lise", date(1975, 3, 3), False)
    for n in range(BIG_CHILDREN):
        group = groups[n % BIG_CLASSES]
        born = date(today.year - 6 - (n % BIG_CLASSES) // 2, 1 + n % 12, 1 + n % 28)
        child = person(f"Barn{n}", born, True)
        enrolments.append(Enrolment(id=ids[Enrolment] + n, child_id=child.id, institution_id=inst.id,
                                    group_id=group.id, start=today - timedelta(days=100)))
        for parent in range(1 if n % 5 == 0 else 2):
            adult = person(f"Forælder{n}-{parent}", date(1985, 1, 1), False)
            custody.append(Custody(id=ids[Custody] + len(custody), guardian_id=adult.id, child_id=child.id,
                                   valid_from=born))
    work = Employment(id=ids[Employment], person_id=leader.id, institution_id=inst.id, role=StaffRole.LEDER,
                      start=today - timedelta(days=365))
    rows: list[tuple[type[Model], list[Any]]] = [(Institution, [inst]), (Group, groups), (Person, people),
                                                 (Custody, custody), (Enrolment, enrolments), (Employment, [work])]
    for table, batch in rows:
        await table.bulk_create(batch, batch_size=1000)
    await _reset_sequences([table for table, _ in rows])
    return inst.id, leader.id


async def _next_id(table: type[Model]) -> int:
    last = await table.all().order_by("-id").first()
    return int(last.pk) + 1 if last is not None else 1


async def _reset_sequences(tables: list[type[Model]]) -> None:
    """On PostgreSQL, move the id sequences past the explicit ids."""
    conn = db.connection()
    if conn.capabilities.dialect != "postgres":
        return
    for table in tables:
        name = table._meta.db_table
        await conn.execute_script(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "  # noqa: S608
                                  f'(SELECT MAX(id) FROM "{name}"))')
