"""Small hand-built worlds for service tests: one municipality, a few institutions, a family."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count

from domain.clock import today_local
from domain.organisation.model import GroupKind, InstitutionKind, MunicipalRole, StaffRole
from persistence.identity import UserAccount
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Custody, Employment, Enrolment, MunicipalAssignment, Person, ProfessionalAccess

_seq = count(1)


@dataclass
class World:
    """The ids a test needs."""

    today: date
    school: Institution
    kindergarten: Institution
    class_2a: Group
    child: Person
    sibling: Person
    other_child: Person
    guardian: Person
    former_guardian: Person
    other_guardian: Person
    teacher: Person
    leader: Person
    admin: Person
    ppr: Person
    roleless: Person


async def person(m: Municipality, first: str, *, child: bool = False, born: date | None = None,
                 subject: str | None = None, cpr: str | None = None) -> Person:
    """A person, with an account when a subject is given."""
    n = next(_seq)
    p = await Person.create(municipality=m, first_name=first, last_name="Testesen", is_child=child,
                            birth_date=born, cpr=cpr or f"0101{n:06d}"[:10])
    if subject:
        await UserAccount.create(person=p, oidc_subject=subject)
    return p


async def build_world() -> World:
    """A school with 2.A, a kindergarten, a family with a former guardian, staff, admin, PPR."""
    today = today_local()
    m = await Municipality.create(code=f"T{next(_seq)}", name="Testby")
    school = await Institution.create(municipality=m, number=f"8{next(_seq):05d}", name="Testskolen",
                                      kind=InstitutionKind.SKOLE)
    kg = await Institution.create(municipality=m, number=f"8{next(_seq):05d}", name="Testhaven",
                                  kind=InstitutionKind.BOERNEHAVE)
    c2a = await Group.create(municipality=m, institution=school, name="2.A", kind=GroupKind.KLASSE)
    stue = await Group.create(municipality=m, institution=kg, name="Bien", kind=GroupKind.STUE)
    child = await person(m, "Anna", child=True, born=today - timedelta(days=8 * 365), cpr="1503181234")
    sibling = await person(m, "Bo", child=True, born=today - timedelta(days=4 * 365))
    other = await person(m, "Carl", child=True, born=today - timedelta(days=8 * 365))
    await Enrolment.create(child=child, institution=kg, group=stue, start=today - timedelta(days=5 * 365),
                           end=today - timedelta(days=2 * 365))
    await Enrolment.create(child=child, institution=school, group=c2a, start=today - timedelta(days=2 * 365))
    await Enrolment.create(child=sibling, institution=kg, group=stue, start=today - timedelta(days=365))
    await Enrolment.create(child=other, institution=school, group=c2a, start=today - timedelta(days=2 * 365))
    guardian = await person(m, "Gitte", subject="t-guardian")
    former = await person(m, "Finn", subject="t-former")
    other_guardian = await person(m, "Olga", subject="t-other")
    for kid in (child, sibling):
        await Custody.create(guardian=guardian, child=kid, valid_from=kid.birth_date)
    await Custody.create(guardian=former, child=child, valid_from=child.birth_date, valid_to=today - timedelta(days=1))
    await Custody.create(guardian=other_guardian, child=other, valid_from=other.birth_date)
    teacher = await person(m, "Tina", subject="t-teacher")
    await Employment.create(person=teacher, institution=school, role=StaffRole.LAERER, start=date(2020, 8, 1))
    leader = await person(m, "Lis", subject="t-leader")
    await Employment.create(person=leader, institution=kg, role=StaffRole.LEDER, start=date(2020, 8, 1))
    admin = await person(m, "Ane", subject="t-admin")
    await MunicipalAssignment.create(person=admin, role=MunicipalRole.ADMIN)
    ppr = await person(m, "Per", subject="t-ppr")
    await MunicipalAssignment.create(person=ppr, role=MunicipalRole.PPR)
    await ProfessionalAccess.create(professional=ppr, child=other, valid_to=today + timedelta(days=30))
    roleless = await person(m, "Rolf", subject="t-roleless")
    return World(today, school, kg, c2a, child, sibling, other, guardian, former, other_guardian, teacher, leader,
                 admin, ppr, roleless)
