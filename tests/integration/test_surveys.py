"""Evaluation surveys through the services, on SQLite and PostgreSQL: create, who sees them, answer, results, and
what an anonymous survey keeps to itself."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest

from domain.clock import today_local, utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.gdpr.export import build_export
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
from persistence.rollout import Survey, SurveyAnswer, SurveyParticipant, SurveyQuestion, SurveyResponse
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
          questions: list[tuple[QuestionKind, str]] | None = None, anonymous: bool = True) -> SurveyDraft:
    """A valid draft unless told otherwise."""
    return SurveyDraft(title, audience, closes_on or w.today + timedelta(days=14),
                       [w.kindergarten.id] if institution_ids is None else institution_ids,
                       QUESTIONS if questions is None else questions, anonymous)


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
    assert await SurveyParticipant.all().count() == 1


# --- results ----------------------------------------------------------------------------------------------------


async def test_results_give_averages_counts_rates_weeks_and_anonymous_texts(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.school.id, w.kindergarten.id]),
                                       utcnow() - timedelta(days=10))
    hanne = await person(await w.school.municipality, "Hanne", subject="t-hanne")
    await Custody.create(guardian=hanne, child=w.sibling, valid_from=w.sibling.birth_date)
    carls, bos = await more_guardians(w, w.other_child, 3, "Carlsmor"), await more_guardians(w, w.sibling, 4, "Bosfar")
    q1, q2, q3 = await question_ids(survey_id)
    now = utcnow()
    # Gitte, Olga and Carl's three count for the school (listed first), a week ago; Hanne and Bo's four for the
    # kindergarten, today: five answers in each group, so an anonymous survey shows them all.
    school = [(await actor_for(w.guardian, Role.PARENT), 4, 2, "Godt"),
              (await actor_for(w.other_guardian, Role.PARENT), 2, 5, ""),
              *((carl, 3, v, "") for carl, v in zip(carls, (3, 4, 3), strict=True))]
    kindergarten = [(await actor_for(hanne, Role.PARENT), 5, 3, "Mere info"),
                    *((bo, v, 3, "") for bo, v in zip(bos, (5, 4, 5, 4), strict=True))]
    for who, v1, v2, text in school:
        await do_answer(who, survey_id, {q1: v1, q2: v2, q3: text}, now - timedelta(days=7))
    for who, v1, v2, text in kindergarten:
        await do_answer(who, survey_id, {q1: v1, q2: v2, q3: text}, now)

    r = await results(team, survey_id)

    assert (r.responses, r.anonymous) == (10, True)
    # Gitte is asked at both (Bo in the kindergarten); Carl's and Bo's extra parents at one each.
    assert [(i.institution_id, i.responses, i.invited, i.rate) for i in r.institutions] == [
        (w.school.id, 5, 5, 1.0), (w.kindergarten.id, 5, 6, 5 / 6)]
    first, second, text = r.questions
    assert [(f.institution_id, f.average, f.count) for f in first.by_institution] == [
        (w.school.id, 3.0, 5), (w.kindergarten.id, 4.6, 5)]
    assert first.count == 10 and first.average == pytest.approx(3.8)
    assert [(f.institution_id, f.average, f.count) for f in second.by_institution] == [
        (w.school.id, 3.4, 5), (w.kindergarten.id, 3.0, 5)]
    assert first.hidden_institutions == second.hidden_institutions == ()
    assert text.texts == ("Godt", "Mere info") and text.by_institution == ()
    assert [wk.responses for wk in r.weeks] == [5, 5]
    assert r.weeks[1].monday - r.weeks[0].monday == timedelta(weeks=1)
    assert (r.weeks[1].year, r.weeks[1].week) == tuple(r.weeks[1].monday.isocalendar()[:2])
    [summary] = await list_surveys(team)
    assert summary.responses == 10


async def test_an_anonymous_survey_hides_a_group_of_4_answers_and_shows_one_of_5(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    first, *others = await more_guardians(w, w.sibling, 5, "Bosmor")
    for n, parent in enumerate(others):
        await do_answer(parent, survey_id, {q1: 1 + n, q2: 2, q3: f"Tekst {n}"}, utcnow())

    r = await results(team, survey_id)
    assert r.responses is None
    [rate] = r.institutions
    assert (rate.responses, rate.rate, rate.invited) == (None, None, 6)  # Gitte and five new parents asked
    scale, _, text = r.questions
    assert (scale.count, scale.average, scale.by_institution) == (None, None, ())
    assert scale.hidden_institutions == (w.kindergarten.id,)
    assert text.texts == ()
    assert [wk.responses for wk in r.weeks] == [None]
    assert [s.responses for s in await list_surveys(team)] == [None]

    await do_answer(first, survey_id, {q1: 5, q2: 2, q3: "Tekst 4"}, utcnow())
    r = await results(team, survey_id)
    assert r.responses == 5 and r.institutions[0].responses == 5
    scale, _, text = r.questions
    assert (scale.count, scale.average) == (5, 3.0)
    assert [(f.institution_id, f.average, f.count) for f in scale.by_institution] == [(w.kindergarten.id, 3.0, 5)]
    assert text.texts == tuple(f"Tekst {n}" for n in range(5))
    assert [wk.responses for wk in r.weeks] == [5]
    assert [s.responses for s in await list_surveys(team)] == [5]


async def test_a_shown_group_that_would_give_a_small_one_away_by_subtraction_is_hidden_too(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.school.id, w.kindergarten.id]), utcnow())
    q1, q2, _ = await question_ids(survey_id)
    for parent in await more_guardians(w, w.other_child, 5, "Carlsfar"):
        await do_answer(parent, survey_id, {q1: 4, q2: 4}, utcnow())
    for parent in await more_guardians(w, w.sibling, 2, "Bosmor"):
        await do_answer(parent, survey_id, {q1: 1, q2: 1}, utcnow())
    r = await results(team, survey_id)
    # All seven are shown together; the school's average beside them would give the two away.
    assert r.responses == 7 and [i.responses for i in r.institutions] == [5, None]
    scale = r.questions[0]
    assert (scale.count, scale.average) == (7, pytest.approx(22 / 7))
    assert scale.by_institution == ()
    assert sorted(scale.hidden_institutions) == sorted([w.school.id, w.kindergarten.id])


async def test_a_named_survey_shows_even_a_single_answer(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, anonymous=False), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, {q1: 2, q2: 4, q3: "Med navn"}, utcnow())
    r = await results(team, survey_id)
    assert (r.anonymous, r.responses, r.questions[0].average, r.questions[2].texts) == (False, 1, 2.0, ("Med navn",))


async def test_a_staff_survey_is_measured_against_the_staff_employed_there(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    # Named, so one answer shows: the point here is whom each institution asked.
    survey_id = await do_create_survey(team, draft(w, audience=Audience.STAFF, anonymous=False,
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


# --- the data export --------------------------------------------------------------------------------------------


async def test_the_parents_export_says_she_answered_an_anonymous_survey_but_holds_none_of_its_answers(
        database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    anonymous = await do_create_survey(team, draft(w, title="Anonym evaluering"), utcnow())
    named = await do_create_survey(team, draft(w, title="Evaluering med navn", anonymous=False), utcnow())
    gitte = await actor_for(w.guardian, Role.PARENT)
    q1, q2, q3 = await question_ids(anonymous)
    await do_answer(gitte, anonymous, {q1: 1, q2: 2, q3: "Hemmelig ros af stuen"}, utcnow())
    n1, n2, n3 = await question_ids(named)
    await do_answer(gitte, named, {n1: 5, n2: 4, n3: "Ros med navn"}, utcnow())

    body = await build_export(await actor_for(w.admin, Role.ADMIN), w.guardian.id, now=utcnow())

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert not any("Hemmelig ros af stuen" in text for text in texts.values())
    first, second = json.loads(texts["surveys.json"])
    assert first == {"survey": "Anonym evaluering", "anonymous": True, "note": first["note"]}
    assert "uden dit navn" in first["note"]
    assert (second["survey"], second["anonymous"]) == ("Evaluering med navn", False)
    assert [(a["value"], a["text"]) for a in second["answers"]] == [(5, ""), (4, ""), (None, "Ros med navn")]
