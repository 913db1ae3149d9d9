"""The rollout, survey and widget parts of the demo municipality."""

from __future__ import annotations

from datetime import date, timedelta

from demo.seed import seed_demo
from demo.users import DEMO_USERS
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind
from domain.rollout.adoption import compute
from domain.rollout.model import (
    AREA_OF_KIND,
    Area,
    Audience,
    MilestoneStatus,
    ObservedKey,
    Phase,
    QuestionKind,
    SpanKind,
    Track,
    effective_status,
)
from persistence.identity import LoginRecord, UserAccount
from persistence.organisation import Institution
from persistence.people import Custody, Employment
from persistence.rollout import (
    AdoptionSnapshot,
    ChecklistEntry,
    ChecklistItem,
    ChecklistTick,
    Milestone,
    Programme,
    Span,
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
)
from tests.demo_support import TODAY, children_of, current_enrolments, person_of


async def spans_of(programme: Programme) -> dict[tuple[SpanKind, str], list[Span]]:
    """A programme's spans by (kind, key), each list in date order."""
    out: dict[tuple[SpanKind, str], list[Span]] = {}
    for span in await Span.filter(programme=programme).order_by("start"):
        out.setdefault((SpanKind(span.kind), span.key), []).append(span)
    return out


def dates(spans: list[Span]) -> list[tuple[date, date]]:
    """The (start, end) of each span."""
    return [(span.start, span.end) for span in spans]


async def test_deck_programmes_keep_the_deck_dates(db):
    # A month range in the deck ("feb. 2019 - okt. 2020") is stored from the first day of the first month to
    # the last day of the last month; "sommer 2021" is June-August; "uge 44 2020" is that ISO week's Monday.
    await seed_demo(today=TODAY, scale=0.1)
    daycare = await Programme.get(name="Projektplan for dagtilbud")
    bfo = await Programme.get(name="Projektplan for BFO og klub")
    assert (daycare.area, bfo.area) == (Area.DAGTILBUD, Area.BFO_KLUB)
    assert (daycare.start, bfo.start) == (date(2019, 2, 1), date(2019, 2, 1))
    d, b = await spans_of(daycare), await spans_of(bfo)
    it = (SpanKind.TRACK, Track.IT_DATA.value)
    assert dates(d[it]) == dates(b[it]) == [(date(2019, 2, 1), date(2020, 10, 31))]
    assert dates(d[(SpanKind.TRACK, Track.ANVENDELSESSTRATEGI.value)]) == [(date(2020, 8, 1), date(2020, 11, 30))]
    assert dates(b[(SpanKind.TRACK, Track.ANVENDELSESSTRATEGI.value)]) == [
        (date(2020, 8, 1), date(2020, 9, 30)), (date(2021, 6, 1), date(2021, 8, 31))]
    assert dates(d[(SpanKind.TRACK, Track.KURSER_INFO.value)]) == [
        (date(2020, 9, 1), date(2020, 11, 30)), (date(2021, 1, 1), date(2021, 3, 31))]
    assert dates(d[(SpanKind.TRACK, Track.SUPPORT.value)]) == [(date(2021, 1, 1), date(2021, 5, 31))]
    assert dates(d[(SpanKind.PHASE, Phase.UDRULNING.value)]) == [(date(2020, 9, 8), date(2020, 11, 20))]
    assert dates(b[(SpanKind.PHASE, Phase.UDRULNING.value)]) == [(date(2020, 9, 8), date(2020, 12, 31))]
    assert dates(d[(SpanKind.PHASE, Phase.TILPASNING_DRIFT.value)]) == [(date(2021, 1, 1), date(2021, 4, 30))]
    assert dates(b[(SpanKind.PHASE, Phase.TILPASNING_DRIFT.value)]) == [(date(2021, 6, 1), date(2021, 8, 31))]
    assert {key for _, key in d} >= {phase.value for phase in Phase}
    assert {key for _, key in b} >= {phase.value for phase in Phase}
    ddl = await Milestone.get(title="Anvendelsesbeslutning DDL uge 44 2020")
    course = await Milestone.get(title="Superbrugerkursus uge 46")
    assert (ddl.due, ddl.status, ddl.programme_id) == (date(2020, 10, 26), MilestoneStatus.DONE, daycare.id)
    assert (course.due, course.status) == (date(2020, 11, 9), MilestoneStatus.DONE)
    assert ddl.due.isocalendar()[:2] == (2020, 44) and course.due.isocalendar()[:2] == (2020, 46)
    titles = set(await Milestone.filter(programme=bfo).values_list("title", flat=True))
    assert titles == {"Superbrugere personale 2020-21", "Forældreinformation maj 2021", "Klub anvendelse sommer 2021"}
    assert all(m.owner for m in await Milestone.all())


