"""A survey of every kind through the UI: the team writes it with a section and anchors, a parent answers each
control, required questions are marked, the team edits it until the first answer, closes it early, reads results."""

from __future__ import annotations

from typing import Any

from nicegui import ui
from nicegui.testing import User

from demo.survey_kinds import KINDS_SURVEY
from domain.rollout.model import QuestionKind
from persistence.organisation import Institution
from persistence.rollout import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse, SurveySection
from tests.ui.conftest import login

TITLE = "Hvad synes du om forældremødet?"
K = QuestionKind
# Row n of the dialog after the section was moved to the top: (kind label, question, options).
QUESTIONS = [("Skala 1–5", "Hvor tilfreds var du?", ""), ("Ét valg", "Hvordan deltog du?", "Fysisk\nOnline"),
             ("Flere valg", "Hvad var godt?", "Emnerne\nKaffen\nTiden"), ("Ja/nej", "Kommer du igen?", ""),
             ("Skala 0–10", "Hvor godt informeret er du nu?", ""), ("Fritekst", "Andet?", "")]


def only(user: User, marker: str) -> Any:
    """The one element with this marker."""
    [element] = user.find(marker=marker).elements
    return element


def set_value(user: User, marker: str, value: object) -> None:
    """Choose a value as a click on the control would."""
    element = only(user, marker)
    with user.client:  # type: ignore[union-attr]
        element.value = value


async def write_survey(user: User) -> Survey:
    """The project team writes a survey of every kind for Solsikken in the dialog."""
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning/evaluering")
    user.find(marker="new-survey").click()
    await user.should_see(marker="new-survey-dialog")
    user.find(marker="new-title").type(TITLE)
    user.find(marker="new-institutions").click()
    user.find("Solsikken").click()
    user.find(marker="anchors-satisfied").click()
    user.find(marker="add-section").click()
    user.find(marker="item-up-1").click()  # the section goes first; the first question now stands in it
    user.find(marker="section-title-0").type("Mødet")
    user.find(marker="section-intro-0").type("Om mødet den 3. december.")
    for n, (kind, text, options) in enumerate(QUESTIONS, start=1):
        if n > 1:
            user.find(marker="add-question").click()
        if kind != "Skala 1–5":
            user.find(marker=f"question-kind-{n}").click()
            user.find(kind).click()
        user.find(marker=f"question-text-{n}").type(text)
        if options:
            set_value(user, f"question-options-{n}", options)
    user.find(marker="create-survey").click()
    await user.should_see("Evalueringen er oprettet.")
    return await Survey.get(title=TITLE)


async def test_the_team_writes_every_kind_and_a_parent_answers_each_with_its_control(user: User) -> None:
    survey = await write_survey(user)
    assert survey.anchors[0] == "Meget utilfreds" and survey.anchors[-1] == "Meget tilfreds"
    [section] = await SurveySection.filter(survey_id=survey.id)
    assert (section.title, section.intro) == ("Mødet", "Om mødet den 3. december.")
    questions = await SurveyQuestion.filter(survey_id=survey.id).order_by("position")
    assert [(q.kind, q.text, q.options or [], q.required, q.section_id) for q in questions] == [
        (K.SCALE, "Hvor tilfreds var du?", [], True, section.id),
        (K.CHOICE, "Hvordan deltog du?", ["Fysisk", "Online"], True, section.id),
        (K.CHOICES, "Hvad var godt?", ["Emnerne", "Kaffen", "Tiden"], True, section.id),
        (K.YES_NO, "Kommer du igen?", [], True, section.id),
        (K.ZERO_TEN, "Hvor godt informeret er du nu?", [], True, section.id),
        (K.TEXT, "Andet?", [], False, section.id)]
    scale, one, many, yes_no, zero_ten, text = (q.id for q in questions)

    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    user.find(marker=f"answer-{survey.id}").click()
    await user.should_see("Dine svar er anonyme", marker="privacy-notice")
    await user.should_see("Mødet", marker="section-0")
    radio = only(user, f"scale-{scale}")
    assert isinstance(radio, ui.radio) and radio.options[1] == "1\nMeget utilfreds"
    assert list(only(user, f"zero-ten-{zero_ten}").options) == list(range(11))
    assert only(user, f"yes-no-{yes_no}").options == {1: "Ja", 0: "Nej"}
    set_value(user, f"scale-{scale}", 4)
    set_value(user, f"choices-{many}-2", True)
    user.find(marker="submit").click()
    # Three required questions left: each says so under itself, and nothing is stored.
    await user.should_see("3 spørgsmål mangler et svar. Intet er gemt.")
    for qid in (one, yes_no, zero_ten):
        await user.should_see("Dette spørgsmål skal besvares.", marker=f"missing-{qid}")
    await user.should_not_see(marker=f"missing-{scale}")
    assert await SurveyResponse.filter(survey_id=survey.id).count() == 0
    set_value(user, f"choice-{one}", 1)
    set_value(user, f"choices-{many}-0", True)
    set_value(user, f"yes-no-{yes_no}", 0)
    set_value(user, f"zero-ten-{zero_ten}", 9)
    user.find(marker="submit").click()
    await user.should_see("Tak for dit svar")
    stored = await SurveyAnswer.filter(response__survey_id=survey.id).order_by("question_id", "value").values_list(
        "question_id", "value", "text")
    assert [tuple(r) for r in stored] == [(scale, 4, ""), (one, 1, ""), (many, 0, ""), (many, 2, ""),
                                          (yes_no, 0, ""), (zero_ten, 9, "")]


