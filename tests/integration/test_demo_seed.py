"""The demo municipality generator: relations of the named users, determinism, size, both databases."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from demo.seed import DatabaseNotEmpty, demo_facts, seed_demo
from demo.users import DEMO_USERS
from domain.clock import age_on
from domain.organisation.model import DAYCARE_KINDS, GroupKind, InstitutionKind, MunicipalRole, StaffRole
from persistence.crossgroups import CrossGroup
from persistence.db import apply_migrations, close_database, open_database
from persistence.identity import LoginRecord, UserAccount
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
from persistence.rollout import (
    AdoptionSnapshot,
    ChecklistEntry,
    ChecklistItem,
    ChecklistTick,
    Milestone,
    Span,
    Survey,
    SurveyAnswer,
    SurveyInstitution,
    SurveyParticipant,
    SurveyQuestion,
    SurveyResponse,
)
from tests.demo_support import TODAY, children_of, current_enrolments, fresh_database, person_of
from tests.services import PG_URL, need_service, reset_postgres


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
        await ChecklistItem.all().order_by("id").values_list("programme_id", "phase_id", "title", "deadline"),
        await ChecklistTick.all().order_by("id").values_list("institution_id", "item_id", "ticked", "at", "comment"),
        await ChecklistEntry.all().order_by("id").values_list("institution_id", "item_id", "action", "at"),
        await LoginRecord.all().order_by("id").values_list("account_id", "at", "acr"),
        await UserAccount.all().order_by("id").values_list("last_login_at", flat=True),
        await AdoptionSnapshot.all().order_by("day", "institution_id").values_list(
            "day", "institution_id", "guardians", "guardians_ever", "guardians_30d", "superusers"),
        await Survey.all().order_by("id").values_list("title", "audience", "created_by_id", "created_at", "closes_on"),
        await SurveyInstitution.all().order_by("id").values_list("survey_id", "institution_id"),
        await SurveyQuestion.all().order_by("id").values_list("survey_id", "position", "kind", "text"),
        await SurveyParticipant.all().order_by("id").values_list("survey_id", "person_id"),
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
    # Both are owned by the administrator (the list showed "Ejer: —"), with their members named; the old one archived.
    admin = await person_of("demo-admin")
    rows = {row.group_id: row for row in await CrossGroup.filter(group_id__in=[g.id for g in groups])}
    assert {row.owner_id for row in rows.values()} == {admin.id} and all(row.purpose for row in rows.values())
    assert sorted(rows[running[0].id].named) == sorted(set(members)) and rows[running[0].id].archived_at is None
    assert rows[expired[0].id].archived_at is not None


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


@pytest.mark.postgres
async def test_postgres_seed_and_next_insert_does_not_collide():
    need_service("PostgreSQL", "127.0.0.1", 5432)
    await reset_postgres(PG_URL)
    await apply_migrations(PG_URL)
    await open_database(PG_URL)
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
            menu_places = {i.id for i in await Institution.all() if i.kind in DAYCARE_KINDS | {InstitutionKind.BFO}}
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
