"""The steps of a guardian's first login and what is still open after it (stdlib only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    """One step of the walkthrough, in the order it is shown; the value is also the anchor used in links."""

    PRIVACY = "privatliv"
    CONTACT = "kontakt"
    CONSENTS = "samtykker"
    STAMKORT = "stamkort"
    NOTIFY = "besked"


class Answer(StrEnum):
    """What the guardian did with a step."""

    DONE = "done"
    SKIPPED = "skipped"
    DISMISSED = "dismissed"  # skipped, then taken off Overblik's list without doing it


@dataclass(frozen=True)
class Walkthrough:
    """A guardian's walkthrough: the answers so far, and the steps that are done by the facts (a saved phone...)."""

    active: bool  # the walkthrough is shown (a guardian who has not finished it since their first login)
    answers: Mapping[Step, Answer]
    completed: frozenset[Step]  # done in fact, wherever it was done

    @property
    def current(self) -> Step | None:
        """The first step not answered yet, or None when the walkthrough is through."""
        return next((s for s in Step if s not in self.answers), None) if self.active else None

    @property
    def open(self) -> list[Step]:
        """Skipped steps not done since and not dismissed: what Overblik lists as missing."""
        return [s for s in Step if self.answers.get(s) is Answer.SKIPPED and s not in self.completed]


def parse_answers(raw: Mapping[str, object]) -> dict[Step, Answer]:
    """The stored JSON, ignoring names an older or newer version may have left there."""
    steps = {s.value: s for s in Step}
    answers = {a.value: a for a in Answer}
    return {steps[k]: answers[str(v)] for k, v in raw.items() if k in steps and str(v) in answers}
