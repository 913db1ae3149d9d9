"""Organisation vocabulary: institution and group kinds, staff roles, enrolment views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class InstitutionKind(StrEnum):
    """The kinds of institution a municipality runs for children 0-16."""

    VUGGESTUE = "vuggestue"
    BOERNEHAVE = "boernehave"
    INTEGRERET = "integreret"
    DAGPLEJE = "dagpleje"
    SKOLE = "skole"
    BFO = "bfo"
    KLUB = "klub"


DAYCARE_KINDS = frozenset(
    {InstitutionKind.VUGGESTUE, InstitutionKind.BOERNEHAVE, InstitutionKind.INTEGRERET, InstitutionKind.DAGPLEJE}
)


class GroupKind(StrEnum):
    """Rooms, classes and teams; cross-institution groups span several institutions."""

    STUE = "stue"
    KLASSE = "klasse"
    HOLD = "hold"
    TVAERGAAENDE = "tvaergaaende"


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


@dataclass(frozen=True)
class InstitutionView:
    """An institution as a screen shows it."""

    id: int
    number: str
    name: str
    kind: InstitutionKind
    address: str


@dataclass(frozen=True)
class GroupView:
    """A group as a screen shows it."""

    id: int
    name: str
    kind: GroupKind
    institution_id: int | None
    institution_name: str
    expires_on: date | None
    member_count: int = 0


@dataclass(frozen=True)
class EnrolmentView:
    """One stretch of a child's time at an institution."""

    institution_id: int
    institution_name: str
    institution_kind: InstitutionKind
    group_name: str
    start: date
    end: date | None

    def is_current(self, on: date) -> bool:
        """Whether the enrolment covers the given day."""
        return self.start <= on and (self.end is None or on <= self.end)
