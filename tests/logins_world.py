"""The never-logged-in world: Testskolen with 2.A and 2.B, families with and without accounts, who acts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.organisation.model import GroupKind, MunicipalRole, StaffRole
from persistence.identity import UserAccount
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, GroupMembership, MunicipalAssignment, Person
from tests.factory import World, build_world, person


@dataclass
class Lists:
    """The world of these tests: Testskolen with 2.A and 2.B, and who acts."""

    w: World
    class_2b: Group
    team: Actor
    teacher: Actor
    school_leader: Actor
    other_leader: Actor


async def family(m_id: int, school: Institution, group: Group, first: str, guardian_first: str, *,
                 subject: str | None = None, logged_in: bool = False, email: str = "") -> Person:
    """A child in a class and one guardian, who has an account when a subject is given."""
    municipality = await school.municipality
    kid = await person(municipality, first, child=True, born=date(2018, 3, 1))
    await Enrolment.create(child=kid, institution=school, group=group, start=date(2024, 8, 1))
    guardian = await person(municipality, guardian_first, subject=subject)
    if email:
        await Person.filter(id=guardian.id).update(email=email)
    if logged_in:
        await UserAccount.filter(person_id=guardian.id).update(last_login_at=utcnow())
    await Custody.create(guardian=guardian, child=kid, valid_from=date(2018, 3, 1))
    return guardian


async def build() -> Lists:
    """2.A keeps the factory's Anna and Carl; 2.B gets Dina; a project-team member and two leaders act."""
    w = await build_world()
    municipality = await w.school.municipality
    c2b = await Group.create(municipality=municipality, institution=w.school, name="2.B", kind=GroupKind.KLASSE)
    await GroupMembership.create(group=w.class_2a, person=w.teacher)
    await family(municipality.id, w.school, w.class_2a, "Ea", "Åse", subject="t-aase")
    await family(municipality.id, w.school, w.class_2a, "Fie", "Ærling")
    await family(municipality.id, w.school, w.class_2a, "Gry", "Zakarias", subject="t-zak", logged_in=True)
    await family(municipality.id, w.school, c2b, "Dina", "Øjvind", subject="t-oejv")
    bente = await person(municipality, "Bente", subject="t-bente")
    await Employment.create(person=bente, institution=w.school, role=StaffRole.LAERER, start=date(2020, 8, 1))
    await GroupMembership.create(group=c2b, person=bente)
    head = await person(municipality, "Hanne", subject="t-hanne")
    await Employment.create(person=head, institution=w.school, role=StaffRole.LEDER, start=date(2020, 8, 1))
    await UserAccount.filter(person_id=head.id).update(last_login_at=utcnow())
    camilla = await person(municipality, "Camilla", subject="t-team")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    now = utcnow()
    return Lists(w, c2b, await current_actor(camilla.id, "project_team", "2", now=now),
                 await current_actor(w.teacher.id, "staff", "2", now=now),
                 await current_actor(head.id, "leader", "2", now=now),
                 await current_actor(w.leader.id, "leader", "2", now=now))
