"""The rollout plan, readiness and adoption, from seeded facts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.model import Actor
from domain.identity.service import current_actor, do_login
from domain.organisation.model import MunicipalRole
from domain.rollout import adoption, checklist, export, plan, readiness
from domain.rollout.checklist import ItemDraft
from domain.rollout.matrix import MatrixFilter, load_all, load_matrix
from domain.rollout.model import MilestoneStatus, ObservedKey, ReadinessChanged, SpanKind
from domain.rollout.plan import MilestoneDraft
from persistence.people import Employment, MunicipalAssignment
from persistence.rollout import ChecklistTick, Milestone, Programme, Span
from tests.conftest import TODAY
from tests.factory import World, build_world, person


async def team_member(w: World):  # type: ignore[no-untyped-def]
    """A project-team member acting as such."""
    municipality = await w.school.municipality
    camilla = await person(municipality, "Camilla", subject="t-team")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    return await current_actor(camilla.id, "project_team", "2", now=utcnow())


async def programme_with_phase(today: date) -> tuple[Programme, Span]:
    """A skole programme whose Udrulning phase started ten days ago."""
    programme = await Programme.create(area="skole", name="Udrulning i skolerne", start=today - timedelta(days=60),
                                       end=today + timedelta(days=200))
    phase = await Span.create(programme=programme, kind=SpanKind.PHASE, key="udrulning", label="Udrulning",
                              start=today - timedelta(days=10), end=today + timedelta(days=50))
    return programme, phase


async def school_item(w: World, actor: Actor, title: str, observed: ObservedKey | None = None) -> int:
    """An item of the school programme's Udrulning phase (the programme made when missing)."""
    programme = await Programme.get_or_none(area="skole")
    if programme is None:
        programme, _ = await programme_with_phase(w.today)
    phase = await Span.get(programme=programme, kind=SpanKind.PHASE)
    return await checklist.do_save_item(actor, ItemDraft(programme.id, phase.id, title, observed=observed))


