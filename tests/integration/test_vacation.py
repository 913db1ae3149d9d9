"""Vacation requests over SQLite and PostgreSQL: creating, answering, KommeGå plans and expected attendance."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain.clock import COPENHAGEN
from domain.errors import AccessDenied, DomainError, NotFound
from domain.events import Event, bus
from domain.organisation.model import InstitutionKind
from domain.presence.model import Status
from domain.vacation import attendance, queries, service
from domain.vacation.model import DayAnswer, VacationAnswered
from persistence.organisation import Institution
from persistence.presence import PlanEntry, PresenceDay, PresenceSettings
from persistence.vacation import VacationAnswer, VacationRequest
from tests.presence_world import NOW, PresenceWorld, build_presence_world
from tests.querycount import count_queries

FIRST, LAST = date(2026, 12, 21), date(2026, 12, 31)  # Monday to Thursday, with Christmas Eve closed at the BFO
DEADLINE = datetime(2026, 12, 10, 23, 59, tzinfo=COPENHAGEN).astimezone(UTC)
MON, TUE, WED, XMAS_EVE, SAT = (date(2026, 12, d) for d in (21, 22, 23, 24, 26))


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    w = await build_presence_world()
    await PresenceSettings.filter(institution_id=w.bfo.id).update(
        closing_days=[{"day": XMAS_EVE.isoformat(), "reason": "Juleaften"}])
    return w


async def _request(w: PresenceWorld, **changes: Any) -> int:
    values: dict[str, Any] = {"title": "Juleferie", "note": "Svar venligst", "first_day": FIRST,
                                 "last_day": LAST, "deadline": DEADLINE, "institution_ids": [w.bfo.id],
                                 "group_ids": [], "now": NOW}
    values.update(changes)
    return await service.do_create_request(w.leader, **values)


async def test_bad_requests_are_refused_with_a_reason_and_nothing_is_stored(world: PresenceWorld) -> None:
    school = await Institution.create(municipality_id=world.bfo.municipality_id, number="700009", name="Tjekskolen",
                                      kind=InstitutionKind.SKOLE)
    cases: list[tuple[dict[str, Any], str]] = [
             ({"last_day": FIRST + timedelta(days=92)}, "vacation.error.period_too_long"),
             ({"deadline": datetime(2026, 12, 21, 12, tzinfo=COPENHAGEN)}, "vacation.error.deadline_after_start"),
             ({"deadline": NOW - timedelta(hours=1)}, "vacation.error.deadline_past"),
             ({"institution_ids": [school.id]}, "vacation.error.not_presence"),
             ({"institution_ids": []}, "vacation.error.no_targets"),
             ({"title": "  "}, "vacation.error.no_title")]
    for changes, key in cases:
        with pytest.raises(DomainError) as refused:
            await _request(world, **changes)
        assert refused.value.key == key
    with pytest.raises(AccessDenied):  # a pædagog asks her groups, not the whole institution
        await service.do_create_request(world.staff, title="Ferie", note="", first_day=FIRST, last_day=LAST,
                                        deadline=DEADLINE, institution_ids=[world.bfo.id], group_ids=[], now=NOW)
    assert await VacationRequest.all().count() == 0
    await service.do_create_request(world.staff, title="Ferie", note="", first_day=FIRST, last_day=LAST,
                                    deadline=DEADLINE, institution_ids=[], group_ids=[world.team.id], now=NOW)
    assert await VacationRequest.all().count() == 1


async def test_only_a_concerned_guardian_answers_open_days_within_hours_before_the_deadline(
        world: PresenceWorld) -> None:
    request_id = await _request(world, institution_ids=[], group_ids=[world.team.id])  # Oscar and Carl, not Ida
    ok = {MON: DayAnswer(comes=False)}
    with pytest.raises(AccessDenied):
        await service.do_answer(world.other_parent, request_id=request_id, child_id=world.oscar.id, days=ok, now=NOW)
    with pytest.raises(NotFound):
        await service.do_answer(world.parent, request_id=request_id, child_id=world.ida.id, days=ok, now=NOW)
    refusals = [({XMAS_EVE: DayAnswer(comes=False)}, "vacation.error.closed_day"),
                ({SAT: DayAnswer(comes=True)}, "vacation.error.closed_day"),
                ({date(2027, 1, 4): DayAnswer(comes=False)}, "vacation.error.day_outside"),
                ({MON: DayAnswer(comes=False), TUE: DayAnswer(True, "05:30", "12:00")}, "vacation.error.outside_hours"),
                ({TUE: DayAnswer(True, "12:00", "11:00")}, "vacation.error.pickup_before_arrival")]
    for days, key in refusals:
        with pytest.raises(DomainError) as refused:
            await service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id, days=days, now=NOW)
        assert refused.value.key == key
    with pytest.raises(DomainError) as late:
        await service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id, days=ok,
                                now=DEADLINE + timedelta(minutes=1))
    assert late.value.key == "vacation.error.deadline_passed"
    assert await VacationAnswer.all().count() == 0
    assert await PresenceDay.filter(person_id=world.oscar.id).count() == 0


async def test_answers_become_the_childs_kommegaa_plan_and_a_changed_answer_changes_it(world: PresenceWorld) -> None:
    request_id = await _request(world)
    heard: list[Event] = []
    sub = bus.subscribe(f"vacation:{request_id}", heard.append)
    try:
        await service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id, now=NOW, days={
            MON: DayAnswer(comes=False), TUE: DayAnswer(True, "08:00", "15:00"), WED: DayAnswer(comes=True)})
    finally:
        sub.cancel()
    assert heard == [VacationAnswered(request_id, world.oscar.id)]
    status = dict(await PresenceDay.filter(person_id=world.oscar.id).values_list("day", "status"))
    assert status == {MON: Status.VACATION}
    plans = {e.day: (e.arrival_min, e.pickup_min) for e in await PlanEntry.filter(child_id=world.oscar.id,
                                                                                   day__isnull=False)}
    assert plans == {TUE: (480, 900)}

    await service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id, now=NOW, days={
        MON: DayAnswer(True, "09:00", "14:00"), TUE: DayAnswer(comes=False)})
    status = dict(await PresenceDay.filter(person_id=world.oscar.id).values_list("day", "status"))
    assert status == {MON: Status.NOT_ARRIVED, TUE: Status.VACATION}
    plans = {e.day: (e.arrival_min, e.pickup_min) for e in await PlanEntry.filter(child_id=world.oscar.id,
                                                                                   day__isnull=False)}
    assert plans == {MON: (540, 840)}
    answers = {a.day: a.comes for a in await VacationAnswer.filter(request_id=request_id, child_id=world.oscar.id)}
    assert answers == {MON: True, TUE: False, WED: True}

    # Sent again, the same answers change nothing: applying is idempotent.
    before = await PlanEntry.filter(child_id=world.oscar.id, day=MON).values_list("id", flat=True)
    await service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id, now=NOW, days={
        MON: DayAnswer(True, "09:00", "14:00"), TUE: DayAnswer(comes=False)})
    assert await PlanEntry.filter(child_id=world.oscar.id, day=MON).values_list("id", flat=True) == before


async def test_attendance_counts_each_day_in_a_constant_number_of_queries(world: PresenceWorld) -> None:
    request_id = await _request(world)  # Oscar, Ida and Carl at the BFO
    await service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id, now=NOW,
                            days={MON: DayAnswer(comes=False), TUE: DayAnswer(comes=True)})
    with count_queries() as first:
        seen = await attendance.attendance(world.staff, request_id)
    await service.do_answer(world.parent, request_id=request_id, child_id=world.ida.id, now=NOW,
                            days={MON: DayAnswer(comes=True)})
    await service.do_answer(world.other_parent, request_id=request_id, child_id=world.other_child.id, now=NOW,
                            days={d: DayAnswer(comes=False) for d in (MON, TUE, WED)})
    with count_queries() as second:
        seen = await attendance.attendance(world.staff, request_id)
    assert len(first) == len(second) <= 7
    by_day = {c.day: (c.comes, c.away, c.missing, c.closed) for c in seen.days}
    assert by_day[MON] == (1, 2, 0, 0)
    assert by_day[TUE] == (1, 1, 1, 0)
    assert by_day[XMAS_EVE] == (0, 0, 0, 3)
    assert seen.children == 3 and len(seen.unanswered) == 3
    with pytest.raises(AccessDenied):
        await attendance.attendance(world.daycare_staff, request_id)
    pending = await queries.pending_for_guardian(world.parent, NOW)
    assert [(p.child_names, p.waiting) for p in pending] == [(("Ida", "Oscar"), ("Ida", "Oscar"))]
    await service.do_close(world.staff, request_id, now=NOW)
    with pytest.raises(DomainError) as closed:
        await service.do_answer(world.parent, request_id=request_id, child_id=world.ida.id, now=NOW,
                                days={TUE: DayAnswer(comes=True)})
    assert closed.value.key == "vacation.error.deadline_passed"
    assert await queries.pending_for_guardian(world.parent, NOW) == []


async def test_two_guardians_answering_at_once_leave_one_answer_per_day(world: PresenceWorld) -> None:
    request_id = await _request(world)
    days = {d: DayAnswer(comes=False) for d in (MON, TUE, WED)}
    await asyncio.gather(*[service.do_answer(world.parent, request_id=request_id, child_id=world.oscar.id,
                                             days=days, now=NOW) for _ in range(2)])
    assert await VacationAnswer.filter(request_id=request_id, child_id=world.oscar.id).count() == 3
    assert await PresenceDay.filter(person_id=world.oscar.id, status=Status.VACATION).count() == 3


async def test_a_leader_sees_the_answers_of_his_own_institutions_children_only(world: PresenceWorld) -> None:
    # As in the demo: one request reaches two institutions; its author leads only one of them.
    lene = world.leader
    row = await VacationRequest.create(author_id=lene.person_id, author_name="Lene", title="Juleferie", note="",
                                       first_day=FIRST, last_day=LAST, deadline=DEADLINE,
                                       institution_ids=[world.bfo.id, world.daycare.id], group_ids=[], created_at=NOW)
    await service.do_answer(world.parent, request_id=row.id, child_id=world.freja.id, now=NOW,
                            days={MON: DayAnswer(comes=False)})
    seen = await attendance.attendance(lene, row.id)
    assert seen.children == 3 and not any("Freja" in name for name in seen.unanswered)
    assert sorted(n.split()[0] for n in seen.unanswered) == ["Carl", "Ida", "Oscar"]
    assert {c.day: c.away for c in seen.days}[MON] == 0  # Freja's answer is not counted for the BFO's leader
    at_daycare = await attendance.attendance(world.daycare_staff, row.id)
    assert at_daycare.children == 1 and {c.day: c.away for c in at_daycare.days}[MON] == 1
