"""The admin who imports in the provisioning tests: a municipality and its administrator."""

from __future__ import annotations

from domain.identity.model import Actor, Role
from domain.organisation.model import MunicipalRole
from persistence.organisation import Municipality
from persistence.people import MunicipalAssignment, Person


async def municipality_admin() -> Actor:
    """A new municipality with Ane, its admin, acting as admin."""
    m = await Municipality.create(code="330", name="Testkommune")
    person = await Person.create(municipality=m, first_name="Ane", last_name="Admin", cpr="0101701234")
    await MunicipalAssignment.create(person=person, role=MunicipalRole.ADMIN)
    return Actor(person_id=person.id, name="Ane Admin", role=Role.ADMIN, roles=frozenset({Role.ADMIN}))
