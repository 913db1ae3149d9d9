"""A child who falls ill in the house stays here, and counted, until someone picks it up; then who took it is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError
from domain.organisation.model import InstitutionKind
from domain.presence import alerts, board, family, kiosk, plans, service
from domain.presence.model import Action, DeviceKind, Status, allowed_actions
from domain.presence.plans import PlanInput
from persistence.presence import PresenceChange, PresenceDay
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world

TABLET = DeviceKind.TABLET


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def _sick_in_the_house(world: PresenceWorld, child_id: int) -> service.Done:
    await service.do_action(world.staff, child_id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    return await service.do_action(world.staff, child_id, world.bfo.id, Action.REPORT_SICK, now=at(13),
                                   device=TABLET)


async def test_a_child_sent_home_sick_stays_here_and_counted_until_picked_up(world: PresenceWorld) -> None:
    sick = await _sick_in_the_house(world, world.oscar.id)
    assert (sick.tile.status, sick.tile.is_here) == (Status.SICK_HERE.value, True)
    assert Action.CHECK_OUT in allowed_actions(sick.tile.state, InstitutionKind.BFO)
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    counts = loaded.counts()
    assert (counts.present, counts.absent, counts.gone) == (1, 0, 0)
    assert loaded.ratios()[world.team.id] == (1, 0)
    gone = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(13, 40),
                                   device=TABLET, pickup_key=f"p:{world.farmor.id}")
    assert (gone.tile.status, gone.tile.pickup_by, gone.tile.left) == (Status.PICKED_UP.value, "Farmor", "13:40")
    row = await PresenceDay.get(person_id=world.oscar.id, day=DAY)
    assert (row.pickup_label, row.left_at is not None) == ("Farmor", True)
    change = await PresenceChange.filter(person_id=world.oscar.id).order_by("-id").first()
    assert change is not None and (change.from_status, change.pickup_label) == (Status.SICK_HERE, "Farmor")
    counts = (await board.load_board(world.staff, world.bfo.id, DAY)).counts()
    assert (counts.present, counts.gone) == (0, 1)


async def test_sick_reported_before_arrival_stays_an_absence(world: PresenceWorld) -> None:
    done = await service.do_action(world.parent, world.oscar.id, world.bfo.id, Action.REPORT_SICK, now=NOW,
                                   device=DeviceKind.PHONE)
    assert (done.tile.status, done.tile.is_here) == (Status.SICK.value, False)
    assert (await board.load_board(world.staff, world.bfo.id, DAY)).counts().absent == 1


async def test_a_guardian_reporting_a_present_child_sick_sees_it_must_be_picked_up(world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(9), device=TABLET)
    done = await service.do_action(world.parent, world.oscar.id, world.bfo.id, Action.REPORT_SICK, now=at(10),
                                   device=DeviceKind.PHONE)
    assert done.tile.status == Status.SICK_HERE.value
    days = await family.family_days(world.parent, DAY)
    oscar = next(d for d in days if d.child_id == world.oscar.id)
    assert oscar.tile.status == Status.SICK_HERE.value
    assert [(line.action, line.to_status) for line in oscar.history][-1] == (Action.REPORT_SICK, Status.SICK_HERE)


async def test_not_sick_after_all_and_undo_bring_the_child_back_to_present(world: PresenceWorld) -> None:
    sick = await _sick_in_the_house(world, world.oscar.id)
    undone = await service.do_undo(world.staff, sick.change_id, now=at(13) + timedelta(seconds=3))
    assert undone.status == Status.PRESENT.value
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.REPORT_SICK, now=at(13, 5),
                            device=TABLET)
    cleared = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CLEAR_ABSENCE,
                                      now=at(13, 10), device=TABLET)
    assert cleared.tile.status == Status.PRESENT.value


async def test_the_wall_screen_shows_a_sick_child_present_and_leaves_the_check_out_to_an_adult(
        world: PresenceWorld) -> None:
    from tests.integration.test_kiosk_service import paired_screen

    token = await paired_screen(world)
    await plans.do_plan_day(world.parent, world.ida.id, DAY, PlanInput(alone="15:00"), now=NOW)
    await _sick_in_the_house(world, world.ida.id)
    wall = await kiosk.kiosk_board(token, DAY, now=at(13, 1))
    assert wall.tiles[world.ida.id].status == Status.PRESENT.value  # the hall cannot read that she is ill
    with pytest.raises(DomainError) as refused:  # though she may go home alone on other days
        await kiosk.do_kiosk_action(token, world.ida.id, Action.CHECK_OUT, now=at(15, 1))
    assert refused.value.key == "presence.error.kiosk_adult_checks_out"
    assert (await PresenceDay.get(person_id=world.ida.id, day=DAY)).status is Status.SICK_HERE


async def test_a_sick_child_is_not_sent_off_alone_by_the_departure_queue(world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.ida.id, DAY, PlanInput(alone="15:00"), now=NOW)
    sick = await _sick_in_the_house(world, world.ida.id)
    assert alerts.compute([sick.tile], now_min=15 * 60 + 5).departures == ()
