"""KommeGå's statistics and daily list over SQLite and PostgreSQL: the numbers, the rows, access and query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.errors import AccessDenied, DomainError
from domain.presence import daily, plans, service, stats
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.plans import PlanInput
from persistence.people import Enrolment
from persistence.presence import PresenceDay
from tests.factory import person
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world
from tests.querycount import count_queries

MONDAY, TUESDAY = DAY - timedelta(days=2), DAY - timedelta(days=1)


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def _day(child_id: int, institution_id: int, day: date, arrive: tuple[int, int], leave: tuple[int, int] | None,
               *, is_staff: bool = False) -> None:
    await PresenceDay.create(person_id=child_id, institution_id=institution_id, day=day, is_staff=is_staff,
                             status=Status.PICKED_UP if leave else Status.PRESENT,
                             arrived_at=at(*arrive, day=day), left_at=at(*leave, day=day) if leave else None,
                             changed_at=at(*arrive, day=day))


async def _history(world: PresenceWorld) -> None:
    """Monday: Oscar 8-16, Carl 9-15, Ida came and never checked out; Tuesday: Oscar 8-14; plus noise to ignore."""
    bfo = world.bfo.id
    await _day(world.oscar.id, bfo, MONDAY, (8, 0), (16, 0))
    await _day(world.other_child.id, bfo, MONDAY, (9, 0), (15, 0))
    await _day(world.ida.id, bfo, MONDAY, (8, 0), None)
    await _day(world.oscar.id, bfo, TUESDAY, (8, 0), (14, 0))
    await _day(world.oscar.id, bfo, DAY, (7, 0), (17, 0))  # today is not over, so not counted
    await _day(world.staff.person_id, bfo, MONDAY, (7, 0), (15, 0), is_staff=True)  # adults are not children
    await _day(world.freja.id, world.daycare.id, MONDAY, (8, 0), (16, 0))  # another institution


async def test_stats_give_children_per_weekday_and_hours_per_group(world: PresenceWorld) -> None:
    await _history(world)
    result = await stats.attendance(world.staff, world.bfo.id, DAY, weeks=1)
    assert (result.first, result.last) == (DAY - timedelta(days=7), TUESDAY)
    team, team2 = result.groups
    assert (team.name, team2.name) == ("0.-1. klasse", "2.-3. klasse")
    by_day = {f.weekday: f for f in team.weekdays}
    assert sorted(by_day) == [0, 1, 2, 3, 4]
    assert (by_day[0].open_days, by_day[0].avg_children, by_day[0].avg_hours) == (1, 2.0, 7.0)
    assert (by_day[1].avg_children, by_day[1].avg_hours) == (1.0, 6.0)
    assert (by_day[2].avg_children, by_day[2].avg_hours) == (0.0, None)
    assert team.avg_hours == 6.7  # (8 + 6 + 6) / 3
    assert (team2.weekdays[0].avg_children, team2.weekdays[0].avg_hours, team2.avg_hours) == (1.0, None, None)


async def test_stats_over_two_weeks_average_over_both_mondays(world: PresenceWorld) -> None:
    await _history(world)
    result = await stats.attendance(world.leader, world.bfo.id, DAY, weeks=2)
    monday = result.groups[0].weekdays[0]
    assert (monday.open_days, monday.avg_children, monday.avg_hours) == (2, 1.0, 7.0)


async def test_stats_csv_has_danish_headers_semicolons_and_decimal_commas(world: PresenceWorld) -> None:
    await _history(world)
    text = stats.to_csv(await stats.attendance(world.staff, world.bfo.id, DAY, weeks=1)).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Gruppe;Ugedag;Åbne dage;Børn i gennemsnit;Timer i gennemsnit"
    assert "0.-1. klasse;Mandag;1;2,0;7,0" in lines
    assert "0.-1. klasse;Onsdag;1;0,0;" in lines
    assert "0.-1. klasse;Alle dage;5;;6,7" in lines
    assert "2.-3. klasse;Mandag;1;1,0;" in lines


async def test_staff_of_another_institution_are_refused_the_stats_and_the_daily_list(world: PresenceWorld) -> None:
    with pytest.raises(AccessDenied):
        await stats.attendance(world.daycare_staff, world.bfo.id, DAY)
    with pytest.raises(AccessDenied):
        await daily.daily_list(world.daycare_staff, world.bfo.id, DAY)
    with pytest.raises(AccessDenied):
        await daily.daily_list(world.parent, world.bfo.id, DAY)


async def test_a_period_outside_one_to_fifty_two_weeks_is_refused(world: PresenceWorld) -> None:
    with pytest.raises(DomainError) as refused:
        await stats.attendance(world.staff, world.bfo.id, DAY, weeks=0)
    assert refused.value.key == "board.error.bad_weeks"


async def test_the_daily_list_shows_arrival_departure_pickup_and_plan_per_group(world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:00", pickup_key=f"p:{world.farmor.id}", note="Husk madpakken"),
                            now=NOW)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(7, 45),
                            device=DeviceKind.TABLET)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(15, 10),
                            device=DeviceKind.TABLET, pickup_key=f"p:{world.farmor.id}")
    listing = await daily.daily_list(world.staff, world.bfo.id, DAY)
    assert listing.institution_name == "Tjek BFO"
    assert [g.name for g in listing.groups] == ["0.-1. klasse", "2.-3. klasse"]
    oscar = next(r for r in listing.groups[0].rows if r.child_id == world.oscar.id)
    assert (oscar.status, oscar.arrived, oscar.left, oscar.picked_up_by) == (Status.PICKED_UP, "07:45", "15:10",
                                                                          "Farmor")
    assert (oscar.plan.at, oscar.plan.label, oscar.has_note) == ("15:00", "Farmor", True)
    ida = listing.groups[1].rows[0]
    assert (ida.status, ida.arrived, ida.left, ida.has_note) == (Status.NOT_ARRIVED, "", "", False)


async def test_the_panel_facts_name_the_planned_pickup_and_the_history(world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:00", pickup_key=f"p:{world.farmor.id}", note="Husk madpakken"),
                            now=NOW)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(7, 45),
                            device=DeviceKind.TABLET)
    facts = await daily.panel_facts(world.staff, world.oscar.id, world.bfo.id, DAY)
    assert (facts.note, facts.pickup.key, facts.may_go_alone) == ("Husk madpakken", f"p:{world.farmor.id}", False)
    assert "Farmor" in [c.label for c in facts.choices]
    assert [line.action for line in facts.history] == [Action.CHECK_IN]


async def test_presence_places_lists_only_the_actors_institutions_that_use_kommegaa(world: PresenceWorld) -> None:
    assert [p.name for p in await daily.presence_places(world.staff)] == ["Tjek BFO"]
    assert await daily.presence_places(world.parent) == []


async def test_stats_and_daily_list_cost_the_same_queries_for_more_children(world: PresenceWorld) -> None:
    await _history(world)
    with count_queries() as few_stats:
        await stats.attendance(world.staff, world.bfo.id, DAY, weeks=4)
    with count_queries() as few_daily:
        await daily.daily_list(world.staff, world.bfo.id, TUESDAY)
    municipality_id = world.oscar.municipality_id
    for n in range(6):
        kid = await person(await world.oscar.municipality, f"Ekstra{n}", child=True, born=DAY - timedelta(days=3000))
        assert kid.municipality_id == municipality_id
        await Enrolment.create(child=kid, institution=world.bfo, group=world.team2, start=DAY - timedelta(days=60))
        for back in range(1, 10):
            await _day(kid.id, world.bfo.id, DAY - timedelta(days=back), (8, 0), (15, 30))
    with count_queries() as many_stats:
        more = await stats.attendance(world.staff, world.bfo.id, DAY, weeks=4)
    with count_queries() as many_daily:
        await daily.daily_list(world.staff, world.bfo.id, TUESDAY)
    assert len(many_stats) == len(few_stats) <= 5
    assert len(many_daily) == len(few_daily) <= 6
    assert more.groups[1].avg_hours == 7.5