async def test_the_team_edits_until_the_first_answer_then_sees_it_read_only_with_the_reason(user: User) -> None:
    survey = await write_survey(user)
    user.find(marker=f"edit-{survey.id}").click()
    await user.should_see("Rediger evaluering")
    set_value(user, "new-title", "Forældremødet i december")
    user.find(marker="create-survey").click()
    await user.should_see("Evalueringen er gemt.")
    await user.should_see("Forældremødet i december", marker=f"survey-{survey.id}")
    assert (await Survey.get(id=survey.id)).revision == 1

    await Survey.filter(id=survey.id).update(locked=True)  # as the first answer does
    await user.open("/udrulning/evaluering")
    await user.should_see("Se spørgsmål", marker=f"edit-{survey.id}")
    user.find(marker=f"edit-{survey.id}").click()
    await user.should_see("Evalueringen kan ikke længere redigeres", marker="locked-reason")
    await user.should_see("2. Hvordan deltog du? (Ét valg, skal besvares)")
    await user.should_not_see(marker="create-survey")


async def test_closing_early_asks_first_and_the_parent_no_longer_sees_it(user: User) -> None:
    survey = await write_survey(user)
    user.find(marker=f"close-{survey.id}").click()
    await user.should_see(f"Luk “{TITLE}” nu?")
    user.find(marker="confirm-close").click()
    await user.should_see("Evalueringen er lukket.")
    await user.should_see("Lukket før tid", marker=f"state-{survey.id}")
    await user.should_not_see(marker=f"close-{survey.id}")
    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    await user.should_not_see(TITLE)


async def test_the_results_of_the_demo_survey_show_each_kind(user: User) -> None:
    survey = await Survey.get(title=KINDS_SURVEY)
    ids = [q.id for q in await SurveyQuestion.filter(survey_id=survey.id).order_by("position")]
    await login(user, "demo-projektgruppe")
    await user.open(f"/udrulning/evaluering/{survey.id}")
    await user.should_see("Svar pr. spørgsmål", marker="per-question")
    await user.should_see("Gennemsnit", marker=f"summary-facts-{ids[0]}")
    for qid in ids[:5]:
        await user.should_see(marker=f"summary-table-{qid}")
    await user.should_see("Flere svar muligt", marker=f"summary-{ids[2]}")
    assert (await Institution.filter(name="Solsikken").count()) == 1


async def test_a_survey_without_scales_shows_no_averages_chart_but_each_question(user: User) -> None:
    from datetime import timedelta

    from domain.clock import today_local, utcnow
    from domain.rollout.model import Audience
    from domain.rollout.survey_questions import QuestionDraft
    from domain.rollout.surveys import SurveyDraft, do_answer, do_create_survey
    from tests.ui.test_surveys_ui import actor, solsikken_parents

    solsikken = await Institution.get(name="Solsikken")
    team = await actor("Camilla", "Berg", "project_team")
    survey_id = await do_create_survey(team, SurveyDraft(
        "Kom du til mødet?", Audience.GUARDIANS, today_local() + timedelta(days=7), [solsikken.id],
        [QuestionDraft(K.YES_NO, "Var du der?")]), utcnow())
    [question] = await SurveyQuestion.filter(survey_id=survey_id)
    for n, parent in enumerate(await solsikken_parents(5)):
        await do_answer(parent, survey_id, {question.id: n % 2}, utcnow())
    await login(user, "demo-projektgruppe")
    await user.open(f"/udrulning/evaluering/{survey_id}")
    await user.should_see("5 har svaret", marker=f"summary-facts-{question.id}")
    await user.should_see(marker=f"summary-table-{question.id}")
    await user.should_see(marker="weeks-chart")
    await user.should_not_see(marker="averages-chart")
