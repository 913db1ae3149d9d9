"""Who is acting: roles, the facts the access policy reads, and login outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from domain.events import Event

# Topic builders: publishers and pages name a topic only through these, so a misspelt topic cannot be.
LOGINS_TOPIC = "logins"  # Adoption views: every login.


def person_topic(person_id: int) -> str:
    """Every open page of one person (a logout when they lose access)."""
    return f"person:{person_id}"


class StaffRole(StrEnum):
    """What an employee is at one institution."""

    PAEDAGOG = "paedagog"
    LAERER = "laerer"
    LEDER = "leder"
    MEDHJAELPER = "medhjaelper"


class MunicipalRole(StrEnum):
    """Roles held at the municipality rather than at an institution."""

    ADMIN = "admin"
    PROJECT_TEAM = "project_team"
    PPR = "ppr"


class Role(StrEnum):
    """The hats a person can wear in Sammen; one is active at a time."""

    PARENT = "parent"
    STAFF = "staff"
    LEADER = "leader"
    PROJECT_TEAM = "project_team"
    ADMIN = "admin"
    PPR = "ppr"
    CHILD = "child"


@dataclass(frozen=True)
class Actor:
    """The facts about a signed-in person that the access policy decides from."""

    person_id: int
    name: str
    role: Role
    roles: frozenset[Role]
    guardian_of: frozenset[int] = frozenset()
    staff_institutions: frozenset[int] = frozenset()
    leader_institutions: frozenset[int] = frozenset()
    ppr_children: frozenset[int] = frozenset()
    acr: str = "2"
    client_address: str = ""

    def acting_as(self, role: Role) -> Actor:
        """The same person wearing another of their roles."""
        from dataclasses import replace

        return replace(self, role=role)


@dataclass(frozen=True)
class ChildFacts:
    """What the policy needs to know about a child."""

    child_id: int
    institution_ids: frozenset[int]
    group_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class UserLoggedIn(Event):
    """A person logged in; adoption figures count these."""

    person_id: int
    account_id: int
    acr: str
    guardian_institution_ids: tuple[int, ...] = ()
    first_ever: bool = False
    first_in_30d: bool = False

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to the adoption views."""
        return ("all", LOGINS_TOPIC)
