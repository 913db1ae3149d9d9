"""Organisation vocabulary: institution and group kinds, staff roles, enrolment views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.identity.model import MunicipalRole as MunicipalRole  # re-exported: roles are named in identity
from domain.identity.model import StaffRole as StaffRole


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
