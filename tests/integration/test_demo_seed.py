"""The demo municipality generator: relations of the named users, determinism, size, both databases."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from domain.clock import age_on
from domain.demo.seed import DatabaseNotEmpty, demo_facts, seed_demo
from domain.demo.users import DEMO_USERS
from domain.organisation.model import GroupKind, InstitutionKind, MunicipalRole, StaffRole
from domain.rollout.adoption import compute
from domain.rollout.model import (
    AREA_OF_KIND,
    Area,
    Audience,
    MilestoneStatus,
    Phase,
    QuestionKind,
    ReadinessItem,
    SpanKind,
    Track,
    effective_status,
)
from persistence.accounts import LoginRecord, UserAccount
from persistence.db import apply_migrations, close_database, open_database
from persistence.organisation import Group, Institution
from persistence.people import (
    Custody,
    Employment,
    Enrolment,
    GroupMembership,
    MunicipalAssignment,
    Person,
    ProfessionalAccess,
)
from persistence.rollout import AdoptionSnapshot, Milestone, Programme, ReadinessTick, Span
from persistence.surveys import Survey, SurveyAnswer, SurveyInstitution, SurveyQuestion, SurveyResponse

TODAY = date(2026, 3, 15)
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"


async def fresh_database(path: Path) -> str:
    """Migrate and open an empty SQLite database file."""
    url = f"sqlite://{path}"
    await apply_migrations(url)
    await open_database(url)
    return url


@pytest.fixture
async def db(tmp_path: Path):
    """An empty, migrated SQLite database, open for the test."""
    yield await fresh_database(tmp_path / "demo.sqlite3")
    await close_database()


async def person_of(subject: str) -> Person:
    """The person behind a named demo user."""
    account = await UserAccount.get(oidc_subject=subject).prefetch_related("person")
    return account.person


async def current_enrolments(child: Person) -> list[Enrolment]:
    """A child's enrolments that are running today."""
    rows = await Enrolment.filter(child=child).prefetch_related("institution", "group")
    return [row for row in rows if row.start <= TODAY and (row.end is None or row.end >= TODAY)]


async def children_of(guardian: Person) -> list[Person]:
    """The children a guardian has custody of today."""
    rows = await Custody.filter(guardian=guardian, valid_to=None).prefetch_related("child")
    return sorted((row.child for row in rows), key=lambda child: child.birth_date or TODAY)


async def test_small_seed_has_every_kind_and_all_named_users(db):
    summary = await seed_demo(today=TODAY, scale=0.1)
    kinds = {row.institution.kind for row in await Enrolment.filter(end=None).prefetch_related("institution")}
    assert kinds == set(InstitutionKind)
    assert summary.institutions == 16
    for user in DEMO_USERS:
        account = await UserAccount.get(oidc_subject=user.subject).prefetch_related("person")
        assert f"{account.person.first_name} {account.person.last_name}" == user.name
        assert account.demo_label == user.detail and account.active


async def test_family_one_has_children_in_kindergarten_and_2a_with_bfo(db):
    await seed_demo(today=TODAY, scale=0.1)
    mette = await person_of("demo-foraelder")
    oscar, freja = await children_of(mette)
    assert (age_on(freja.birth_date, TODAY), age_on(oscar.birth_date, TODAY)) == (4, 8)
    freja_now = await current_enrolments(freja)
    assert [row.institution.kind for row in freja_now] == [InstitutionKind.BOERNEHAVE]
    oscar_now = {row.institution.kind: row for row in await current_enrolments(oscar)}
    assert set(oscar_now) == {InstitutionKind.SKOLE, InstitutionKind.BFO}
    assert oscar_now[InstitutionKind.SKOLE].group.name == "2.A"
    guardians = await Custody.filter(child=oscar, valid_to=None).count()
    assert guardians == 2
    anne = await person_of("demo-laerer")
    assert await GroupMembership.exists(person=anne, group=oscar_now[InstitutionKind.SKOLE].group)
    peter = await Employment.get(person=await person_of("demo-leder")).prefetch_related("institution")
    assert peter.role == StaffRole.LEDER and peter.superuser
    assert peter.institution.id == freja_now[0].institution.id
    ppr = await person_of("demo-ppr")
    assert await ProfessionalAccess.filter(professional=ppr).count() == 2
    assert await ProfessionalAccess.exists(professional=ppr, child=oscar)


