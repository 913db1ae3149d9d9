"""The demo's Christmas vacation request: built with the demo, inserted, and read by the vacation domain."""

from __future__ import annotations

from datetime import UTC, date, datetime
from random import Random

from faker import Faker
from tortoise.models import Model

from demo.presence import PRESENCE_TABLES
from demo.rows import TABLES, Demo
from demo.seed import build_rows
from demo.vacation import add_vacation_request
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from domain.presence.model import Status
from domain.vacation import attendance, queries
from persistence.people import Person
from persistence.presence import PlanEntry, PresenceDay
from persistence.vacation import VacationAnswer, VacationRequest

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


async def test_the_demo_request_is_a_third_answered_in_kommegaa_and_waits_for_mette(sqlite_database: str) -> None:
    demo = Demo(today=TODAY, rng=Random(1), fake=Faker("da_DK"), book=build_rows(today=TODAY, scale=0.05, seed=7))
    book = demo.book
    people = {(p.first_name, p.last_name): p for p in book.all(Person)}
    mette, peter = people[("Mette", "Kristensen")], people[("Peter", "Lund")]
    request = next(iter(book.rows.get(VacationRequest, [])), None) or add_vacation_request(demo, peter, mette)
    assert (request.first_day, request.last_day) == (date(2026, 12, 21), date(2027, 1, 1))
    extra: list[type[Model]] = [VacationRequest, VacationAnswer, *PRESENCE_TABLES]
    tables = [*TABLES, *(t for t in extra if t not in TABLES)]
    for table in tables:
        await table.bulk_create(book.all(table))

    facts = await load_person_facts(mette.id, TODAY)
    assert facts is not None
    pending = await queries.pending_for_guardian(facts.actor(Role.PARENT, "3"), NOW)
    assert [(p.title, p.waiting) for p in pending] == [("Juleferie", ("Freja", "Oscar"))]
    peter_facts = await load_person_facts(peter.id, TODAY)
    assert peter_facts is not None
    seen = await attendance.attendance(peter_facts.actor(Role.LEADER, "3"), request.id)
    answered = seen.children - len(seen.unanswered)
    assert 0.15 * seen.children <= answered <= 0.5 * seen.children
    away = await VacationAnswer.filter(comes=False).count()
    assert away > 0 and await PresenceDay.filter(status=Status.VACATION, day__gte=request.first_day).count() == away
    timed = await VacationAnswer.filter(arrival_min__isnull=False).count()
    assert await PlanEntry.filter(day__gte=request.first_day).count() == timed
