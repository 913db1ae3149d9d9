"""The statement's conformance follows its list of known problems, and the axe test's allowed failures are that list."""

from __future__ import annotations

from datetime import date

from domain.accessibility.model import (
    AXE_PAGE_STATES,
    KNOWN_PROBLEMS,
    PREPARED_ON,
    Conformance,
    KnownProblem,
    allowed_axe_failures,
    conformance,
    undeclared,
)

CONTRAST = KnownProblem("color-contrast", "1.4.3", "/personale", "Et mærke har for lav kontrast.",
                        "A badge has too little contrast.", date(2027, 2, 1))
BOARD = KnownProblem("nested-interactive", "4.1.2", "/kommegaa", "Brikkerne kan ikke nås med tastaturet.",
                     "The tiles cannot be reached by keyboard.", date(2027, 1, 15), blocks_core_task=True)


def test_no_known_problem_means_fully_compliant() -> None:
    assert conformance(()) is Conformance.FULL


def test_a_known_problem_makes_the_site_partially_compliant() -> None:
    assert conformance([CONTRAST]) is Conformance.PARTIAL


def test_a_problem_that_blocks_a_core_task_makes_the_site_not_compliant() -> None:
    assert conformance([CONTRAST, BOARD]) is Conformance.NONE


def test_the_axe_test_may_let_exactly_the_declared_rule_and_page_pairs_fail() -> None:
    assert allowed_axe_failures([CONTRAST, BOARD]) == {("color-contrast", "/personale"),
                                                        ("nested-interactive", "/kommegaa")}


def test_a_found_failure_not_declared_and_a_declared_one_no_longer_found_are_both_reported() -> None:
    found = {("color-contrast", "/personale"), ("label", "/profil")}
    new, stale = undeclared(found, [CONTRAST, BOARD])
    assert new == {("label", "/profil")}
    assert stale == {("nested-interactive", "/kommegaa")}


def test_every_declared_problem_is_complete_and_has_a_fix_date_after_the_statement() -> None:
    for problem in KNOWN_PROBLEMS:
        assert problem.criterion and problem.page.startswith("/"), problem
        assert problem.what_da and problem.what_en, problem
        assert problem.fixed_by > PREPARED_ON, problem


def test_the_statement_names_as_many_page_states_as_the_axe_test_checks() -> None:
    from tests.e2e.test_accessibility_axe import STATES  # the one table the CI run goes through

    assert len(STATES) == AXE_PAGE_STATES


def test_a_problem_found_by_hand_is_declared_but_never_lets_an_axe_failure_pass() -> None:
    by_hand = KnownProblem(rule="", criterion="1.4.13", page="/", what_da="x", what_en="x",
                           fixed_by=date(2027, 3, 1))
    assert allowed_axe_failures([by_hand]) == frozenset()
    assert undeclared({("color-contrast", "/")}, [by_hand]) == ({("color-contrast", "/")}, set())
    assert conformance([by_hand]) is Conformance.PARTIAL
