"""Loading the facts about a person that decide their roles and what they may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q

from domain.clock import age_on
from domain.identity.model import Actor, MunicipalRole, Role, StaffRole
from persistence.people import Custody, Employment, Enrolment, MunicipalAssignment, Person, ProfessionalAccess
from persistence.queries import active_on, ints

CHILD_LOGIN_MIN_AGE = 10
ROLE_ORDER = (Role.LEADER, Role.STAFF, Role.PPR, Role.PROJECT_TEAM, Role.ADMIN, Role.PARENT, Role.CHILD)


@dataclass(frozen=True)
class PersonFacts:
    """Everything the policy reads about one person, on one day."""

    person_id: int
    name: str
    guardian_of: frozenset[int]
    staff_institutions: frozenset[int]
    leader_institutions: frozenset[int]
    ppr_children: frozenset[int]
    roles: frozenset[Role]

    def actor(self, role: Role, acr: str, client_address: str = "") -> Actor:
        """The person acting in one of their roles."""
        return Actor(
            person_id=self.person_id,
            name=self.name,
            role=role,
            roles=self.roles,
            guardian_of=self.guardian_of,
            staff_institutions=self.staff_institutions,
            leader_institutions=self.leader_institutions,
            ppr_children=self.ppr_children,
            acr=acr,
            client_address=client_address,
        )

    def default_role(self) -> Role | None:
        """The role a fresh login starts in: the first in a fixed order."""
        return next((r for r in ROLE_ORDER if r in self.roles), None)


async def load_person_facts(person_id: int, today: date) -> PersonFacts | None:
    """Read custody, employment, municipal roles and cases for one active person (6 queries)."""
    person = await Person.get_or_none(id=person_id, active=True)
    if person is None:
        return None
    guardian_of = ints(await Custody.filter(
        active_on(today, "valid_from", "valid_to"), guardian_id=person_id, child__active=True
    ).values_list("child_id", flat=True))
    jobs = await Employment.filter(active_on(today), person_id=person_id, institution__active=True).values_list(
        "institution_id", "role"
    )
    municipal = set(await MunicipalAssignment.filter(person_id=person_id).values_list("role", flat=True))
    cases: list[int] = []
    if MunicipalRole.PPR in municipal:
        cases = ints(await ProfessionalAccess.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=today), professional_id=person_id
        ).values_list("child_id", flat=True))
    staff = frozenset(i for i, _ in jobs)
    leader = frozenset(i for i, r in jobs if r == StaffRole.LEDER)
    roles: set[Role] = set()
    if guardian_of:
        roles.add(Role.PARENT)
    if staff:
        roles.add(Role.STAFF)
    if leader:
        roles.add(Role.LEADER)
    roles |= {Role(MunicipalRole(str(m)).value) for m in municipal}
    old_enough = person.birth_date is not None and age_on(person.birth_date, today) >= CHILD_LOGIN_MIN_AGE
    if person.is_child and old_enough and await Enrolment.filter(active_on(today), child_id=person_id).exists():
        roles.add(Role.CHILD)
    return PersonFacts(
        person_id=person_id,
        name=f"{person.first_name} {person.last_name}",
        guardian_of=frozenset(guardian_of),
        staff_institutions=staff,
        leader_institutions=leader,
        ppr_children=frozenset(cases),
        roles=frozenset(roles),
    )
