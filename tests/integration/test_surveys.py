"""Evaluation surveys through the services, on SQLite and PostgreSQL: create, who sees them, answer, results."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest

from domain.clock import today_local, utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.organisation.model import MunicipalRole
from domain.rollout.model import Audience, QuestionKind, SurveyAnswered
from domain.rollout.surveys import (
    SurveyDraft,
    do_answer,
    do_create_survey,
    list_surveys,
    open_surveys_for,
    results,
)
from persistence.audit import AuditEntry
from persistence.people import Custody, MunicipalAssignment, Person
from persistence.queries import ints
from persistence.rollout import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from tests.conftest import TODAY
from tests.factory import World, build_world, person

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
          questions: list[tuple[QuestionKind, str]] | None = None) -> SurveyDraft:
    """A valid draft unless told otherwise."""
    return SurveyDraft(title, audience, closes_on or w.today + timedelta(days=14),
                       [w.kindergarten.id] if institution_ids is None else institution_ids,
                       QUESTIONS if questions is None else questions)


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


# --- creating ---------------------------------------------------------------------------------------------------


async def test_the_project_team_creates_a_survey_with_its_institutions_and_questions(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.school.id, w.kindergarten.id]), utcnow())
    survey = await Survey.get(id=survey_id)
    assert survey.title == "Evaluering af Sammen" and survey.created_by_id == team.person_id
    assert [q.text for q in await SurveyQuestion.filter(survey_id=survey_id).order_by("position")] == [
        text for _, text in QUESTIONS]
    [summary] = await list_surveys(team)
    assert (summary.id, summary.institutions, summary.questions, summary.responses) == (survey_id, 2, 3, 0)


async def test_a_parent_cannot_create_a_survey_and_the_refusal_is_audited(database: str) -> None:
    w = await build_world()
    parent = await actor_for(w.guardian, Role.PARENT)
    with pytest.raises(AccessDenied):
        await do_create_survey(parent, draft(w), utcnow())
    assert await Survey.all().count() == 0
    assert await AuditEntry.filter(action="edit_rollout", outcome="refused", actor_person_id=w.guardian.id).count() == 1


@pytest.mark.parametrize(("change", "key"), [
    ({"title": "   "}, "survey.error.title_required"),
    ({"title": "x" * 161}, "survey.error.title_too_long"),
    ({"questions": []}, "survey.error.no_questions"),
    ({"questions": [(SCALE, " ")]}, "survey.error.question_required"),
    ({"questions": [(TEXT, "x" * 301)]}, "survey.error.question_too_long"),
    ({"closes_on": TODAY - timedelta(days=1)}, "survey.error.closes_in_past"),
    ({"institution_ids": []}, "survey.error.no_institutions"),
    ({"institution_ids": [987654]}, "survey.error.unknown_institution"),
])
async def test_a_bad_draft_is_refused_with_the_reason_and_nothing_is_stored(
        database: str, change: dict[str, object], key: str) -> None:
    w = await build_world()
    team = await project_team(w)
    with pytest.raises(DomainError) as refused:
        await do_create_survey(team, draft(w, **change), utcnow())  # type: ignore[arg-type]
    assert refused.value.key == key
    assert await Survey.all().count() == 0 and await SurveyQuestion.all().count() == 0


# --- who a survey is for ----------------------------------------------------------------------------------------


async def test_a_guardian_survey_is_open_to_guardians_of_children_enrolled_there_only(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.kindergarten.id, w.school.id]), utcnow())
    [mine] = await open_surveys_for(await actor_for(w.guardian, Role.PARENT), w.today)
    # Gitte has a child in each; her answer counts for the first institution the survey lists.
    assert (mine.id, mine.institution_id, mine.institution_name) == (survey_id, w.kindergarten.id, "Testhaven")
    assert [q.kind for q in mine.questions] == [SCALE, SCALE, TEXT]
    [olgas] = await open_surveys_for(await actor_for(w.other_guardian, Role.PARENT), w.today)
    assert olgas.institution_id == w.school.id
    assert await open_surveys_for(await actor_for(w.teacher, Role.STAFF), w.today) == []
    assert await open_surveys_for(await actor_for(w.ppr, Role.PPR), w.today) == []


async def test_a_staff_survey_is_open_to_staff_employed_there_only(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, audience=Audience.STAFF, institution_ids=[w.school.id]),
                                       utcnow())
    assert [s.id for s in await open_surveys_for(await actor_for(w.teacher, Role.STAFF), w.today)] == [survey_id]
    assert await open_surveys_for(await actor_for(w.leader, Role.LEADER), w.today) == []
    assert await open_surveys_for(await actor_for(w.guardian, Role.PARENT), w.today) == []
    assert await open_surveys_for(team, w.today) == []


async def test_closed_and_answered_surveys_are_no_longer_open(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, closes_on=w.today), utcnow())
    gitte = await actor_for(w.guardian, Role.PARENT)
    assert len(await open_surveys_for(gitte, w.today)) == 1
    assert await open_surveys_for(gitte, w.today + timedelta(days=1)) == []
    q1, q2, _ = await question_ids(survey_id)
    await do_answer(gitte, survey_id, {q1: 3, q2: 4}, utcnow())
    assert await open_surveys_for(gitte, w.today) == []


# --- answering --------------------------------------------------------------------------------------------------


async def test_a_guardian_answers_once_in_one_transaction_and_the_answer_is_published(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    gitte = await actor_for(w.guardian, Role.PARENT)
    q1, q2, q3 = await question_ids(survey_id)
    with published() as seen:
        await do_answer(gitte, survey_id, {q1: 1, q2: 5, q3: "  Flere billeder  "}, utcnow())
    assert seen == [SurveyAnswered(survey_id, w.kindergarten.id)]
    response = await SurveyResponse.get(survey_id=survey_id)
    assert (response.respondent_id, response.institution_id) == (w.guardian.id, w.kindergarten.id)
    stored = await SurveyAnswer.filter(response_id=response.id).order_by("question_id").values_list(
        "question_id", "value", "text")
    assert [tuple(r) for r in stored] == [(q1, 1, ""), (q2, 5, ""), (q3, None, "Flere billeder")]
    with pytest.raises(DomainError) as again:
        await do_answer(gitte, survey_id, {q1: 2, q2: 2}, utcnow())
    assert again.value.key == "survey.error.already_answered"
    assert await SurveyResponse.all().count() == 1 and await SurveyAnswer.all().count() == 3


@pytest.mark.parametrize(("bad", "key"), [
    (0, "survey.error.out_of_range"),
    (6, "survey.error.out_of_range"),
    (True, "survey.error.out_of_range"),
    ("4", "survey.error.out_of_range"),
    (None, "survey.error.answer_all"),
])
async def test_a_scale_answer_outside_1_to_5_is_refused_and_nothing_is_stored(
        database: str, bad: object, key: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    answers: dict[int, object] = {q1: 3, q3: "fint"} if bad is None else {q1: 3, q2: bad, q3: "fint"}
    with published() as seen, pytest.raises(DomainError) as refused:
        await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, answers, utcnow())  # type: ignore[arg-type]
    assert refused.value.key == key
    assert seen == []
    assert await SurveyResponse.all().count() == 0 and await SurveyAnswer.all().count() == 0


@pytest.mark.parametrize(("extra", "key"), [
    ({"text": "x" * 2001}, "survey.error.text_too_long"),
    ({"unknown": 3}, "survey.error.unknown_question"),
])
async def test_a_too_long_text_or_an_unknown_question_is_refused(database: str, extra: dict[str, object],
                                                                 key: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    answers: dict[int, object] = {q1: 3, q2: 3}
    answers[q3 if "text" in extra else 987654] = next(iter(extra.values()))
    with pytest.raises(DomainError) as refused:
        await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, answers, utcnow())  # type: ignore[arg-type]
    assert refused.value.key == key
    assert await SurveyResponse.all().count() == 0


async def test_someone_the_survey_is_not_for_is_refused_and_the_attempt_audited(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    q1, q2, _ = await question_ids(survey_id)
    for outsider, role in ((w.other_guardian, Role.PARENT), (w.teacher, Role.STAFF)):
        with pytest.raises(AccessDenied):
            await do_answer(await actor_for(outsider, role), survey_id, {q1: 3, q2: 3}, utcnow())
    assert await SurveyResponse.all().count() == 0
    assert await AuditEntry.filter(action="answer_survey", outcome="refused").count() == 2


async def test_a_closed_survey_takes_no_more_answers(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w, closes_on=w.today), utcnow())
    q1, q2, _ = await question_ids(survey_id)
    with pytest.raises(DomainError) as refused:
        await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, {q1: 3, q2: 3},
                        utcnow() + timedelta(days=2))
    assert refused.value.key == "survey.error.closed"


async def test_two_answers_at_once_store_one(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    q1, q2, _ = await question_ids(survey_id)
    gitte = await actor_for(w.guardian, Role.PARENT)
    outcomes = await asyncio.gather(*(do_answer(gitte, survey_id, {q1: v, q2: v}, utcnow()) for v in (2, 4)),
                                    return_exceptions=True)
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], DomainError)
    assert refused[0].key == "survey.error.already_answered"
    assert await SurveyResponse.all().count() == 1 and await SurveyAnswer.all().count() == 2


# --- results ----------------------------------------------------------------------------------------------------


async def test_results_give_averages_counts_rates_weeks_and_anonymous_texts(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.school.id, w.kindergarten.id]),
                                       utcnow() - timedelta(days=10))
    hanne = await person(await w.school.municipality, "Hanne", subject="t-hanne")
    await Custody.create(guardian=hanne, child=w.sibling, valid_from=w.sibling.birth_date)
    q1, q2, q3 = await question_ids(survey_id)
    now = utcnow()
    # Gitte and Olga count for the school (listed first), Hanne for the kindergarten; a week apart.
    await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, {q1: 4, q2: 2, q3: "Godt"},
                    now - timedelta(days=7))
    await do_answer(await actor_for(w.other_guardian, Role.PARENT), survey_id, {q1: 2, q2: 5, q3: ""},
                    now - timedelta(days=7))
    await do_answer(await actor_for(hanne, Role.PARENT), survey_id, {q1: 5, q2: 3, q3: "Mere info"}, now)

    r = await results(team, survey_id)

    assert r.responses == 3
    assert [(i.institution_id, i.responses, i.invited, i.rate) for i in r.institutions] == [
        (w.school.id, 2, 2, 1.0), (w.kindergarten.id, 1, 2, 0.5)]
    first, second, text = r.questions
    assert [(f.institution_id, f.average, f.count) for f in first.by_institution] == [
        (w.school.id, 3.0, 2), (w.kindergarten.id, 5.0, 1)]
    assert first.count == 3 and first.average == pytest.approx(11 / 3)
    assert [(f.institution_id, f.average, f.count) for f in second.by_institution] == [
        (w.school.id, 3.5, 2), (w.kindergarten.id, 3.0, 1)]
    assert text.texts == ("Godt", "Mere info") and text.by_institution == ()
    assert [wk.responses for wk in r.weeks] == [2, 1]
    assert r.weeks[1].monday - r.weeks[0].monday == timedelta(weeks=1)
    assert (r.weeks[1].year, r.weeks[1].week) == tuple(r.weeks[1].monday.isocalendar()[:2])
    [summary] = await list_surveys(team)
    assert summary.responses == 3


async def test_a_staff_survey_is_measured_against_the_staff_employed_there(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, audience=Audience.STAFF,
                                                   institution_ids=[w.school.id, w.kindergarten.id]), utcnow())
    q1, q2, _ = await question_ids(survey_id)
    await do_answer(await actor_for(w.teacher, Role.STAFF), survey_id, {q1: 5, q2: 4}, utcnow())
    r = await results(team, survey_id)
    assert [(i.responses, i.invited) for i in r.institutions] == [(1, 1), (0, 1)]
    assert [wk.responses for wk in r.weeks] == [1]


async def test_only_the_project_team_sees_results(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    with pytest.raises(AccessDenied):
        await results(await actor_for(w.guardian, Role.PARENT), survey_id)
    with pytest.raises(AccessDenied):
        await list_surveys(await actor_for(w.leader, Role.LEADER))
    assert (await results(await actor_for(w.admin, Role.ADMIN), survey_id)).responses == 0