async def test_school_programme_is_current_with_exactly_one_late_milestone(db):
    await seed_demo(today=TODAY, scale=0.1)
    school = await Programme.get(area=Area.SKOLE)
    assert school.name == "Udrulning i skolerne"
    assert school.start == TODAY - timedelta(days=120) and school.end == TODAY + timedelta(days=240)
    [rollout] = (await spans_of(school))[(SpanKind.PHASE, Phase.UDRULNING.value)]
    assert rollout.start <= TODAY <= rollout.end
    stones = await Milestone.filter(programme=school)
    status = [effective_status(MilestoneStatus(m.status), m.due, TODAY) for m in stones]
    assert status.count(MilestoneStatus.LATE) == 1
    assert MilestoneStatus.DONE in status and MilestoneStatus.IN_PROGRESS in status
    assert any(m.status == MilestoneStatus.PLANNED and m.due > TODAY for m in stones)


async def test_every_milestone_is_due_on_or_after_its_phase_start(db):
    await seed_demo(today=TODAY, scale=0.1)
    stones = await Milestone.all().prefetch_related("phase")
    assert len(stones) >= 10
    for stone in stones:
        assert stone.phase is not None, stone.title
        assert stone.phase.kind == SpanKind.PHASE and stone.phase.programme_id == stone.programme_id
        assert stone.due >= stone.phase.start, stone.title


async def test_readiness_is_ticked_by_the_project_team_and_schools_are_early(db):
    await seed_demo(today=TODAY, scale=0.1)
    camilla = await person_of("demo-projektgruppe")
    ticks = await ChecklistTick.all().prefetch_related("institution", "item")
    assert ticks and not [t for t in ticks if t.item.observed == ObservedKey.SUPERUSERS]
    assert {(t.by_person_id, t.by_name) for t in ticks} == {(camilla.id, "Camilla Berg")}
    assert all(t.at is not None and t.at.date() < TODAY for t in ticks)
    assert any(t.comment for t in ticks) and any(not t.ticked for t in ticks)
    # Each cell's history starts with the tick that set it.
    entries = await ChecklistEntry.all().values_list("institution_id", "item_id", "at", "comment")
    assert sorted(entries) == sorted((t.institution_id, t.item_id, t.at, t.comment) for t in ticks)
    done: dict[Area, list[int]] = {area: [] for area in Area}
    counts: dict[int, int] = {}
    for tick in ticks:
        counts[tick.institution_id] = counts.get(tick.institution_id, 0) + tick.ticked
    for inst in await Institution.all():
        area = AREA_OF_KIND[InstitutionKind(inst.kind)]
        done[area].append(counts.get(inst.id, 0))
    assert min(done[Area.DAGTILBUD]) >= 3 and max(done[Area.SKOLE]) <= 2
    assert len(set(done[Area.DAGTILBUD] + done[Area.BFO_KLUB])) > 1


async def test_each_plan_has_the_first_six_items_as_data_with_owners_deadlines_and_observed_keys(db):
    await seed_demo(today=TODAY, scale=0.1)
    for programme in await Programme.all():
        items = await ChecklistItem.filter(programme=programme).order_by("position").prefetch_related("phase")
        assert [i.title for i in items][:6] == ["Superbrugere udpeget", "Personale uddannet", "Forældre informeret",
                                                "Vægskærm parret", "KommeGå i brug", "Første besked sendt"]
        assert [i.observed for i in items][:6] == [ObservedKey.SUPERUSERS, None, None, ObservedKey.WALL_SCREEN_PAIRED,
                                                   ObservedKey.KOMMEGAA_IN_USE, ObservedKey.FIRST_MESSAGE]
        assert all(i.owner and i.deadline for i in items) and len({i.phase.key for i in items}) == 3
        assert all(i.deadline >= i.phase.start for i in items[:6])


async def test_adoption_figures_come_from_login_history(db):
    await seed_demo(today=TODAY, scale=0.1)
    rows = await compute(TODAY)
    guardians = sum(r.guardians for r in rows)
    ever = sum(r.guardians_ever for r in rows)
    recent = sum(r.guardians_30d for r in rows)
    assert 0 < ever <= guardians and recent < ever
    assert all(r.guardians_30d <= r.guardians_ever <= r.guardians for r in rows)
    share = {area: sum(r.guardians_ever for r in rows if r.area is area)
             / sum(r.guardians for r in rows if r.area is area) for area in Area}
    assert share[Area.DAGTILBUD] > share[Area.BFO_KLUB] > share[Area.SKOLE] > 0.2
    named = [await person_of(user.subject) for user in DEMO_USERS]
    assert not await LoginRecord.filter(account__person_id__in=[p.id for p in named]).exists()
    latest: dict[int, object] = {}
    for account_id, at in await LoginRecord.all().order_by("at").values_list("account_id", "at"):
        latest[account_id] = at
    accounts = dict(await UserAccount.filter(last_login_at__not_isnull=True).values_list("id", "last_login_at"))
    assert accounts == latest
    days = await AdoptionSnapshot.all().distinct().values_list("day", flat=True)
    assert sorted(days) == [TODAY - timedelta(days=n) for n in range(29, -1, -1)]
    stored = {r.institution_id: r for r in await AdoptionSnapshot.filter(day=TODAY)}
    assert all(stored[r.institution_id].guardians_ever == r.guardians_ever for r in rows)
    oldest = sum(r.guardians_ever for r in await AdoptionSnapshot.filter(day=TODAY - timedelta(days=29)))
    assert oldest < ever




