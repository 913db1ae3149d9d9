"""The small world of the broadcast tests: the factory's families with e-mail addresses, and their actors."""

from __future__ import annotations

from dataclasses import dataclass

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from persistence.people import Person
from tests.factory import World, build_world


@dataclass
class BroadcastWorld:
    """The factory world and the actors the broadcast tests use."""

    w: World
    admin: Actor
    gitte: Actor
    olga: Actor


async def build_broadcast_world() -> BroadcastWorld:
    """Gitte (children at school and kindergarten), Olga (school), a former guardian with e-mail, an admin."""
    w = await build_world()
    await Person.filter(id=w.guardian.id).update(email="gitte@example.dk")
    await Person.filter(id=w.former_guardian.id).update(email="finn@example.dk")
    now = utcnow()
    return BroadcastWorld(
        w,
        admin=await current_actor(w.admin.id, "admin", "2", now=now),
        gitte=await current_actor(w.guardian.id, "parent", "2", now=now),
        olga=await current_actor(w.other_guardian.id, "parent", "2", now=now),
    )
