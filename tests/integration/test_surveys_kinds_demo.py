"""The demo's survey of every kind: sections, anchors, answers stored as the service stores them, locked."""

from __future__ import annotations

from datetime import UTC, datetime, time

from demo.seed import seed_demo
from demo.survey_kinds import ANCHORS, KINDS_SURVEY
from domain.identity.model import Role
from domain.identity.service import current_actor
from domain.rollout.model import QuestionKind
from domain.rollout.survey_summary import question_summaries
from domain.rollout.surveys import open_surveys_for
from persistence.rollout import Survey, SurveyAnswer, SurveyResponse, SurveySection
from tests.demo_support import TODAY, person_of


async def test_the_demo_has_an_open_survey_with_every_kind_in_sections_and_enough_answers_to_show(db: str) -> None:
    await seed_demo(today=TODAY, scale=0.1)
    survey = await Survey.get(title=KINDS_SURVEY)
    assert survey.anonymous and survey.locked and survey.anchors == ANCHORS and survey.closes_on > TODAY
    assert [s.title for s in await SurveySection.filter(survey=survey).order_by("position")] == [
        "Hverdagen", "Hjælp og anbefaling", "Til sidst"]
    summaries = await question_summaries(survey.id, anonymous=True, anchors=tuple(ANCHORS))
    assert {q.kind for q in summaries} == set(QuestionKind)
    responses = await SurveyResponse.filter(survey=survey).count()
    assert responses >= 20 and all(r is None for r in await SurveyResponse.filter(survey=survey).values_list(
        "respondent_id", flat=True))
    for q in summaries:
        assert not q.hidden, q.text
        if q.kind not in (QuestionKind.TEXT, QuestionKind.CHOICES):
            assert q.answered == responses and sum(b.count for b in q.buckets) == responses, q.text
    # Each value fits its kind, as the service would have checked it.
    by_kind = {q.id: q for q in summaries}
    for question_id, value in await SurveyAnswer.filter(response__survey=survey, value__isnull=False).values_list(
            "question_id", "value"):
        assert value in {b.value for b in by_kind[question_id].buckets}

    mette = await person_of("demo-foraelder")
    parent = await current_actor(mette.id, Role.PARENT.value, "2", now=datetime.combine(TODAY, time(12), tzinfo=UTC))
    [kinds] = [s for s in await open_surveys_for(parent, TODAY) if s.title == KINDS_SURVEY]
    assert [q.kind for q in kinds.questions] == [QuestionKind.SCALE, QuestionKind.CHOICE, QuestionKind.CHOICES,
                                                 QuestionKind.YES_NO, QuestionKind.ZERO_TEN, QuestionKind.TEXT]
    assert kinds.anchors == tuple(ANCHORS) and kinds.sections[0] == ("Hverdagen", "Tænk på den seneste måned.")
