"""Survey figures by group, pure: institutions' figures merged into cells no filter can split, then into groups.

In an anonymous survey every figure shown is a sum of whole cells of at least MIN_GROUP answers, so the difference
between any two views (two filters, two groups, a group and the total) is again a sum of such cells and can never
give away 1-4 answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from domain.rollout.model import shown_groups, too_few

OTHER = "other"  # the group key of a cell whose institutions fall in different groups


@dataclass(frozen=True)
class Figures:
    """One question's answers from some institutions: respondents, rows per value, free texts; added up freely."""

    respondents: int = 0
    values: Mapping[int, int] = field(default_factory=dict)
    texts: tuple[str, ...] = ()

    def __add__(self, other: Figures) -> Figures:
        """Both sets of answers together."""
        return Figures(self.respondents + other.respondents, dict(Counter(self.values) + Counter(other.values)),
                       self.texts + other.texts)

    @property
    def rows(self) -> int:
        """How many values were given (several per respondent for 'several choices')."""
        return sum(self.values.values())

    @property
    def average(self) -> float | None:
        """The mean value, None without values."""
        rows = self.rows
        return sum(v * n for v, n in self.values.items()) / rows if rows else None


def total(figures: Iterable[Figures]) -> Figures:
    """The sum of some figures."""
    out = Figures()
    for f in figures:
        out = out + f
    return out


@dataclass(frozen=True)
class Cell:
    """Institutions whose answers are shown together or not at all."""

    institutions: frozenset[int]
    figures: Figures


def cells(by_institution: Mapping[int, Figures], anonymous: bool) -> list[Cell]:
    """Each institution alone, but in an anonymous survey those too small to stand alone pooled in one cell."""
    answered = {i: f for i, f in by_institution.items() if f.respondents}
    if not anonymous:
        return [Cell(frozenset({i}), f) for i, f in sorted(answered.items())]
    alone = shown_groups({i: f.respondents for i, f in answered.items()})
    out = [Cell(frozenset({i}), answered[i]) for i in sorted(alone)]
    pooled = frozenset(answered) - alone
    if pooled:
        out.append(Cell(pooled, total(answered[i] for i in sorted(pooled))))
    return out


@dataclass(frozen=True)
class Selection:
    """The cells a filter takes in whole, and the chosen institutions left out because their cell reaches beyond."""

    cells: tuple[Cell, ...]
    left_out: frozenset[int]


def select(all_cells: Iterable[Cell], chosen: frozenset[int] | None) -> Selection:
    """A filter takes a cell only when it chose every institution in it (None: no filter, every cell)."""
    taken: list[Cell] = []
    left_out: set[int] = set()
    for cell in all_cells:
        if chosen is None or cell.institutions <= chosen:
            taken.append(cell)
        elif chosen is not None:
            left_out |= cell.institutions & chosen
    return Selection(tuple(taken), frozenset(left_out))


@dataclass(frozen=True)
class Group:
    """A group's figures; None when an anonymous survey may not show them."""

    key: str
    figures: Figures | None


def groups(selection: Selection, key_of: Callable[[int], Iterable[str]], anonymous: bool) -> tuple[Group, ...]:
    """The selection's cells gathered by group key; a cell whose institutions disagree on the key goes to OTHER.

    An institution may have several keys (a wave in each programme): its cell then counts in each.
    """
    sums: dict[str, Figures] = {}
    for cell in selection.cells:
        keys = [set(key_of(i)) for i in sorted(cell.institutions)]
        common = set.intersection(*keys) if keys else set()
        for key in sorted(common) if common else [OTHER]:
            sums[key] = sums.get(key, Figures()) + cell.figures
    shown = shown_groups({k: f.respondents for k, f in sums.items()}) if anonymous else frozenset(sums)
    return tuple(Group(k, f if k in shown else None) for k, f in sums.items())


def visible(figures: Figures, anonymous: bool) -> Figures | None:
    """Figures as they may be shown: None for 1-4 respondents in an anonymous survey."""
    return None if anonymous and too_few(figures.respondents) else figures


def matching(texts: Iterable[str], search: str) -> tuple[str, ...]:
    """The texts holding every word searched for, case and accents as typed aside from case."""
    words = search.casefold().split()
    return tuple(t for t in texts if all(w in t.casefold() for w in words))
