"""The demo round: 2.A at Skovlyskolen next week, partly booked, with Oscar still to book for his mother."""

from __future__ import annotations

from demo.rows import TABLES
from demo.seed import build_rows
from domain.clock import today_local, utcnow
from domain.conferences import queries
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from persistence.people import Person


async def test_the_demo_round_is_open_partly_booked_and_waits_for_oscar(sqlite_database: str) -> None:
    today = today_local()
    book = build_rows(today=today, scale=0.1, seed=7)  # the seed builds the round with the rest
    people = book.all(Person)
    anne = next(p for p in people if (p.first_name, p.last_name) == ("Anne", "Holm"))
    mette = next(p for p in people if (p.first_name, p.last_name) == ("Mette", "Kristensen"))
    for table in TABLES:
        await table.bulk_create(book.all(table))
    now = utcnow()
    facts = await load_person_facts(mette.id, today)
    assert facts is not None
    pending = await queries.pending_for_guardian(facts.actor(Role.PARENT, "2"), now=now)
    assert [p.child_first_name for p in pending] == ["Oscar"]
    teacher = await load_person_facts(anne.id, today)
    assert teacher is not None
    schedule = await queries.round_view(teacher.actor(Role.STAFF, "2"), pending[0].round_id, now=now)
    booked = [s for s in schedule.slots if s.taken]
    assert booked and len(booked) < len(schedule.slots) and all(s.child_name and s.booked_by_name for s in booked)
    assert schedule.booking_deadline > now and schedule.slots[0].starts_at > schedule.booking_deadline
