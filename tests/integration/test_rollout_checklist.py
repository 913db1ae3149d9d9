"""Checklist items as data, ticks with history, leaders ticking their own institution, bulk ticks and the matrix."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.organisation.model import InstitutionKind, MunicipalRole
from domain.rollout import bulk, checklist, readiness, waves
from domain.rollout.checklist import ItemDraft
from domain.rollout.matrix import MatrixFilter, load_institution, load_matrix
from domain.rollout.model import CellStatus, ChecklistAction, ObservedKey, ReadinessChanged, SpanKind
from domain.rollout.waves import WaveDraft
from persistence.messages import Message, Thread
from persistence.organisation import Institution
from persistence.people import Employment, MunicipalAssignment
from persistence.rollout import ChecklistEntry, ChecklistItem, ChecklistTick, Programme, Span
from tests.factory import World, build_world, person
from tests.querycount import count_queries


async def team_member(w: World) -> Actor:
    """A project-team member acting as such."""
    municipality = await w.school.municipality
    camilla = await person(municipality, "Camilla", subject="t-team")
    await MunicipalAssignment.create(person=camilla, role=MunicipalRole.PROJECT_TEAM)
    return await current_actor(camilla.id, "project_team", "2", now=utcnow())


async def programme(area: str, today: date) -> tuple[Programme, Span, Span]:
    """A programme of the area with an Udrulning phase (started 10 days ago) and an Evaluering phase."""
    p = await Programme.create(area=area, name=f"Plan {area}", start=today - timedelta(days=60),
                               end=today + timedelta(days=200))
    rollout = await Span.create(programme=p, kind=SpanKind.PHASE, key="udrulning", label="Udrulning",
                                start=today - timedelta(days=10), end=today + timedelta(days=50))
    evaluation = await Span.create(programme=p, kind=SpanKind.PHASE, key="evaluering", label="Evaluering",
                                   start=today + timedelta(days=60), end=today + timedelta(days=90))
    return p, rollout, evaluation


async def test_the_team_creates_edits_orders_and_removes_items_and_others_cannot(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    school, rollout, evaluation = await programme("skole", w.today)
    first = await checklist.do_save_item(team, ItemDraft(school.id, rollout.id, " Personale uddannet ", "Lederen",
                                                         w.today + timedelta(days=5)))
    second = await checklist.do_save_item(team, ItemDraft(school.id, None, "Forældre informeret"))
    third = await checklist.do_save_item(team, ItemDraft(school.id, evaluation.id, "Evaluering besvaret"))
    assert [i.title for i in await checklist.checklist(team, school.id)] == [
        "Personale uddannet", "Forældre informeret", "Evaluering besvaret"]
    await checklist.do_move_item(team, third, -1)
    await checklist.do_move_item(team, first, -1)  # already first: stays
    await checklist.do_save_item(team, ItemDraft(school.id, evaluation.id, "Evaluering besvaret af alle", "Camilla"),
                                 third)
    views = await checklist.checklist(team, school.id)
    assert [(i.title, i.phase_key, i.owner) for i in views] == [
        ("Personale uddannet", "udrulning", "Lederen"), ("Evaluering besvaret af alle", "evaluering", "Camilla"),
        ("Forældre informeret", "", "")]
    await checklist.do_delete_item(team, second)
    assert await ChecklistItem.all().count() == 2

    with pytest.raises(AccessDenied):
        await checklist.do_save_item(leader, ItemDraft(school.id, None, "Mit eget punkt"))
    with pytest.raises(AccessDenied):
        await checklist.do_delete_item(leader, first)
    other, other_phase, _ = await programme("dagtilbud", w.today)
    for draft, key in [(ItemDraft(school.id, None, "  "), "rollout.error.title_required"),
                       (ItemDraft(school.id, None, "x" * 161), "rollout.error.too_long"),
                       (ItemDraft(school.id, other_phase.id, "Forkert fase"), "rollout.error.unknown_phase")]:
        with pytest.raises(DomainError) as refused:
            await checklist.do_save_item(team, draft)
        assert refused.value.key == key
    assert await ChecklistItem.all().count() == 2


async def test_every_tick_untick_and_comment_is_kept_newest_first_and_published(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    school, rollout, _ = await programme("skole", w.today)
    item = await checklist.do_save_item(team, ItemDraft(school.id, rollout.id, "Personale uddannet"))
    seen: list[Event] = []
    sub = bus.subscribe("rollout", seen.append)  # type: ignore[arg-type]
    now = utcnow()
    try:
        await readiness.do_tick(team, w.school.id, item, True, "Kursus holdt", now=now)
        await readiness.do_comment(team, w.school.id, item, "To mangler stadig", now=now + timedelta(minutes=1))
        await readiness.do_tick(team, w.school.id, item, False, "", now=now + timedelta(minutes=2))
    finally:
        sub.cancel()
    assert [(e.ticked, e.was_ticked) for e in seen if isinstance(e, ReadinessChanged)] == [
        (True, False), (True, True), (False, True)]
    entries = await readiness.history(team, w.school.id, item, w.today)
    assert [(e.action, e.comment, e.by_name) for e in entries] == [
        (ChecklistAction.UNTICK, "", "Camilla Testesen"),
        (ChecklistAction.COMMENT, "To mangler stadig", "Camilla Testesen"),
        (ChecklistAction.TICK, "Kursus holdt", "Camilla Testesen")]
    assert await ChecklistTick.all().count() == 1
    with pytest.raises(DomainError) as refused:
        await readiness.do_comment(team, w.school.id, item, "   ", now=now)
    assert refused.value.key == "rollout.error.comment_required"
    assert await ChecklistEntry.all().count() == 3


async def test_a_leader_ticks_only_her_own_institution_and_is_told_why(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    daycare, rollout, _ = await programme("dagtilbud", w.today)
    school, school_phase, _ = await programme("skole", w.today)
    item = await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Forældre informeret"))
    school_item = await checklist.do_save_item(team, ItemDraft(school.id, school_phase.id, "Lærere uddannet"))
    lis = await current_actor(w.leader.id, "leader", "2", now=utcnow())  # leader of the kindergarten
    await readiness.do_tick(lis, w.kindergarten.id, item, True, "Brev sendt", now=utcnow())
    assert (await load_institution(lis, w.kindergarten.id, w.today)).cells[item].by_name == "Lis Testesen"
    with pytest.raises(AccessDenied) as refused:
        await readiness.do_tick(lis, w.school.id, school_item, True, "", now=utcnow())
    assert refused.value.key == "rollout.error.not_own_institution"
    with pytest.raises(AccessDenied):
        await load_institution(lis, w.school.id, w.today)
    with pytest.raises(DomainError) as wrong_area:
        await readiness.do_tick(lis, w.kindergarten.id, school_item, True, "", now=utcnow())
    assert wrong_area.value.key == "rollout.error.not_this_area"
    assert await readiness.my_institutions(lis, w.today) == [(w.kindergarten.id, "Testhaven")]

    tina = await current_actor(w.teacher.id, "staff", "2", now=utcnow())  # a teacher at the school
    with pytest.raises(AccessDenied):
        await readiness.do_tick(tina, w.school.id, school_item, True, "", now=utcnow())
    await Employment.filter(person_id=w.teacher.id).update(superuser=True)
    await readiness.do_tick(tina, w.school.id, school_item, True, "Alle lærere på kursus", now=utcnow())
    assert await ChecklistTick.filter(ticked=True).count() == 2


async def test_bulk_tick_names_the_count_ticks_the_filter_and_undo_puts_it_back(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    daycare, rollout, _ = await programme("dagtilbud", w.today)
    m = await w.school.municipality
    extra = [await Institution.create(municipality=m, number=f"61000{n}", name=name, kind=kind)
             for n, (name, kind) in enumerate([("Ålegården", InstitutionKind.VUGGESTUE),
                                               ("Ællingen", InstitutionKind.BOERNEHAVE),
                                               ("Østerbo", InstitutionKind.DAGPLEJE)])]
    item = await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Forældre informeret"))
    await readiness.do_tick(team, w.kindergarten.id, item, True, "Tidligt ude", now=utcnow())
    await readiness.do_tick(team, extra[0].id, item, False, "Venter", now=utcnow())

    plan = await bulk.check_bulk_tick(team, item, MatrixFilter(), w.today)
    assert plan.count == 3 and w.kindergarten.id not in plan.institution_ids and w.school.id not in plan.institution_ids
    kind_only = await bulk.check_bulk_tick(team, item, MatrixFilter(kind=InstitutionKind.DAGPLEJE), w.today)
    assert kind_only.institution_ids == (extra[2].id,)
    seen: list[Event] = []
    sub = bus.subscribe("rollout", seen.append)  # type: ignore[arg-type]
    try:
        undo = await bulk.do_bulk_tick(team, plan, "Brev til alle", now=utcnow())
    finally:
        sub.cancel()
    assert undo.count == 3 and len(seen) == 3
    assert await ChecklistTick.filter(item_id=item, ticked=True).count() == 4
    assert await ChecklistEntry.filter(item_id=item, action=ChecklistAction.TICK).count() == 4
    assert await bulk.do_undo_bulk(team, undo, now=utcnow()) == 3
    cells = {t.institution_id: (t.ticked, t.comment) for t in await ChecklistTick.filter(item_id=item)}
    assert cells == {w.kindergarten.id: (True, "Tidligt ude"), extra[0].id: (False, "Venter")}
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await bulk.check_bulk_tick(leader, item, MatrixFilter(), w.today)


async def test_the_matrix_filters_sorts_in_danish_and_counts_late_items(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    daycare, rollout, evaluation = await programme("dagtilbud", w.today)
    m = await w.school.municipality
    for n, name in enumerate(["Åen", "Ærtebo", "Zebra", "Østergården"]):
        await Institution.create(municipality=m, number=f"62000{n}", name=name, kind=InstitutionKind.BOERNEHAVE)
    late = await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Forældre informeret", "",
                                                        w.today - timedelta(days=1)))
    later = await checklist.do_save_item(team, ItemDraft(daycare.id, evaluation.id, "Evaluering", "",
                                                         w.today + timedelta(days=70)))
    await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Superbrugere", "", None,
                                                 ObservedKey.SUPERUSERS))
    await readiness.do_tick(team, w.kindergarten.id, late, True, "", now=utcnow())
    await readiness.do_tick(team, w.kindergarten.id, later, True, "", now=utcnow())
    view = await load_matrix(team, MatrixFilter(area=None), w.today)
    daycares = [r.name for r in view.rows if r.kind is InstitutionKind.BOERNEHAVE]
    assert daycares == ["Testhaven", "Zebra", "Ærtebo", "Østergården", "Åen"]
    assert [c.key for c in view.columns] == ["udrulning", "evaluering"]
    by_name = {r.name: r for r in view.rows}
    assert by_name["Testhaven"].progress["udrulning"].done == 1 and by_name["Testhaven"].total.late == 0
    assert by_name["Zebra"].progress["udrulning"].late == 1 and by_name["Zebra"].total.status is CellStatus.LATE
    assert by_name["Testskolen"].total.total == 0  # no school programme: nothing to do
    await Employment.filter(person_id=w.leader.id).update(superuser=True)
    late_only = await load_matrix(team, MatrixFilter(status=CellStatus.LATE), w.today)
    assert [r.name for r in late_only.rows] == ["Zebra", "Ærtebo", "Østergården", "Åen"]
    done = await load_matrix(team, MatrixFilter(status=CellStatus.DONE), w.today)
    assert [r.name for r in done.rows] == ["Testhaven"]  # both items ticked, superusers observed
    schools = await load_matrix(team, MatrixFilter(area=None, kind=InstitutionKind.SKOLE), w.today)
    assert [r.name for r in schools.rows] == ["Testskolen"]
    opened = await load_matrix(team, MatrixFilter(area=daycare.area, phase="udrulning"), w.today)  # type: ignore[arg-type]
    assert [i.title for i in opened.items] == ["Forældre informeret", "Superbrugere"]
    cell = next(r for r in opened.rows if r.name == "Testhaven").cells
    assert cell[late].ticked and next(iter(c for c in cell.values() if c.observed)).by_name == "Sammen"
    assert MatrixFilter.parse(MatrixFilter(area=daycare.area, status=CellStatus.LATE,  # type: ignore[arg-type]
                                           phase="udrulning", page=2).query()) == MatrixFilter(
        area=daycare.area, status=CellStatus.LATE, phase="udrulning", page=2)  # type: ignore[arg-type]
    assert MatrixFilter.parse({"omraade": "nope", "side": "x", "boelge": "9" * 20}) == MatrixFilter()


async def test_loading_the_matrix_costs_the_same_queries_for_many_institutions_and_items(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    daycare, rollout, evaluation = await programme("dagtilbud", w.today)
    await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Første", "", w.today))
    await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Skærm", "", None,
                                                 ObservedKey.WALL_SCREEN_PAIRED))
    with count_queries() as small:
        await load_matrix(team, MatrixFilter(), w.today)
    with count_queries() as small_open:
        await load_matrix(team, MatrixFilter(phase="udrulning"), w.today)
    m = await w.school.municipality
    places = [Institution(municipality=m, number=f"63{n:04d}", name=f"Sted {n}", kind=InstitutionKind.BOERNEHAVE)
              for n in range(30)]
    await Institution.bulk_create(places)
    await ChecklistItem.bulk_create([ChecklistItem(programme_id=daycare.id, phase_id=(rollout, evaluation)[n % 2].id,
                                                   title=f"Punkt {n}", position=n + 3,
                                                   observed=ObservedKey.WALL_SCREEN_PAIRED if n == 3 else None)
                                     for n in range(60)])
    ids = await Institution.all().values_list("id", flat=True)
    items = await ChecklistItem.all().values_list("id", flat=True)
    await ChecklistTick.bulk_create([ChecklistTick(institution_id=i, item_id=t, ticked=True)
                                     for i in ids for t in items[::3]])
    with count_queries() as big:
        view = await load_matrix(team, MatrixFilter(), w.today)
    with count_queries() as big_open:
        opened = await load_matrix(team, MatrixFilter(phase="udrulning"), w.today)
    assert len(big) == len(small) and len(big_open) == len(small_open)
    assert len(view.rows) == 32 and len(opened.items) == 12 and opened.pages == 3  # 32 items in Udrulning


async def test_the_wave_filter_shows_its_institutions_and_ticks_a_column_for_the_wave(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    daycare, rollout, _ = await programme("dagtilbud", w.today)
    m = await w.school.municipality
    first = await Institution.create(municipality=m, number="640001", name="Bien", kind=InstitutionKind.VUGGESTUE)
    await Institution.create(municipality=m, number="640002", name="Myren", kind=InstitutionKind.VUGGESTUE)
    wave = await waves.do_create_wave(team, WaveDraft(daycare.id, "Bølge 1", w.today + timedelta(days=20),
                                                      (first.id, w.kindergarten.id)))
    view = await load_matrix(team, MatrixFilter(wave_id=wave), w.today)
    assert [(r.name, r.wave) for r in view.rows] == [("Bien", "Bølge 1"), ("Testhaven", "Bølge 1")]
    assert (wave, "Bølge 1") in view.waves
    item = await checklist.do_save_item(team, ItemDraft(daycare.id, rollout.id, "Forældre informeret"))
    plan = await bulk.check_bulk_tick(team, item, MatrixFilter(wave_id=wave), w.today)
    assert sorted(plan.institution_ids) == sorted((first.id, w.kindergarten.id))
    assert (await bulk.do_bulk_tick(team, plan, "", now=utcnow())).count == 2
    assert await ChecklistTick.filter(item_id=item, ticked=True).count() == 2


async def test_sammen_sees_the_first_message_sent_by_staff_and_refuses_a_hand_tick(database: str) -> None:
    w = await build_world()
    team = await team_member(w)
    school, rollout, _ = await programme("skole", w.today)
    item = await checklist.do_save_item(team, ItemDraft(school.id, rollout.id, "Første besked sendt", "", None,
                                                        ObservedKey.FIRST_MESSAGE))
    assert not (await load_institution(team, w.school.id, w.today)).cells[item].observed
    now = utcnow()
    thread = await Thread.create(subject="Velkommen", created_at=now, created_by=w.teacher, last_message_at=now)
    await Message.create(thread=thread, sender=w.teacher, sender_name="Tina", body="Hej alle", created_at=now)
    cell = (await load_institution(team, w.school.id, w.today)).cells[item]
    assert cell.observed and cell.ticked and cell.by_name == "Sammen"
    with pytest.raises(DomainError) as refused:
        await readiness.do_tick(team, w.school.id, item, False, "", now=now)
    assert refused.value.key == "rollout.error.observed"
