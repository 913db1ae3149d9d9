"""Survey results and the data export on SQLite and PostgreSQL: what an anonymous survey keeps to itself."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied
from domain.gdpr.export import build_export
from domain.identity.model import Role
from domain.rollout.model import Audience
from domain.rollout.surveys import do_answer, do_create_survey, list_surveys, results
from persistence.people import Custody
from tests.factory import build_world, person
from tests.survey_world import actor_for, draft, more_guardians, project_team, question_ids

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
