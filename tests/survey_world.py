"""Helpers for the survey tests: the project team, drafts, more guardians, published events, question ids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

from domain.clock import today_local
from domain.events import Event, bus
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.organisation.model import MunicipalRole
from domain.rollout.model import DEFAULT_ANCHORS, Audience, QuestionKind
from domain.rollout.survey_questions import Item
from domain.rollout.surveys import SurveyDraft
from persistence.people import Custody, MunicipalAssignment, Person
from persistence.queries import ints
from persistence.rollout import SurveyQuestion
from tests.factory import World, person

SCALE, TEXT = QuestionKind.SCALE, QuestionKind.TEXT
QUESTIONS = [(SCALE, "Er Sammen let at bruge?"), (SCALE, "Får du de beskeder, du skal?"), (TEXT, "Hvad mangler?")]


async def actor_for(p: Person, role: Role) -> Actor:
    """The person acting in one role today."""
    facts = await load_person_facts(p.id, today_local())
    assert facts is not None and role in facts.roles, (p.first_name, facts)
    return facts.actor(role, "2")


async def project_team(w: World) -> Actor:
    """Camilla from the project team."""
    camilla = await person(await w.school.municipality, "Camilla", subject="t-project")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    return await actor_for(camilla, Role.PROJECT_TEAM)


def draft(w: World, *, title: str = "Evaluering af Sammen", audience: Audience = Audience.GUARDIANS,
          closes_on: date | None = None, institution_ids: list[int] | None = None,
          questions: Sequence[Item] | None = None, anonymous: bool = True,
          anchors: tuple[str, ...] = DEFAULT_ANCHORS) -> SurveyDraft:
    """A valid draft unless told otherwise."""
    return SurveyDraft(title, audience, closes_on or w.today + timedelta(days=14),
                       [w.kindergarten.id] if institution_ids is None else institution_ids,
                       QUESTIONS if questions is None else questions, anonymous, anchors)


async def more_guardians(w: World, child: Person, n: int, name: str) -> list[Actor]:
    """n more parents with custody of one child, each acting as a parent."""
    m = await w.school.municipality
    parents = []
    for k in range(n):
        p = await person(m, f"{name}{k}", subject=f"t-{name.lower()}-{k}")
        await Custody.create(guardian=p, child=child, valid_from=child.birth_date)
        parents.append(await actor_for(p, Role.PARENT))
    return parents


@contextmanager
def published() -> Iterator[list[Event]]:
    """Collect the rollout events published inside the block."""
    seen: list[Event] = []
    sub = bus.subscribe("rollout", seen.append)
    try:
        yield seen
    finally:
        sub.cancel()


async def question_ids(survey_id: int) -> list[int]:
    """The survey's question ids in order."""
    return ints(await SurveyQuestion.filter(survey_id=survey_id).order_by("position").values_list("id", flat=True))