async def test_late_is_computed_from_the_date(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme, phase = await programme_with_phase(w.today)
    await Milestone.create(programme=programme, phase=phase, title="Forældremøde", due=w.today - timedelta(days=1))
    await Milestone.create(programme=programme, phase=phase, title="Kursus", due=w.today - timedelta(days=2),
                           status=MilestoneStatus.DONE)
    await Milestone.create(programme=programme, phase=phase, title="Evaluering", due=w.today + timedelta(days=9))
    views = (await plan.plan(team, w.today))[0].milestones
    assert [(m.title, m.status) for m in views] == [
        ("Kursus", MilestoneStatus.DONE), ("Forældremøde", MilestoneStatus.LATE),
        ("Evaluering", MilestoneStatus.PLANNED)]


async def test_a_milestone_due_before_its_phase_starts_is_refused(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme, phase = await programme_with_phase(w.today)
    draft = MilestoneDraft(programme.id, phase.id, "For tidligt", "Camilla", w.today - timedelta(days=11),
                           MilestoneStatus.PLANNED)
    with pytest.raises(DomainError) as refused:
        await plan.do_save_milestone(team, draft)
    assert refused.value.key == "rollout.error.due_before_phase"
    assert await Milestone.all().count() == 0
    ok = MilestoneDraft(programme.id, phase.id, "Til tiden", "Camilla", w.today, MilestoneStatus.PLANNED)
    assert await plan.do_save_milestone(team, ok) > 0


@pytest.mark.parametrize(("field", "value", "key"), [
    ("title", "  ", "rollout.error.title_required"),
    ("status", MilestoneStatus.LATE, "rollout.error.late_is_computed"),
    ("due", TODAY - timedelta(days=400), "rollout.error.due_before_programme"),
])
async def test_bad_milestones_are_refused(database: str, field: str, value: object, key: str) -> None:
    w = await build_world()
    team = await team_member(w)
    programme, phase = await programme_with_phase(w.today)
    values = {"programme_id": programme.id, "phase_id": phase.id, "title": "Ok", "owner": "", "due": w.today,
              "status": MilestoneStatus.PLANNED, field: value}
    with pytest.raises(DomainError) as refused:
        await plan.do_save_milestone(team, MilestoneDraft(**values))  # type: ignore[arg-type]
    assert refused.value.key == key


async def test_only_the_project_team_and_admins_edit(database: str) -> None:
    w = await build_world()
    programme, phase = await programme_with_phase(w.today)
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    draft = MilestoneDraft(programme.id, phase.id, "Milepæl", "", w.today, MilestoneStatus.PLANNED)
    with pytest.raises(AccessDenied):
        await plan.do_save_milestone(leader, draft)
    item = await school_item(w, admin, "Personale uddannet")
    with pytest.raises(AccessDenied):
        await readiness.do_tick(leader, w.school.id, item, True, "", now=utcnow())
    with pytest.raises(AccessDenied):
        await plan.plan(leader, w.today)
    assert await Milestone.all().count() == 0 and await ChecklistTick.all().count() == 0
    assert await plan.do_save_milestone(admin, draft) > 0


async def test_ticking_publishes_the_cell_after_commit_and_shows_in_the_matrix(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    item = await school_item(w, team, "Forældre informeret")
    seen: list[Event] = []
    sub = bus.subscribe("rollout", seen.append)  # type: ignore[arg-type]
    try:
        await readiness.do_tick(team, w.school.id, item, True, "Brev sendt", now=utcnow())
    finally:
        sub.cancel()
    assert len(seen) == 1 and isinstance(seen[0], ReadinessChanged) and seen[0].comment == "Brev sendt"
    matrix = await load_matrix(team, MatrixFilter(phase="udrulning"), w.today)
    school = next(r for r in matrix.rows if r.institution_id == w.school.id)
    cell = school.cells[item]
    assert cell.ticked and cell.by_name == "Camilla Testesen" and cell.comment == "Brev sendt"
    await readiness.do_tick(team, w.school.id, item, False, "Fejl", now=utcnow())
    matrix = await load_matrix(team, MatrixFilter(phase="udrulning"), w.today)
    assert not next(r for r in matrix.rows if r.institution_id == w.school.id).cells[item].ticked
    assert await ChecklistTick.all().count() == 1


async def test_superusers_tick_themselves_and_cannot_be_unticked(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    item = await school_item(w, team, "Superbrugere udpeget", ObservedKey.SUPERUSERS)
    await Employment.filter(person_id=w.teacher.id).update(superuser=True)
    matrix = await load_matrix(team, MatrixFilter(phase="udrulning"), w.today)
    by_id = {r.institution_id: r for r in matrix.rows}
    assert by_id[w.school.id].cells[item].observed
    assert item not in by_id[w.kindergarten.id].cells  # a school item does not apply to a kindergarten
    assert (matrix.area_totals()["skole"].done, matrix.area_totals()["skole"].total) == (1, 1)  # type: ignore[index]
    with pytest.raises(DomainError) as refused:
        await readiness.do_tick(team, w.school.id, item, False, "", now=utcnow())
    assert refused.value.key == "rollout.error.observed"


async def test_adoption_counts_guardians_who_logged_in(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    # the school has Anna (guardian Gitte) and Carl (guardian Olga); the kindergarten has Bo (Gitte)
    before = {r.name: r for r in await adoption.adoption(team, w.today)}
    assert (before["Testskolen"].guardians, before["Testskolen"].guardians_ever) == (2, 0)
    assert (before["Testhaven"].guardians, before["Testhaven"].guardians_ever) == (1, 0)
    await do_login("t-guardian", "2", now=utcnow())
    after = {r.name: r for r in await adoption.adoption(team, w.today)}
    assert (after["Testskolen"].guardians_ever, after["Testskolen"].guardians_30d) == (1, 1)
    assert after["Testskolen"].share_ever == 0.5
    assert (after["Testhaven"].guardians_ever, after["Testhaven"].share_30d) == (1, 1.0)
    areas = {r.area.value: r for r in adoption.by_area(list(after.values()))}
    assert (areas["skole"].guardians, areas["skole"].guardians_ever) == (2, 1)


async def test_a_login_event_carries_what_the_adoption_page_needs(database: str) -> None:
    w = await build_world()
    seen: list[Event] = []
    sub = bus.subscribe("logins", seen.append)  # type: ignore[arg-type]
    try:
        await do_login("t-guardian", "2", now=utcnow())
        await do_login("t-guardian", "2", now=utcnow())
    finally:
        sub.cancel()
    first, second = seen
    assert set(first.guardian_institution_ids) == {w.school.id, w.kindergarten.id}  # type: ignore[attr-defined]
    assert first.first_ever and first.first_in_30d  # type: ignore[attr-defined]
    assert not second.first_ever and not second.first_in_30d  # type: ignore[attr-defined]


async def test_daily_snapshots_feed_the_trend(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    await do_login("t-other", "2", now=utcnow())
    assert await adoption.do_backfill_snapshots(w.today, 3) == 3 * 2
    assert await adoption.do_store_snapshot(w.today) == 2  # idempotent: replaces the day's rows
    points = [p for p in await adoption.trend(team, w.today - timedelta(days=5)) if p.area.value == "skole"]
    assert [p.day for p in points] == [w.today - timedelta(days=d) for d in (2, 1, 0)]
    assert points[-1].share_30d == 0.5 and points[0].share_ever == 0.0


async def test_csv_exports_are_semicolon_separated_and_safe(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    item = await school_item(w, team, "Personale uddannet")
    await readiness.do_tick(team, w.school.id, item, True, "=HYPERLINK(1)", now=utcnow())
    text = export.readiness_csv(await load_all(team, w.today)).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("institution;omraade;boelge;fase;punkt")
    assert "'=HYPERLINK(1)" in text
    rows = export.adoption_csv(await adoption.adoption(team, w.today)).decode("utf-8-sig").splitlines()
    assert len(rows) == 3 and rows[1].split(";")[0] in ("Testhaven", "Testskolen")
