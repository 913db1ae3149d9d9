"""A world for calendar tests: build_world() with its people as actors and a few fixed Copenhagen times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from domain.clock import COPENHAGEN, today_local
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.people import Person
from tests.clocks import START
from tests.factory import World, build_world

NOW = START.astimezone(UTC)  # the instant every test starts at (SAMMEN_TEST_NOW, or when the run began)


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock time, naive (as the UI enters it)."""
    return datetime(day.year, day.month, day.day, hour, minute)


def aware(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """A Copenhagen time as an aware UTC datetime."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN).astimezone(UTC)


async def actor_of(person: Person, role: Role) -> Actor:
    """The person signed in with one of their roles."""
    facts = await load_person_facts(person.id, today_local(NOW))
    assert facts is not None
    return facts.actor(role, "2")


@dataclass
class CalendarWorld:
    """The factory world and its people as actors."""

    w: World
    guardian: Actor
    former: Actor
    other_guardian: Actor
    teacher: Actor
    leader: Actor
    admin: Actor


async def build_calendar_world() -> CalendarWorld:
    """build_world() with actors."""
    w = await build_world()
    return CalendarWorld(w, await actor_of(w.guardian, Role.PARENT), await actor_of(w.former_guardian, Role.PARENT),
                         await actor_of(w.other_guardian, Role.PARENT), await actor_of(w.teacher, Role.STAFF),
                         await actor_of(w.leader, Role.LEADER), await actor_of(w.admin, Role.ADMIN))