async def test_two_roles_klub_child_and_municipal_users(db):
    await seed_demo(today=TODAY, scale=0.1)
    sofie = await person_of("demo-paedagog-bfo")
    job = await Employment.get(person=sofie).prefetch_related("institution")
    assert job.institution.kind == InstitutionKind.BFO and job.role == StaffRole.PAEDAGOG
    assert await GroupMembership.exists(person=sofie, group__institution=job.institution)
    [alma] = await children_of(sofie)
    assert [row.institution.kind for row in await current_enrolments(alma)] == [InstitutionKind.VUGGESTUE]
    emil = await person_of("demo-barn-klub")
    assert emil.is_child and age_on(emil.birth_date, TODAY) == 14
    emil_now = {row.institution.kind: row.group.name for row in await current_enrolments(emil)}
    assert InstitutionKind.KLUB in emil_now and emil_now[InstitutionKind.SKOLE].startswith("8.")
    assert await Custody.filter(child=emil).count() == 2
    [yusuf] = await children_of(await person_of("demo-foraelder-klub"))
    yusuf_now = {row.institution.kind: row.group.name for row in await current_enrolments(yusuf)}
    assert age_on(yusuf.birth_date, TODAY) == 12 and yusuf_now[InstitutionKind.SKOLE] == "6.A"
    assert InstitutionKind.KLUB in yusuf_now
    roles = {(row.person.id, row.role) for row in await MunicipalAssignment.all().prefetch_related("person")}
    assert ((await person_of("demo-admin")).id, MunicipalRole.ADMIN) in roles
    assert ((await person_of("demo-projektgruppe")).id, MunicipalRole.PROJECT_TEAM) in roles
    assert sorted(role for _, role in roles).count(MunicipalRole.PPR) == 2
    lars = await Employment.get(person=await person_of("demo-paedagog-vuggestue")).prefetch_related("institution")
    assert lars.institution.kind == InstitutionKind.VUGGESTUE


async def test_same_seed_and_day_give_identical_people(tmp_path: Path):
    lists = []
    rollouts = []
    for name in ("one.sqlite3", "two.sqlite3"):
        await fresh_database(tmp_path / name)
        try:
            await seed_demo(today=TODAY, scale=0.1, seed=7)
            lists.append(await Person.all().order_by("id").values_list("first_name", "last_name", "cpr"))
            rollouts.append(await rollout_rows())
        finally:
            await close_database()
    assert lists[0] == lists[1] and len(lists[0]) > 300
    assert len({cpr for _, _, cpr in lists[0]}) == len(lists[0])
    assert rollouts[0] == rollouts[1] and all(rollouts[0])


async def rollout_rows() -> list[list]:
    """Every rollout row and the login history, as plain values, for comparing two seeds."""
    return [
        await Span.all().order_by("id").values_list("programme_id", "kind", "key", "label", "start", "end"),
        await Milestone.all().order_by("id").values_list("phase_id", "title", "owner", "due", "status"),
        await ReadinessTick.all().order_by("id").values_list("institution_id", "item", "ticked", "at", "comment"),
        await LoginRecord.all().order_by("id").values_list("account_id", "at", "acr"),
        await UserAccount.all().order_by("id").values_list("last_login_at", flat=True),
        await AdoptionSnapshot.all().order_by("day", "institution_id").values_list(
            "day", "institution_id", "guardians", "guardians_ever", "guardians_30d", "superusers"),
        await Survey.all().order_by("id").values_list("title", "audience", "created_by_id", "created_at", "closes_on"),
        await SurveyInstitution.all().order_by("id").values_list("survey_id", "institution_id"),
        await SurveyQuestion.all().order_by("id").values_list("survey_id", "position", "kind", "text"),
        await SurveyResponse.all().order_by("id").values_list("survey_id", "respondent_id", "institution_id",
                                                              "submitted_at"),
        await SurveyAnswer.all().order_by("id").values_list("response_id", "question_id", "value", "text"),
    ]


async def test_second_seed_is_refused_and_adds_nothing(db):
    await seed_demo(today=TODAY, scale=0.1)
    before = await demo_facts()
    with pytest.raises(DatabaseNotEmpty, match="allerede"):
        await seed_demo(today=TODAY, scale=0.1)
    assert await demo_facts() == before


async def test_older_children_keep_their_daycare_history(db):
    await seed_demo(today=TODAY, scale=0.1)
    daycare = {
        InstitutionKind.VUGGESTUE,
        InstitutionKind.BOERNEHAVE,
        InstitutionKind.INTEGRERET,
        InstitutionKind.DAGPLEJE,
    }
    checked = 0
    for child in await Person.filter(is_child=True, birth_date__lte=TODAY - timedelta(days=11 * 365)):
        rows = await Enrolment.filter(child=child).prefetch_related("institution")
        if not any(row.institution.kind == InstitutionKind.SKOLE for row in rows):
            continue
        ended = [row for row in rows if row.institution.kind in daycare and row.end is not None]
        assert ended and all(row.end < TODAY for row in ended)
        checked += 1
    assert checked > 20


