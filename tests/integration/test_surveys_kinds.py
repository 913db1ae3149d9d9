"""Survey content through the services, on SQLite and PostgreSQL: six kinds of question, sections, anchors,
required questions, editing until the first answer, closing early and each question's summary."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.clock import today_local, utcnow
from domain.errors import AccessDenied, DomainError
from domain.identity.model import Role
from domain.rollout.model import QuestionKind
from domain.rollout.survey_edit import do_close_survey, do_update_survey, survey_for_edit
from domain.rollout.survey_questions import Item, QuestionDraft, SectionDraft
from domain.rollout.survey_summary import question_summaries
from domain.rollout.surveys import do_answer, do_create_survey, list_surveys, open_surveys_for
from persistence.rollout import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse, SurveySection
from tests.factory import build_world
from tests.querycount import count_queries
from tests.survey_world import actor_for, draft, more_guardians, project_team, published, question_ids

K = QuestionKind
SATISFIED = ("Meget utilfreds", "Utilfreds", "", "Tilfreds", "Meget tilfreds")
CONTENT: list[Item] = [
    SectionDraft("Om Sammen", "Tænk på den seneste måned."),
    QuestionDraft(K.SCALE, "Hvor tilfreds er du med Sammen?"),
    QuestionDraft(K.CHOICE, "Hvor bruger du Sammen mest?", ("Telefon", "Tablet", "Computer")),
    QuestionDraft(K.CHOICES, "Hvad bruger du?", ("Beskeder", "KommeGå", "Kalender"), required=False),
    SectionDraft("Til sidst"),
    QuestionDraft(K.YES_NO, "Har du fået hjælp, da du havde brug for det?"),
    QuestionDraft(K.ZERO_TEN, "Vil du anbefale Sammen?"),
    QuestionDraft(K.TEXT, "Hvad kan gøres bedre?", required=False),
]


async def _survey(w, **change):  # type: ignore[no-untyped-def]
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, questions=CONTENT, **change), utcnow())
    return team, survey_id, await question_ids(survey_id)


async def test_a_survey_keeps_its_sections_kinds_options_and_anchors_for_whoever_answers(database: str) -> None:
    w = await build_world()
    _, survey_id, ids = await _survey(w, anchors=SATISFIED)
    [open_one] = await open_surveys_for(await actor_for(w.guardian, Role.PARENT), w.today)
    assert open_one.anchors == SATISFIED
    assert open_one.sections == (("Om Sammen", "Tænk på den seneste måned."), ("Til sidst", ""))
    assert [(q.id, q.number, q.kind, q.section, q.required) for q in open_one.questions] == [
        (ids[0], 1, K.SCALE, 0, True), (ids[1], 2, K.CHOICE, 0, True), (ids[2], 3, K.CHOICES, 0, False),
        (ids[3], 4, K.YES_NO, 1, True), (ids[4], 5, K.ZERO_TEN, 1, True), (ids[5], 6, K.TEXT, 1, False)]
    assert open_one.questions[1].options == ("Telefon", "Tablet", "Computer")
    assert await SurveySection.filter(survey_id=survey_id).count() == 2


async def test_every_kind_is_stored_as_its_value_and_several_choices_as_one_row_each(database: str) -> None:
    w = await build_world()
    _, survey_id, (scale, one, many, yes_no, zero_ten, text) = await _survey(w)
    await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id,
                    {scale: 4, one: 2, many: [2, 0], yes_no: 0, zero_ten: 10, text: " Mere om maden "}, utcnow())
    rows = await SurveyAnswer.all().order_by("question_id", "value").values_list("question_id", "value", "text")
    assert [tuple(r) for r in rows] == [(scale, 4, ""), (one, 2, ""), (many, 0, ""), (many, 2, ""), (yes_no, 0, ""),
                                        (zero_ten, 10, ""), (text, None, "Mere om maden")]
    assert (await Survey.get(id=survey_id)).locked  # the first answer locks the questions


async def test_optional_questions_may_be_left_empty(database: str) -> None:
    w = await build_world()
    _, survey_id, (scale, one, many, yes_no, zero_ten, text) = await _survey(w)
    await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id,
                    {scale: 1, one: 0, many: [], yes_no: 1, zero_ten: 0, text: "  "}, utcnow())
    assert await SurveyAnswer.all().count() == 4


@pytest.mark.parametrize(("at", "bad", "key"), [
    (0, 6, "survey.error.out_of_range"),
    (0, None, "survey.error.required"),
    (1, 3, "survey.error.unknown_option"),
    (1, [0, 1], "survey.error.one_choice"),
    (1, "Telefon", "survey.error.value_expected"),
    (2, [0, 0], "survey.error.unknown_option"),
    (2, [7], "survey.error.unknown_option"),
    (3, 2, "survey.error.yes_no"),
    (3, True, "survey.error.yes_no"),
    (3, None, "survey.error.required"),
    (4, 11, "survey.error.out_of_range"),
    (4, -1, "survey.error.out_of_range"),
    (5, 3, "survey.error.text_expected"),
])
async def test_a_bad_answer_to_any_kind_is_refused_with_its_question_number_and_nothing_is_stored(
        database: str, at: int, bad: object, key: str) -> None:
    w = await build_world()
    _, survey_id, ids = await _survey(w)
    good: dict[int, object] = dict(zip(ids, (3, 0, [1], 1, 7, "fint"), strict=True))
    if bad is None:
        del good[ids[at]]
    else:
        good[ids[at]] = bad
    with published() as seen, pytest.raises(DomainError) as refused:
        await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, good, utcnow())  # type: ignore[arg-type]
    assert (refused.value.key, refused.value.params["n"]) == (key, at + 1)
    assert seen == []
    assert await SurveyResponse.all().count() == 0 and await SurveyAnswer.all().count() == 0
    assert not (await Survey.get(id=survey_id)).locked


@pytest.mark.parametrize(("content", "anchors", "key"), [
    ([QuestionDraft(K.CHOICE, "Hvilken?", ("Kun én",))], None, "survey.error.too_few_options"),
    ([QuestionDraft(K.CHOICES, "Hvilke?", ("A", "a"))], None, "survey.error.option_twice"),
    ([SectionDraft("Tomt"), SectionDraft("Fuldt"), QuestionDraft(K.YES_NO, "Ja?")], None,
     "survey.error.empty_section"),
    ([SectionDraft(" "), QuestionDraft(K.YES_NO, "Ja?")], None, "survey.error.section_required"),
    ([QuestionDraft(K.SCALE, "Godt?")], ("", "b", "c", "d", "e"), "survey.error.anchor_ends"),
    ([QuestionDraft(K.SCALE, "Godt?")], ("a", "b", "e"), "survey.error.anchors_count"),
])
async def test_a_draft_with_bad_options_sections_or_anchors_is_refused(database: str, content: list[Item],
                                                                       anchors: tuple[str, ...] | None,
                                                                       key: str) -> None:
    w = await build_world()
    change: dict[str, object] = {"questions": content}
    if anchors is not None:
        change["anchors"] = anchors
    with pytest.raises(DomainError) as refused:
        await do_create_survey(await project_team(w), draft(w, **change), utcnow())  # type: ignore[arg-type]
    assert refused.value.key == key
    assert await Survey.all().count() == 0 and await SurveyQuestion.all().count() == 0


# --- editing and closing ----------------------------------------------------------------------------------------


async def test_the_team_edits_content_order_anchors_title_and_date_until_the_first_answer(database: str) -> None:
    w = await build_world()
    team, survey_id, _ = await _survey(w)
    editable = await survey_for_edit(team, survey_id)
    assert not editable.locked and list(editable.draft.questions) == CONTENT
    moved: list[Item] = [CONTENT[5], CONTENT[4], QuestionDraft(K.CHOICE, "Hvor?", ("Hjemme", "Arbejde")),
                         CONTENT[0], CONTENT[1]]
    later = w.today + timedelta(days=30)
    changed = draft(w, title="Ny titel", questions=moved, closes_on=later, anchors=SATISFIED)
    with published() as seen:
        await do_update_survey(team, survey_id, changed, utcnow())
    assert [type(e).__name__ for e in seen] == ["SurveyChanged"]
    again = await survey_for_edit(team, survey_id)
    assert list(again.draft.questions) == moved
    assert (again.draft.title, again.draft.closes_on, again.draft.anchors) == ("Ny titel", later, SATISFIED)
    assert (await Survey.get(id=survey_id)).revision == 1

    ids = await question_ids(survey_id)
    await do_answer(await actor_for(w.guardian, Role.PARENT), survey_id, {ids[0]: 1, ids[1]: 0, ids[2]: 4}, utcnow())
    with pytest.raises(DomainError) as refused:
        await do_update_survey(team, survey_id, draft(w, title="For sent"), utcnow())
    assert refused.value.key == "survey.error.locked"
    assert (await Survey.get(id=survey_id)).title == "Ny titel" and await question_ids(survey_id) == ids
    assert (await survey_for_edit(team, survey_id)).locked
    [summary] = await list_surveys(team)
    assert summary.locked


async def test_a_parent_can_neither_edit_nor_close_a_survey(database: str) -> None:
    w = await build_world()
    _, survey_id, _ = await _survey(w)
    parent = await actor_for(w.guardian, Role.PARENT)
    with pytest.raises(AccessDenied):
        await do_update_survey(parent, survey_id, draft(w, title="Mit eget"), utcnow())
    with pytest.raises(AccessDenied):
        await do_close_survey(parent, survey_id, utcnow())
    survey = await Survey.get(id=survey_id)
    assert survey.title == "Evaluering af Sammen" and survey.closed_at is None


async def test_closing_early_stops_answers_from_today_and_says_when(database: str) -> None:
    w = await build_world()
    team, survey_id, ids = await _survey(w)
    now = utcnow()
    with published() as seen:
        await do_close_survey(team, survey_id, now)
    assert [type(e).__name__ for e in seen] == ["SurveyChanged"]
    gitte = await actor_for(w.guardian, Role.PARENT)
    assert await open_surveys_for(gitte, today_local(now)) == []
    with pytest.raises(DomainError) as refused:
        await do_answer(gitte, survey_id, dict(zip(ids, (3, 0, [1], 1, 7, ""), strict=True)), now)
    assert refused.value.key == "survey.error.closed"
    [summary] = await list_surveys(team)
    assert summary.closed_at is not None and not summary.is_open(today_local(now))
    with pytest.raises(DomainError) as twice:
        await do_close_survey(team, survey_id, now)
    assert twice.value.key == "survey.error.already_closed"


# --- each question's summary ------------------------------------------------------------------------------------


async def test_each_kind_is_summed_up_and_an_anonymous_survey_hides_questions_with_1_to_4_answers(
        database: str) -> None:
    w = await build_world()
    _, survey_id, (scale, one, many, yes_no, zero_ten, text) = await _survey(w)
    parents = [await actor_for(w.guardian, Role.PARENT), *await more_guardians(w, w.sibling, 5, "Bosfar")]
    # Six answer everything required; only four tick any of the several choices.
    given = [(5, 0, [0, 1], 1, 10, "Godt"), (4, 0, [0], 1, 9, ""), (4, 1, [1, 2], 0, 8, "Bedre kalender"),
             (2, 2, [0], 1, 3, ""), (3, 0, [], 1, 7, ""), (1, 1, [], 0, 0, "")]
    for who, (a, b, c, d, e, f) in zip(parents, given, strict=True):
        await do_answer(who, survey_id, {scale: a, one: b, many: c, yes_no: d, zero_ten: e, text: f}, utcnow())

    with count_queries() as statements:
        s = {q.id: q for q in await question_summaries(survey_id, anonymous=True)}
    assert len(statements) == 6

    assert (s[scale].answered, s[scale].average) == (6, pytest.approx(19 / 6))
    assert [(b.value, b.count) for b in s[scale].buckets] == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 1)]
    assert [(b.value, b.count, round(b.share, 3)) for b in s[one].buckets] == [
        (0, 3, 0.5), (1, 2, 0.333), (2, 1, 0.167)]
    assert s[one].options == ("Telefon", "Tablet", "Computer") and s[one].average is None
    assert s[many].hidden and s[many].answered is None and s[many].buckets == ()  # four answered: too few
    assert [(b.value, b.count) for b in s[yes_no].buckets] == [(1, 4), (0, 2)]
    assert s[zero_ten].average == pytest.approx(37 / 6) and len(s[zero_ten].buckets) == 11
    assert s[text].texts == ("Bedre kalender", "Godt")  # sorted, not in the order they came

    named = {q.id: q for q in await question_summaries(survey_id, anonymous=False)}
    assert [(b.value, b.count, b.share) for b in named[many].buckets] == [(0, 3, 0.75), (1, 2, 0.5), (2, 1, 0.25)]
    only_school = {q.id: q for q in await question_summaries(survey_id, anonymous=True,
                                                             institution_ids=[w.school.id])}
    assert only_school[scale].answered == 0 and only_school[scale].average is None  # nobody counts for the school
