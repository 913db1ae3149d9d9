"""Survey results by area and institution, free-text search and the CSV export, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from itertools import combinations

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.organisation.model import GroupKind, InstitutionKind
from domain.rollout.model import Area, QuestionKind
from domain.rollout.survey_cells import OTHER
from domain.rollout.survey_csv import results_csv
from domain.rollout.survey_groups import GroupBy, ResultFilter, grouped_results
from domain.rollout.survey_questions import QuestionDraft
from domain.rollout.surveys import do_answer, do_create_survey
from persistence.organisation import Group, Institution
from persistence.people import Enrolment
from persistence.rollout import Programme, Wave, WaveMember
from tests.factory import World, build_world, person
from tests.survey_world import draft, more_guardians, project_team, question_ids


async def bfo(w: World) -> tuple[Institution, list[Actor]]:
    """A BFO with one child whose three parents are asked."""
    m = await w.school.municipality
    place = await Institution.create(municipality=m, number="899001", name="Æblehaven BFO", kind=InstitutionKind.BFO)
    room = await Group.create(municipality=m, institution=place, name="Røde", kind=GroupKind.STUE)
    kid = await person(m, "Ditte", child=True, born=w.today - timedelta(days=8 * 365))
    await Enrolment.create(child=kid, institution=place, group=room, start=date(2024, 8, 1))
    return place, await more_guardians(w, kid, 3, "Dittesmor")


async def answered_survey(w: World, *, anonymous: bool) -> tuple[Actor, int, Institution]:
    """Six answers at the school, five at the kindergarten, three at a BFO."""
    team = await project_team(w)
    place, dittes = await bfo(w)
    survey_id = await do_create_survey(team, draft(w, institution_ids=[w.school.id, w.kindergarten.id, place.id],
                                                   anonymous=anonymous), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    school = await more_guardians(w, w.other_child, 6, "Carlsfar")
    kindergarten = await more_guardians(w, w.sibling, 5, "Bosmor")
    texts = {0: "Beskederne virker godt", 1: "Kalenderen mangler", 2: ""}
    for n, who in enumerate(school):
        await do_answer(who, survey_id, {q1: 5, q2: 4, q3: texts[n % 3]}, utcnow())
    for n, who in enumerate(kindergarten):
        await do_answer(who, survey_id, {q1: 3, q2: 2, q3: "Svært at finde beskeder" if n == 0 else ""}, utcnow())
    for who in dittes:
        await do_answer(who, survey_id, {q1: 1, q2: 1, q3: "Ditte er glad"}, utcnow())
    return team, survey_id, place


async def test_an_anonymous_survey_groups_by_institution_and_area_without_small_groups(database: str) -> None:
    w = await build_world()
    team, survey_id, place = await answered_survey(w, anonymous=True)

    r = await grouped_results(team, survey_id, ResultFilter())
    first = r.questions[0]
    assert r.responses == 14 and first.total is not None and first.total.respondents == 14
    # The BFO's 3 answers cannot stand alone, and 3 alone beside the total would give them away: the smallest
    # group that can (the kindergarten's 5) is pooled with them.
    assert [(g.key, g.figures.respondents if g.figures else None) for g in first.groups] == [
        (str(w.school.id), 6), (OTHER, 8)]
    assert first.groups[0].figures is not None and first.groups[0].figures.average == 5.0

    by_area = await grouped_results(team, survey_id, ResultFilter(group_by=GroupBy.AREA))
    assert [(g.key, g.figures.respondents if g.figures else None) for g in by_area.questions[0].groups] == [
        (Area.SKOLE.value, 6), (OTHER, 8)]

    # Choosing the kindergarten alone cannot split the pool: nothing is shown, and the page is told why.
    only_kg = await grouped_results(team, survey_id, ResultFilter(institution_ids=frozenset({w.kindergarten.id})))
    assert only_kg.questions[0].total is not None and only_kg.questions[0].total.respondents == 0
    assert only_kg.questions[0].groups == () and only_kg.left_out == ("Testhaven",)
    school_area = await grouped_results(team, survey_id, ResultFilter(areas=frozenset({Area.SKOLE})))
    assert school_area.responses == 6 and school_area.questions[0].total is not None
    assert school_area.questions[0].total.average == 5.0


async def test_no_two_filters_differ_by_one_to_four_answers(database: str) -> None:
    w = await build_world()
    team, survey_id, place = await answered_survey(w, anonymous=True)
    ids = [w.school.id, w.kindergarten.id, place.id]
    totals: dict[frozenset[int], list[int]] = {}
    for n in range(1, 4):
        for chosen in combinations(ids, n):
            r = await grouped_results(team, survey_id, ResultFilter(institution_ids=frozenset(chosen)))
            totals[frozenset(chosen)] = [q.total.respondents if q.total else 0 for q in r.questions]
            for q in r.questions:
                whole = q.total.respondents if q.total else 0
                # A group beside the total: neither it nor the rest may be 1-4 answers.
                assert all(g.figures is None or (g.figures.respondents >= 5 and whole - g.figures.respondents
                                                 in (0, *range(5, 100))) for g in q.groups)
    # A filter inside another: what the larger one adds is never 1-4 answers.
    for small, large in ((a, b) for a in totals for b in totals if a < b):
        assert all(y - x == 0 or y - x >= 5 for x, y in zip(totals[small], totals[large], strict=True))


async def test_a_named_survey_shows_every_institution_and_searches_its_texts(database: str) -> None:
    w = await build_world()
    team, survey_id, place = await answered_survey(w, anonymous=False)

    r = await grouped_results(team, survey_id, ResultFilter(search="BESKED"))
    assert [(g.label, g.figures.respondents if g.figures else None) for g in r.questions[0].groups] == [
        ("Testhaven", 5), ("Testskolen", 6), ("Æblehaven BFO", 3)]  # Danish order: Æ after T
    assert r.questions[2].texts == ("Beskederne virker godt", "Beskederne virker godt", "Svært at finde beskeder")
    bfo_only = await grouped_results(team, survey_id, ResultFilter(areas=frozenset({Area.BFO_KLUB})))
    assert bfo_only.responses == 3 and bfo_only.questions[2].texts == ("Ditte er glad",) * 3


async def test_anonymous_texts_are_searchable_only_in_groups_of_five(database: str) -> None:
    w = await build_world()
    team, survey_id, place = await answered_survey(w, anonymous=True)
    r = await grouped_results(team, survey_id, ResultFilter(search="ditte"))
    # Texts are counted per question: 4 at the school, 1 at the kindergarten and 3 at the BFO cannot stand alone,
    # so they are pooled (8 together) and shown as one group.
    texts = r.questions[2]
    assert texts.total is not None and texts.total.respondents == 8
    assert texts.texts == ("Ditte er glad",) * 3
    assert [g.key for g in texts.groups] == [OTHER]
    # A filter that would show the BFO's three texts alone shows none of them.
    bfo_only = await grouped_results(team, survey_id, ResultFilter(institution_ids=frozenset({place.id})))
    assert bfo_only.questions[2].texts == () and bfo_only.questions[2].left_out == ("Æblehaven BFO",)


async def test_the_csv_reads_back_in_danish_excel_form(database: str) -> None:
    w = await build_world()
    team, survey_id, place = await answered_survey(w, anonymous=True)
    r = await grouped_results(team, survey_id, ResultFilter(group_by=GroupBy.AREA))
    data = results_csv(r, date(2026, 12, 7))

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert header[:7] == ["Nr.", "Spørgsmål", "Type", "Gruppe", "Antal svar", "Gennemsnit", "Fordeling"]
    first = [row for row in body if row[0] == "1"]
    assert [row[3:7] for row in first] == [
        ["I alt", "14", "3,43", "1: 3 | 2: 0 | 3: 5 | 4: 0 | 5: 6"],
        ["Skole", "6", "5,00", "1: 0 | 2: 0 | 3: 0 | 4: 0 | 5: 6"],
        ["Institutioner med for få svar til at stå alene", "8", "2,25", "1: 3 | 2: 0 | 3: 5 | 4: 0 | 5: 0"]]
    assert {row[-2] for row in body} == {r.closes_on.strftime("%d-%m-%Y")} and {row[-1] for row in body} == {
        "07-12-2026"}
    texts = [row[7] for row in body if row[7]]
    assert sorted(texts) == sorted(["Beskederne virker godt"] * 2 + ["Kalenderen mangler"] * 2 +
                                   ["Svært at finde beskeder"] + ["Ditte er glad"] * 3)
    # No column can carry who answered: nothing in the file names a person who answered.
    assert not any("Carlsfar" in cell or "Bosmor" in cell for row in rows for cell in row)


async def test_results_by_wave_and_a_wave_filter(database: str) -> None:
    w = await build_world()
    team, survey_id, place = await answered_survey(w, anonymous=False)
    start, end = w.today - timedelta(days=60), w.today + timedelta(days=300)
    schools = await Programme.create(area="skole", name="Skoler", start=start, end=end)
    daycare = await Programme.create(area="dagtilbud", name="Dagtilbud", start=start, end=end)
    one = await Wave.create(programme=schools, name="Bølge 1", go_live=w.today)
    a = await Wave.create(programme=daycare, name="Bølge A", go_live=w.today + timedelta(days=7))
    await WaveMember.create(wave=one, programme=schools, institution=w.school)
    await WaveMember.create(wave=a, programme=daycare, institution=w.kindergarten)

    r = await grouped_results(team, survey_id, ResultFilter(group_by=GroupBy.WAVE))
    assert [wave for _, wave in r.waves] == [f"Bølge 1 ({w.today:%-d.%-m.%Y})",
                                             f"Bølge A ({w.today + timedelta(days=7):%-d.%-m.%Y})"]
    assert [(g.key, g.figures.respondents if g.figures else None) for g in r.questions[0].groups] == [
        (str(one.id), 6), (str(a.id), 5), ("none", 3)]
    only_one = await grouped_results(team, survey_id, ResultFilter(wave_ids=frozenset({one.id})))
    assert only_one.responses == 6 and only_one.questions[0].total is not None
    assert only_one.questions[0].total.average == 5.0


async def test_choice_and_yes_no_questions_are_summed_up_per_group_and_in_the_csv(database: str) -> None:
    w = await build_world()
    team = await project_team(w)
    questions = [QuestionDraft(QuestionKind.CHOICE, "Hvor læser du beskeder?", ("Telefon", "Computer")),
                 QuestionDraft(QuestionKind.YES_NO, "Får du beskeder nok?"),
                 QuestionDraft(QuestionKind.CHOICES, "Hvad bruger du?", ("Beskeder", "Kalender", "KommeGå"))]
    survey_id = await do_create_survey(team, draft(w, questions=questions, anonymous=False), utcnow())
    q1, q2, q3 = await question_ids(survey_id)
    for n, who in enumerate(await more_guardians(w, w.sibling, 3, "Bosmor")):
        await do_answer(who, survey_id, {q1: n % 2, q2: 1 if n else 0, q3: [0, 2] if n else [1]}, utcnow())

    r = await grouped_results(team, survey_id, ResultFilter(group_by=GroupBy.AREA))
    choice, yes_no, several = r.questions
    assert choice.summary is not None and [(b.value, b.count) for b in choice.summary.buckets] == [(0, 2), (1, 1)]
    assert yes_no.summary is not None and [(b.value, b.count) for b in yes_no.summary.buckets] == [(1, 2), (0, 1)]
    assert several.summary is not None and several.summary.answered == 3
    assert [(b.value, b.count) for b in several.summary.buckets] == [(0, 2), (1, 1), (2, 2)]

    rows = list(csv.reader(io.StringIO(results_csv(r, w.today).decode("utf-8-sig")), delimiter=";"))
    assert [row[3:7] for row in rows if row[0] == "1"] == [["I alt", "3", "", "Telefon: 2 | Computer: 1"],
                                                           ["Dagtilbud", "3", "", "Telefon: 2 | Computer: 1"]]
    assert [row[6] for row in rows if row[0] == "2"] == ["Ja: 2 | Nej: 1"] * 2
    assert [row[6] for row in rows if row[0] == "3"] == ["Beskeder: 2 | Kalender: 1 | KommeGå: 2"] * 2