async def test_cross_groups_one_running_one_expired(db):
    await seed_demo(today=TODAY, scale=0.1)
    groups = await Group.filter(kind=GroupKind.TVAERGAAENDE, institution=None)
    expired = [group for group in groups if group.expires_on and group.expires_on < TODAY]
    running = [group for group in groups if group.expires_on and group.expires_on > TODAY]
    assert len(expired) == 1 and len(running) == 1
    members = await GroupMembership.filter(group=running[0]).values_list("person_id", flat=True)
    schools = await Enrolment.filter(
        child_id__in=members, end=None, institution__kind=InstitutionKind.SKOLE
    ).values_list("institution_id", flat=True)
    assert len(set(schools)) >= 2


async def test_progress_ends_at_one(db):
    calls: list[tuple[float, str]] = []
    await seed_demo(today=TODAY, scale=0.1, progress=lambda fraction, message: calls.append((fraction, message)))
    fractions = [fraction for fraction, _ in calls]
    assert fractions[-1] == 1.0 and fractions == sorted(fractions) and len(calls) > 5
    assert all(message for _, message in calls)


async def test_full_scale_has_a_realistic_size(db):
    summary = await seed_demo(today=TODAY, scale=1.0)
    facts = await demo_facts()
    assert 12 <= facts["institution"] <= 16
    assert 2200 <= summary.children <= 2600
    assert 300 <= summary.staff <= 400
    assert summary.accounts == facts["user_account"]
    assert summary.seconds < 30


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
    ticks = await ReadinessTick.all().prefetch_related("institution")
    assert ticks and not [t for t in ticks if t.item == ReadinessItem.SUPERUSERS]
    assert {(t.by_person_id, t.by_name) for t in ticks} == {(camilla.id, "Camilla Berg")}
    assert all(t.at is not None and t.at.date() < TODAY for t in ticks)
    assert any(t.comment for t in ticks) and any(not t.ticked for t in ticks)
    done: dict[Area, list[int]] = {area: [] for area in Area}
    counts: dict[int, int] = {}
    for tick in ticks:
        counts[tick.institution_id] = counts.get(tick.institution_id, 0) + tick.ticked
    for inst in await Institution.all():
        area = AREA_OF_KIND[InstitutionKind(inst.kind)]
        done[area].append(counts.get(inst.id, 0))
    assert min(done[Area.DAGTILBUD]) >= 3 and max(done[Area.SKOLE]) <= 2
    assert len(set(done[Area.DAGTILBUD] + done[Area.BFO_KLUB])) > 1


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


DAYCARE = {InstitutionKind.VUGGESTUE, InstitutionKind.BOERNEHAVE, InstitutionKind.INTEGRERET,
           InstitutionKind.DAGPLEJE}


async def test_open_guardian_survey_has_answers_from_several_weeks_but_none_from_the_demo_users(db):
    await seed_demo(today=TODAY, scale=0.1)
    survey = await Survey.get(title="Evaluering af Sammen i dagtilbud")
    camilla = await person_of("demo-projektgruppe")
    assert (survey.audience, survey.created_by_id) == (Audience.GUARDIANS, camilla.id)
    assert survey.closes_on == TODAY + timedelta(days=21)
    assert survey.created_at.date() == TODAY - timedelta(days=35)
    places = set(await SurveyInstitution.filter(survey=survey).values_list("institution_id", flat=True))
    assert places == {i.id for i in await Institution.all() if i.kind in DAYCARE}
    questions = await SurveyQuestion.filter(survey=survey).order_by("position")
    assert [(q.kind, q.text) for q in questions] == [
        (QuestionKind.SCALE, "Hvor let er det at bruge Sammen?"),
        (QuestionKind.SCALE, "Får du de beskeder, du har brug for?"),
        (QuestionKind.SCALE, "Hvor godt kan du følge dit barns dag?"),
        (QuestionKind.TEXT, "Hvad kan gøres bedre?")]

    responses = await SurveyResponse.filter(survey=survey)
    guardians = {g for g, in await Custody.filter(valid_to=None, child__enrolments__end=None,
                                                  child__enrolments__institution_id__in=list(places))
                 .distinct().values_list("guardian_id")}
    assert 0.3 <= len(responses) / len(guardians) <= 0.5
    assert {r.respondent_id for r in responses} <= guardians
    assert len({r.respondent_id for r in responses}) == len(responses)
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
    assert not await SurveyResponse.filter(respondent_id__in=list(named)).exists()
    mette = await person_of("demo-foraelder")
    [freja_now] = await current_enrolments((await children_of(mette))[1])
    assert freja_now.institution.name == "Solsikken" and freja_now.institution.id in places


