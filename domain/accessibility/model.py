"""The accessibility statement's facts: what is known not to be accessible, and the conformance that leaves.

The list of known problems is the one source for both the statement at /tilgaengelighed and the axe-core test in CI:
the test lets exactly these (rule, page) pairs fail, so a problem the test finds is either fixed or declared here,
and a declared problem that no longer fails must be removed (the statement would otherwise say too much).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

STANDARD = "WCAG 2.1 AA / EN 301 549 v3.2.1"
# When the statement was written and last reviewed (the model statement asks for both).
PREPARED_ON = date(2026, 12, 7)
REVIEWED_ON = date(2026, 12, 7)
# How many page states the axe-core test in CI checks (tests/e2e/test_accessibility_axe.py), said on the statement.
AXE_PAGE_STATES = 97
# Where a person complains when the answer from the authority is not good enough.
COMPLAINT_URL = "https://www.digst.dk/digital-inklusion/webtilgaengelighed/"
WAS_URL = "https://www.was.digst.dk/"


class Conformance(StrEnum):
    """The three statuses of the Danish model statement."""

    FULL = "full"  # fuldt overholdt
    PARTIAL = "partial"  # delvist overholdt
    NONE = "none"  # ikke overholdt


@dataclass(frozen=True)
class KnownProblem:
    """One thing not yet accessible: the axe rule and WCAG criterion, where, what, and when it will be fixed."""

    rule: str  # the axe-core rule id, e.g. "color-contrast"; "" for a problem found by hand (axe does not see it)
    criterion: str  # the WCAG success criterion, e.g. "1.4.3"
    page: str  # the page's path as the axe test names it, ids as {id}: "/personale", "/barn/{id}"
    what_da: str
    what_en: str
    fixed_by: date
    blocks_core_task: bool = False  # a core task cannot be done at all (makes the site "ikke overholdt")


# Empty when every page state passes axe-core and nothing was found by hand: the statement then says "fuldt
# overholdt". axe passes every state today; the tooltips below were found by hand.
KNOWN_PROBLEMS: tuple[KnownProblem, ...] = (
    KnownProblem(
        rule="", criterion="1.4.13", page="/",
        what_da="Værktøjstip på ikonknapper vises kun, når musen holdes over knappen, og forsvinder, når musen flyttes "
                "hen på tippet. Knappens navn er det samme som tippet og læses op af skærmlæsere.",
        what_en="Tooltips on icon buttons show only while the pointer rests on the button and disappear when it moves "
                "onto the tooltip. The button's name is the same text and is read out by screen readers.",
        fixed_by=date(2027, 3, 1)),
)


def conformance(problems: Iterable[KnownProblem]) -> Conformance:
    """No known problem: full; a problem that blocks a core task: none; otherwise partial."""
    listed = list(problems)
    if not listed:
        return Conformance.FULL
    return Conformance.NONE if any(p.blocks_core_task for p in listed) else Conformance.PARTIAL


def allowed_axe_failures(problems: Iterable[KnownProblem] = KNOWN_PROBLEMS) -> frozenset[tuple[str, str]]:
    """The (axe rule id, page path) pairs the axe test lets fail, because the statement declares them."""
    return frozenset((p.rule, p.page) for p in problems if p.rule)


def undeclared(found: Iterable[tuple[str, str]], problems: Iterable[KnownProblem] = KNOWN_PROBLEMS
               ) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """What axe found that the statement does not declare, and what it declares that axe no longer finds."""
    seen, declared = set(found), allowed_axe_failures(problems)
    return seen - declared, set(declared) - seen
