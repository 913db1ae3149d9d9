"""What a search says: the terms to find, and the role words ("lærer", "forældre") that narrow who is meant."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from domain.organisation.model import StaffRole
from domain.text import CONTROL

WORD_MAX = 40
WORDS_MAX = 5
# Words people type around names that name no one ("alle forældre i 2.A").
FILLER = frozenset({"alle", "i", "på", "til", "og", "fra", "af", "med", "·", "-", ","})
STAFF_WORDS = {
    "lærer": StaffRole.LAERER, "lærere": StaffRole.LAERER, "læreren": StaffRole.LAERER, "laerer": StaffRole.LAERER,
    "pædagog": StaffRole.PAEDAGOG, "pædagoger": StaffRole.PAEDAGOG, "pædagogen": StaffRole.PAEDAGOG,
    "paedagog": StaffRole.PAEDAGOG, "leder": StaffRole.LEDER, "ledere": StaffRole.LEDER, "lederen": StaffRole.LEDER,
    "medhjælper": StaffRole.MEDHJAELPER, "medhjælpere": StaffRole.MEDHJAELPER,
}
KIND_WORDS = {
    "medarbejder": "staff", "medarbejdere": "staff", "personale": "staff", "ansat": "staff", "ansatte": "staff",
    "forælder": "guardian", "forældre": "guardian", "forælderen": "guardian", "mor": "guardian", "far": "guardian",
    "barn": "child", "børn": "child", "elev": "child", "elever": "child",
}


@dataclass(frozen=True)
class Query:
    """Terms every hit must match, staff roles and kinds of people asked for (none: everyone)."""

    terms: tuple[str, ...] = ()
    roles: frozenset[StaffRole] = frozenset()
    kinds: frozenset[str] = field(default_factory=frozenset)
    words: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to search for."""
        return not self.terms and not self.roles and not self.kinds

    @property
    def phrase(self) -> str:
        """The terms as one phrase ("2. årgang"), when there are several."""
        return " ".join(self.terms) if len(self.terms) > 1 else ""

    def as_phrase(self) -> Query:
        """The same query with its terms read as one name."""
        return replace(self, terms=(self.phrase,))

    def wants(self, kind: str) -> bool:
        """Whether people of this kind ("staff", "guardian", "child") are asked for."""
        if not self.roles and not self.kinds:
            return True
        return kind in self.kinds or (kind == "staff" and bool(self.roles))


def parse(text: str) -> Query:
    """The terms and role words of what was typed (at most five words of 40 characters, in lower case)."""
    words = tuple(w[:WORD_MAX] for w in CONTROL.sub(" ", text).casefold().split())[:WORDS_MAX]
    terms = tuple(w for w in words if w not in FILLER and w not in STAFF_WORDS and w not in KIND_WORDS)
    roles = frozenset(STAFF_WORDS[w] for w in words if w in STAFF_WORDS)
    kinds = frozenset(KIND_WORDS[w] for w in words if w in KIND_WORDS)
    return Query(terms, roles, kinds, words)