async def test_open_guardian_survey_has_answers_from_several_weeks_but_none_from_the_demo_users(db):
    await seed_demo(today=TODAY, scale=0.1)
    survey = await Survey.get(title="Evaluering af Sammen i dagtilbud")
    camilla = await person_of("demo-projektgruppe")
    assert (survey.audience, survey.created_by_id) == (Audience.GUARDIANS, camilla.id)
    assert survey.closes_on == TODAY + timedelta(days=21)
    assert survey.created_at.date() == TODAY - timedelta(days=35)
    places = set(await SurveyInstitution.filter(survey=survey).values_list("institution_id", flat=True))
    assert places == {i.id for i in await Institution.all() if i.kind in DAYCARE_KINDS}
    questions = await SurveyQuestion.filter(survey=survey).order_by("position")
    assert [(q.kind, q.text) for q in questions] == [
        (QuestionKind.SCALE, "Hvor let er det at bruge Sammen?"),
        (QuestionKind.SCALE, "Får du de beskeder, du har brug for?"),
        (QuestionKind.SCALE, "Hvor godt kan du følge dit barns dag?"),
        (QuestionKind.TEXT, "Hvad kan gøres bedre?")]

    assert survey.anonymous
    responses = await SurveyResponse.filter(survey=survey).order_by("id")
    guardians = {g for g, in await Custody.filter(valid_to=None, child__enrolments__end=None,
                                                  child__enrolments__institution_id__in=list(places))
                 .distinct().values_list("guardian_id")}
    assert 0.3 <= len(responses) / len(guardians) <= 0.5
    # Anonymous: the answers name nobody; who answered is kept apart, by person, the answers by time of arrival.
    assert all(r.respondent_id is None for r in responses)
    answered = await SurveyParticipant.filter(survey=survey).order_by("id").values_list("person_id", flat=True)
    assert set(answered) <= guardians and len(answered) == len(responses) and answered == sorted(answered)
    assert [r.submitted_at for r in responses] == sorted(r.submitted_at for r in responses)
    assert all(r.institution_id in places for r in responses)
    assert all(r.submitted_at > survey.created_at and r.submitted_at.date() < TODAY for r in responses)
    weeks = {r.submitted_at.isocalendar()[:2] for r in responses}
    assert len(weeks) >= 4
    values = await SurveyAnswer.filter(response__survey=survey, value__not_isnull=True).values_list("value", flat=True)
    assert len(values) == 3 * len(responses) and set(values) <= {1, 2, 3, 4, 5}
    assert max(range(1, 6), key=values.count) == 4
    texts = await SurveyAnswer.filter(response__survey=survey, question=questions[3]).values_list("text", flat=True)
    assert texts and all(texts) and len(texts) < len(responses)

    named = {(await person_of(user.subject)).id for user in DEMO_USERS}
    assert not await SurveyParticipant.filter(person_id__in=list(named)).exists()
    mette = await person_of("demo-foraelder")
    [freja_now] = await current_enrolments((await children_of(mette))[1])
    assert freja_now.institution.name == "Solsikken" and freja_now.institution.id in places


async def test_closed_named_staff_survey_in_the_schools_has_a_handful_of_answers(db):
    await seed_demo(today=TODAY, scale=0.1)
    [survey] = await Survey.filter(audience=Audience.STAFF)
    assert not survey.anonymous
    answered = await SurveyParticipant.filter(survey=survey).values_list("person_id", flat=True)
    assert sorted(answered) == sorted(await SurveyResponse.filter(survey=survey).values_list("respondent_id",
                                                                                            flat=True))
    assert survey.closes_on < TODAY and survey.created_at.date() < survey.closes_on
    places = set(await SurveyInstitution.filter(survey=survey).values_list("institution_id", flat=True))
    assert places == {i.id for i in await Institution.all() if i.kind == InstitutionKind.SKOLE}
    responses = await SurveyResponse.filter(survey=survey)
    assert 3 <= len(responses) <= 10
    for response in responses:
        assert await Employment.exists(person_id=response.respondent_id, institution_id=response.institution_id)
        assert survey.created_at < response.submitted_at and response.submitted_at.date() <= survey.closes_on