async def test_closed_staff_survey_in_the_schools_has_a_handful_of_answers(db):
    await seed_demo(today=TODAY, scale=0.1)
    [survey] = await Survey.filter(audience=Audience.STAFF)
    assert survey.closes_on < TODAY and survey.created_at.date() < survey.closes_on
    places = set(await SurveyInstitution.filter(survey=survey).values_list("institution_id", flat=True))
    assert places == {i.id for i in await Institution.all() if i.kind == InstitutionKind.SKOLE}
    responses = await SurveyResponse.filter(survey=survey)
    assert 3 <= len(responses) <= 10
    for response in responses:
        assert await Employment.exists(person_id=response.respondent_id, institution_id=response.institution_id)
        assert survey.created_at < response.submitted_at and response.submitted_at.date() <= survey.closes_on


def _postgres_unreachable(reason: str) -> None:
    """Skip without PostgreSQL, except on CI where it must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required on CI: {reason}")
    pytest.skip(f"PostgreSQL unreachable at 127.0.0.1:5432 ({reason})")


@pytest.mark.postgres
async def test_postgres_seed_and_next_insert_does_not_collide():
    asyncpg = pytest.importorskip("asyncpg")
    try:
        conn = await asyncpg.connect(POSTGRES_URL.replace("postgres://", "postgresql://"), timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        _postgres_unreachable(type(exc).__name__)
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()
    await apply_migrations(POSTGRES_URL)
    await open_database(POSTGRES_URL)
    try:
        summary = await seed_demo(today=TODAY, scale=0.1)
        highest = await Person.all().order_by("-id").first()
        extra = await Person.create(municipality_id=1, first_name="Ny", last_name="Person")
        assert highest is not None and extra.id == highest.id + 1
        assert summary.children == await Person.filter(is_child=True).count()
    finally:
        await close_database()


async def widget_rows() -> list[list]:
    """The widgets' demo content as plain values, for comparing two seeds."""
    from persistence.widgets import MenuPlan, WeekPlan, WidgetLink

    return [
        await WeekPlan.all().order_by("id").values_list("group_id", "year", "week", "text", "author_id", "updated_at"),
        await MenuPlan.all().order_by("id").values_list("institution_id", "year", "week", "days", "author_id"),
        await WidgetLink.all().order_by("id").values_list("title", "url", "roles", "institution_id", "position"),
    ]


async def test_widget_demo_content_is_there_for_this_week_and_deterministic(tmp_path: Path):
    from persistence.widgets import MenuPlan, WeekPlan

    seeds = []
    for name in ("one.sqlite3", "two.sqlite3"):
        await fresh_database(tmp_path / name)
        try:
            await seed_demo(today=TODAY, scale=0.1, seed=7)
            seeds.append(await widget_rows())
            year, week, _ = TODAY.isocalendar()
            rooms = await Group.filter(kind__in=[GroupKind.KLASSE, GroupKind.STUE]).values_list("id", flat=True)
            planned = await WeekPlan.filter(year=year, week=week).values_list("group_id", flat=True)
            assert sorted(planned) == sorted(rooms) and all(await WeekPlan.all().values_list("text", flat=True))
            menu_places = {i.id for i in await Institution.all() if i.kind in DAYCARE | {InstitutionKind.BFO}}
            menus = await MenuPlan.filter(year=year, week=week)
            assert {m.institution_id for m in menus} == menu_places
            assert all(len(m.days) == 5 and all(m.days) for m in menus)
            two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
            assert await WeekPlan.filter(group=two_a, year=year, week=week).exists()
        finally:
            await close_database()
    links = seeds[0][2]
    assert [(title, url, institution) for title, url, _, institution, _ in links] == [
        ("Sammenby Kommune – skoler og dagtilbud", "https://www.example.dk/boern", None),
        ("Skolekalender 2026/27", "https://www.example.dk/skolekalender", None)]
    assert all(set(roles) == {"parent", "staff", "leader", "child"} for _, _, roles, _, _ in links)
    assert seeds[0] == seeds[1]
