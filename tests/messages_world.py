"""A world for beskeder tests: build_world() with actors ready to send and read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from domain.clock import today_local
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from persistence.people import Person
from tests.clocks import START
from tests.factory import World, build_world

NOW = START.astimezone(UTC)  # the instant every test starts at (SAMMEN_TEST_NOW, or when the run began)


async def actor_of(person: Person, role: Role, acr: str = "2") -> Actor:
    """The person signed in with one of their roles."""
    facts = await load_person_facts(person.id, today_local(NOW))
    assert facts is not None
    return facts.actor(role, acr)


@dataclass
class MessagesWorld:
    """The factory world and its people as actors."""

    w: World
    teacher: Actor
    guardian: Actor
    former: Actor
    other_guardian: Actor
    leader: Actor
    ppr: Actor

    def key(self, person: Person) -> str:
        """The recipient key of one person."""
        return f"person:{person.id}"


async def build_messages_world() -> MessagesWorld:
    """build_world() and its actors at assurance level 2."""
    w = await build_world()
    return MessagesWorld(w, await actor_of(w.teacher, Role.STAFF), await actor_of(w.guardian, Role.PARENT),
                         await actor_of(w.former_guardian, Role.PARENT), await actor_of(w.other_guardian, Role.PARENT),
                         await actor_of(w.leader, Role.LEADER), await actor_of(w.ppr, Role.PPR))
