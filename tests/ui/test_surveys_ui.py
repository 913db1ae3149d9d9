"""Evaluation surveys through the UI: the project team creates one, a parent answers, results follow live."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.rollout.model import Audience, QuestionKind
from domain.rollout.surveys import SurveyDraft, do_answer, do_create_survey
from persistence.organisation import Institution
from persistence.people import Custody, Person
from persistence.queries import active_on, ints
from persistence.rollout import Survey, SurveyAnswer, SurveyParticipant, SurveyQuestion, SurveyResponse
from tests.ui.conftest import login

TITLE = "Hvordan går det med Sammen?"


async def actor(first: str, last: str, role: str) -> Actor:
    """A demo person acting in a role."""
    p = await Person.get(first_name=first, last_name=last)
    return await current_actor(p.id, role, "2", now=utcnow())


async def solsikken_survey(*, anonymous: bool = True) -> tuple[int, list[int]]:
    """A guardian survey for Solsikken made by the project team, with its question ids."""
    solsikken = await Institution.get(name="Solsikken")
    team = await actor("Camilla", "Berg", "project_team")
    survey_id = await do_create_survey(team, SurveyDraft(
        TITLE, Audience.GUARDIANS, today_local() + timedelta(days=7), [solsikken.id],
        [(QuestionKind.SCALE, "Er Sammen let at bruge?"), (QuestionKind.TEXT, "Hvad mangler du?")], anonymous),
        utcnow())
    ids = await SurveyQuestion.filter(survey_id=survey_id).order_by("position").values_list("id", flat=True)
    return survey_id, ints(ids)


async def start_survey_for_solsikken(user: User) -> None:
    """The project team opens a new survey for Solsikken with its title and first question typed."""
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning/evaluering")
    user.find(marker="new-survey").click()
    await user.should_see(marker="new-survey-dialog")
    user.find(marker="new-title").type(TITLE)
    user.find(marker="new-institutions").click()
    user.find("Solsikken").click()
    user.find(marker="question-text-0").type("Er Sammen let at bruge?")


async def test_the_project_team_creates_a_survey_and_a_parent_in_solsikken_answers_it(user: User) -> None:
    await start_survey_for_solsikken(user)
    await user.should_see("Evaluering og opfølgning")
    user.find(marker="add-question").click()
    user.find(marker="question-kind-1").click()
    user.find("Fritekst").click()
    user.find(marker="question-text-1").type("Hvad mangler du?")
    privacy = user.find(marker="new-privacy").elements.pop()
    assert isinstance(privacy, ui.radio) and privacy.value == "anonymous"  # anonymous unless chosen otherwise
    user.find(marker="create-survey").click()
    await user.should_see("Evalueringen er oprettet.")
    await user.should_see(TITLE)
    survey = await Survey.get(title=TITLE)
    assert survey.audience == Audience.GUARDIANS and survey.anonymous
    q1, q2 = await SurveyQuestion.filter(survey_id=survey.id).order_by("position")
    assert (q1.kind, q2.kind) == (QuestionKind.SCALE, QuestionKind.TEXT)

    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    await user.should_see(TITLE)
    user.find(marker=f"answer-{survey.id}").click()
    await user.should_see("Dit svar tæller for Solsikken.")
    await user.should_see("Dine svar er anonyme", marker="privacy-notice")
    user.find(marker="submit").click()
    await user.should_see("1 spørgsmål mangler et svar. Intet er gemt.")
    radio = user.find(marker=f"scale-{q1.id}").elements.pop()
    assert isinstance(radio, ui.radio)
    with user.client:  # type: ignore[union-attr]
        radio.value = 4
    user.find(marker=f"text-{q2.id}").type("Flere billeder fra hverdagen")
    user.find(marker="submit").click()
    await user.should_see("Tak for dit svar")
    response = await SurveyResponse.get(survey_id=survey.id)
    assert response.institution_id == (await Institution.get(name="Solsikken")).id
    assert response.respondent_id is None  # the answer names nobody
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    assert await SurveyParticipant.exists(survey_id=survey.id, person_id=mette.id)
    stored = await SurveyAnswer.filter(response_id=response.id).order_by("question_id").values_list("value", "text")
    assert [tuple(r) for r in stored] == [(4, ""), (None, "Flere billeder fra hverdagen")]
    await user.open("/evaluering")
    await user.should_not_see(TITLE)


async def test_a_named_survey_says_so_before_the_first_question_and_keeps_the_name(user: User) -> None:
    await start_survey_for_solsikken(user)
    privacy = user.find(marker="new-privacy").elements.pop()
    assert isinstance(privacy, ui.radio)
    with user.client:  # type: ignore[union-attr]
        privacy.value = "named"
    user.find(marker="create-survey").click()
    await user.should_see("Evalueringen er oprettet.")
    await user.should_see("Med navn", marker=f"survey-{(await Survey.get(title=TITLE)).id}")
    survey = await Survey.get(title=TITLE)
    assert not survey.anonymous
    [question] = await SurveyQuestion.filter(survey_id=survey.id)

    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    user.find(marker=f"answer-{survey.id}").click()
    await user.should_see("Dine svar gemmes med dit navn.", marker="privacy-notice")
    await user.should_not_see("Dine svar er anonyme")
    radio = user.find(marker=f"scale-{question.id}").elements.pop()
    assert isinstance(radio, ui.radio)
    with user.client:  # type: ignore[union-attr]
        radio.value = 3
    user.find(marker="submit").click()
    await user.should_see("Dine svar er gemt med dit navn.")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    assert (await SurveyResponse.get(survey_id=survey.id)).respondent_id == mette.id


async def test_a_value_outside_1_to_5_cannot_be_chosen_and_the_service_refuses_it(user: User) -> None:
    survey_id, (scale, _) = await solsikken_survey()
    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    user.find(marker=f"answer-{survey_id}").click()
    radio = user.find(marker=f"scale-{scale}").elements.pop()
    assert isinstance(radio, ui.radio) and list(radio.options) == [1, 2, 3, 4, 5]
    with user.client:  # type: ignore[union-attr]
        radio.value = 6
    assert radio.value is None  # the radio drops a value that is not one of its options
    user.find(marker="submit").click()
    await user.should_see("1 spørgsmål mangler et svar. Intet er gemt.")
    mette = await actor("Mette", "Kristensen", "parent")
    for bad in (0, 6):  # what a tampered client could send past the radio buttons
        with pytest.raises(DomainError) as refused:
            await do_answer(mette, survey_id, {scale: bad}, utcnow())
        assert refused.value.key == "survey.error.out_of_range"
    assert await SurveyResponse.filter(survey_id=survey_id).count() == 0


async def solsikken_parents(n: int) -> list[Actor]:
    """n parents with a child in Solsikken today, acting as parents."""
    solsikken = await Institution.get(name="Solsikken")
    today = today_local()
    ids = ints(await Custody.filter(active_on(today, "valid_from", "valid_to"),
                                    active_on(today, "child__enrolments__start", "child__enrolments__end"),
                                    child__enrolments__institution_id=solsikken.id, guardian__active=True)
               .distinct().order_by("guardian_id").values_list("guardian_id", flat=True))
    return [await current_actor(i, "parent", "2", now=utcnow()) for i in ids[:n]]


async def test_results_follow_answers_live_and_show_nothing_of_fewer_than_5(user: User) -> None:
    survey_id, (scale, text) = await solsikken_survey()
    await login(user, "demo-projektgruppe")
    await user.open(f"/udrulning/evaluering/{survey_id}")
    await user.should_see("0 svar")
    await user.should_see(marker="rates")
    await user.should_see("Anonym evaluering", marker="privacy-rule")
    first, *others = await solsikken_parents(5)
    await do_answer(first, survey_id, {scale: 5, text: "Nemt at bruge"}, utcnow())
    for parent in others[:3]:
        await do_answer(parent, survey_id, {scale: 3}, utcnow())
    await user.should_see("Færre end 5 svar – vises ikke", marker="too-few")
    await user.should_not_see("Nemt at bruge")
    await user.should_not_see(marker="averages-chart")
    await do_answer(others[3], survey_id, {scale: 4}, utcnow())
    await user.should_see("Nemt at bruge")
    await user.should_not_see("Færre end 5 svar")
    await user.should_see("5 svar")
    await user.should_see(marker="averages-chart")
    await user.should_see(marker="weeks-chart")
    first_name = (await Person.get(id=first.person_id)).first_name
    await user.should_not_see(first_name)


async def test_a_parent_cannot_open_the_project_teams_survey_pages(user: User) -> None:
    await login(user, "demo-foraelder")
    assert (await user.http_client.get("/udrulning/evaluering")).headers["location"] == "/overblik"


async def test_a_new_survey_appears_on_an_open_answer_page_without_reload(user: User) -> None:
    from datetime import timedelta

    from domain.clock import today_local, utcnow
    from domain.identity.service import current_actor
    from domain.rollout.model import Audience, QuestionKind
    from domain.rollout.surveys import SurveyDraft, do_create_survey
    from persistence.organisation import Institution
    from persistence.people import Person

    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    await user.should_not_see("Hvordan gik forældremødet?")
    camilla = await Person.get(first_name="Camilla", last_name="Berg")
    team = await current_actor(camilla.id, "project_team", "2", now=utcnow())
    solsikken = await Institution.get(name="Solsikken")
    await do_create_survey(team, SurveyDraft("Hvordan gik forældremødet?", Audience.GUARDIANS,
                                             today_local() + timedelta(days=7), [solsikken.id],
                                             [(QuestionKind.SCALE, "Fik du svar på dine spørgsmål?")]), utcnow())
    await user.should_see("Hvordan gik forældremødet?")
