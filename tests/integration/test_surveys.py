"""Evaluation surveys through the services, on SQLite and PostgreSQL: create, who sees them, answer."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.identity.model import Role
from domain.rollout.model import Audience, SurveyAnswered
from domain.rollout.surveys import do_answer, do_create_survey, list_surveys, open_surveys_for
from persistence.audit import AuditEntry
from persistence.rollout import Survey, SurveyAnswer, SurveyParticipant, SurveyQuestion, SurveyResponse
from tests.conftest import TODAY
from tests.factory import build_world
from tests.survey_world import QUESTIONS, SCALE, TEXT, actor_for, draft, project_team, published, question_ids

# --- creating ---------------------------------------------------------------------------------------------------


async def test_the_project_team_creates_a_survey_with_its_institutions_and_questions(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.school.id, w.kindergarten.id]), utcnow())
    survey = await Survey.get(id=survey_id)
    assert survey.title == "Evaluering af Sammen" and survey.created_by_id == team.person_id
    assert survey.anonymous  # unless the team chooses names
    assert [q.text for q in await SurveyQuestion.filter(survey_id=survey_id).order_by("position")] == [
        text for _, text in QUESTIONS]
    [summary] = await list_surveys(team)
    assert (summary.id, summary.institutions, summary.questions, summary.responses) == (survey_id, 2, 3, 0)
    assert summary.anonymous


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
    assert response.institution_id == w.kindergarten.id
    stored = await SurveyAnswer.filter(response_id=response.id).order_by("question_id").values_list(
        "question_id", "value", "text")
    assert [tuple(r) for r in stored] == [(q1, 1, ""), (q2, 5, ""), (q3, None, "Flere billeder")]
    with pytest.raises(DomainError) as again:
        await do_answer(gitte, survey_id, {q1: 2, q2: 2}, utcnow())
    assert again.value.key == "survey.error.already_answered"
    assert await SurveyResponse.all().count() == 1 and await SurveyAnswer.all().count() == 3


async def test_an_anonymous_answer_is_stored_without_the_person_who_is_noted_apart(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, {q1: 4, q2: 4, q3: "Fint"}, utcnow())
    rows = await SurveyResponse.filter(survey_id=survey_id).values("respondent_id", "institution_id")
    assert rows == [{"respondent_id": None, "institution_id": w.kindergarten.id}]
    # Who answered is known (so nobody answers twice), but not which answer is theirs.
    assert await SurveyParticipant.filter(survey_id=survey_id).values_list("person_id", flat=True) == [w.guardian.id]
    assert "response_id" not in SurveyParticipant._meta.fields_map
    assert "response" not in SurveyParticipant._meta.fields_map


async def test_a_second_answer_to_an_anonymous_survey_is_refused(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w), utcnow())
    q1, q2, _ = await question_ids(survey_id)
    gitte = await actor_for(w.guardian, Role.PARENT)
    await do_answer(gitte, survey_id, {q1: 4, q2: 4}, utcnow())
    with published() as seen, pytest.raises(DomainError) as again:
        await do_answer(gitte, survey_id, {q1: 1, q2: 1}, utcnow())
    assert again.value.key == "survey.error.already_answered" and seen == []
    assert await SurveyResponse.all().count() == 1 and await SurveyParticipant.all().count() == 1
    assert await open_surveys_for(gitte, w.today) == []


async def test_a_named_survey_stores_the_respondent_with_the_answers(database: str) -> None:
    w = await build_world()
    survey_id = await do_create_survey(await project_team(w), draft(w, anonymous=False), utcnow())
    gitte = await actor_for(w.guardian, Role.PARENT)
    [open_one] = await open_surveys_for(gitte, w.today)
    assert not open_one.anonymous
    q1, q2, _ = await question_ids(survey_id)
    await do_answer(gitte, survey_id, {q1: 2, q2: 3}, utcnow())
    response = await SurveyResponse.get(survey_id=survey_id)
    assert (response.respondent_id, response.institution_id) == (w.guardian.id, w.kindergarten.id)
    with pytest.raises(DomainError) as again:
        await do_answer(gitte, survey_id, {q1: 2, q2: 3}, utcnow())
    assert again.value.key == "survey.error.already_answered"


@pytest.mark.parametrize(("bad", "key"), [
    (0, "survey.error.out_of_range"),
    (6, "survey.error.out_of_range"),
    (True, "survey.error.out_of_range"),
    ("4", "survey.error.value_expected"),
    (None, "survey.error.required"),
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
    assert await SurveyParticipant.all().count() == 1
