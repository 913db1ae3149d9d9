"""The walkthrough's pure rules: which step comes next, and which skipped steps Overblik lists as missing."""

from __future__ import annotations

from domain.onboarding.model import Answer, Step, Walkthrough, parse_answers


def test_the_next_step_is_the_first_unanswered_one_in_order() -> None:
    state = Walkthrough(True, {Step.PRIVACY: Answer.DONE, Step.CONSENTS: Answer.SKIPPED}, frozenset())
    assert state.current is Step.CONTACT


def test_an_inactive_walkthrough_has_no_step_even_when_steps_are_unanswered() -> None:
    assert Walkthrough(False, {}, frozenset()).current is None


def test_skipped_steps_are_open_until_done_in_fact_or_dismissed() -> None:
    answers = {Step.PRIVACY: Answer.SKIPPED, Step.CONTACT: Answer.SKIPPED, Step.CONSENTS: Answer.DISMISSED,
               Step.STAMKORT: Answer.SKIPPED, Step.NOTIFY: Answer.DONE}
    state = Walkthrough(True, answers, frozenset({Step.CONTACT}))
    assert state.open == [Step.PRIVACY, Step.STAMKORT]


def test_stored_answers_with_unknown_names_or_values_are_ignored() -> None:
    raw = {"privatliv": "done", "kontakt": "maybe", "galleri": "skipped", "stamkort": "skipped"}
    assert parse_answers(raw) == {Step.PRIVACY: Answer.DONE, Step.STAMKORT: Answer.SKIPPED}
