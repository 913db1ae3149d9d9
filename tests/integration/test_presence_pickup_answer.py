"""One answer to "who picks the child up now", the same on the board, the dialog, the parent's pages and the wall."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError
from domain.events import Event, bus
from domain.presence import board, daily, family, kiosk, plans, service
from domain.presence.model import ALONE_KEY, ALONE_LABEL, Action, ConsentKind, DeviceKind, Pickup, Status, Tile
from domain.presence.plans import PlanInput
from persistence.presence import PresenceDay
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world

TABLET = DeviceKind.TABLET


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def _everywhere(world: PresenceWorld, child_id: int) -> list[Pickup]:
    """The answer as the board, the dialog's facts and the parent's own pages each get it."""
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    facts = await daily.panel_facts(world.staff, child_id, world.bfo.id, DAY)
    own = next(d for d in await family.family_days(world.parent, DAY) if d.child_id == child_id)
    return [loaded.tiles[child_id].pickup_now, facts.pickup, own.tile.pickup_now]


async def _picked_up_by_mette_and_back(world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(13), device=TABLET,
                            pickup_key=f"g:{world.parent.person_id}")
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(14), device=TABLET)


async def test_farmor_planned_after_a_re_check_in_is_the_answer_on_every_screen(world: PresenceWorld) -> None:
    await _picked_up_by_mette_and_back(world)
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=at(14, 5))
    farmor = Pickup(f"p:{world.farmor.id}", "Farmor", "15:30")
    assert await _everywhere(world, world.oscar.id) == [farmor] * 3
    gone = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(15, 31),
                                   device=TABLET)  # the dialog's default button sends no key: the answer is recorded
    assert gone.tile.pickup_now == Pickup("", "Farmor", "15:31", done=True)
    listing = await daily.daily_list(world.staff, world.bfo.id, DAY)
    oscar = next(r for g in listing.groups for r in g.rows if r.child_id == world.oscar.id)
    assert (oscar.picked_up_by, oscar.plan) == ("Farmor", farmor)


async def test_the_wall_screen_names_the_planned_person_not_the_earlier_one(world: PresenceWorld) -> None:
    from tests.integration.test_kiosk_service import paired_screen

    token = await paired_screen(world)
    await _picked_up_by_mette_and_back(world)
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=at(14, 5))
    with pytest.raises(DomainError) as refused:
        await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_OUT, now=at(15))
    assert (refused.value.key, refused.value.params["by"]) == ("presence.error.kiosk_pickup_by", "Farmor")


async def test_an_undone_re_check_in_shows_who_took_the_child_and_an_undone_check_out_the_plan(
        world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=NOW)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(13), device=TABLET,
                            pickup_key=f"g:{world.parent.person_id}")
    back = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(14),
                                   device=TABLET)
    farmor = Pickup(f"p:{world.farmor.id}", "Farmor", "15:30")
    assert back.tile.pickup_now == farmor
    undone = await service.do_undo(world.staff, back.change_id, now=at(14) + timedelta(seconds=5))
    mette = Pickup("", "Mette", "13:00", done=True)
    assert (undone.status, undone.pickup_now) == (Status.PICKED_UP.value, mette)
    assert await _everywhere(world, world.oscar.id) == [mette] * 3
    back = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(14, 10),
                                   device=TABLET)
    gone = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(14, 20),
                                   device=TABLET, pickup_key=f"g:{world.parent.person_id}")
    undone = await service.do_undo(world.staff, gone.change_id, now=at(14, 20) + timedelta(seconds=5))
    assert (undone.status, undone.pickup_now) == (Status.PRESENT.value, farmor)
    assert await _everywhere(world, world.oscar.id) == [farmor] * 3


async def test_a_new_standard_week_reaches_open_screens_at_once(world: PresenceWorld) -> None:
    await _picked_up_by_mette_and_back(world)
    events: list[Event] = []
    sub = bus.subscribe(f"presence-child:{world.oscar.id}", events.append)
    try:
        week = {DAY.weekday(): PlanInput(pickup="15:45", pickup_key=f"p:{world.farmor.id}")}
        await plans.do_set_week(world.parent, world.oscar.id, week, now=at(14, 5))
    finally:
        sub.cancel()
    farmor = Pickup(f"p:{world.farmor.id}", "Farmor", "15:45")
    assert [Tile.from_wire(e.tile).pickup_now for e in events] == [farmor]  # type: ignore[attr-defined]
    assert await _everywhere(world, world.oscar.id) == [farmor] * 3


async def test_the_days_own_plan_wins_over_a_later_standard_week(world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=NOW)
    week = {DAY.weekday(): PlanInput(pickup="16:00", pickup_key=f"g:{world.parent.person_id}")}
    await plans.do_set_week(world.parent, world.oscar.id, week, now=at(9))
    assert await _everywhere(world, world.oscar.id) == [Pickup(f"p:{world.farmor.id}", "Farmor", "15:30")] * 3


async def test_a_standard_week_changed_after_the_check_out_does_not_rewrite_who_took_the_child(
        world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(13), device=TABLET,
                            pickup_key=f"g:{world.parent.person_id}")
    week = {d: PlanInput(pickup="15:45", pickup_key=f"p:{world.farmor.id}") for d in range(5)}
    await plans.do_set_week(world.parent, world.oscar.id, week, now=at(20))  # for the weeks to come
    assert await _everywhere(world, world.oscar.id) == [Pickup("", "Mette", "13:00", done=True)] * 3


async def _ida_may_go_alone(world: PresenceWorld, plan: PlanInput) -> None:
    await plans.do_plan_day(world.parent, world.ida.id, DAY, plan, now=NOW)
    await service.do_action(world.staff, world.ida.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)


async def test_a_child_going_home_alone_is_the_answer_and_a_plain_check_out_records_it(world: PresenceWorld) -> None:
    await _ida_may_go_alone(world, PlanInput(alone="15:00"))
    alone = Pickup(ALONE_KEY, ALONE_LABEL, "15:00")
    assert await _everywhere(world, world.ida.id) == [alone] * 3
    gone = await service.do_action(world.staff, world.ida.id, world.bfo.id, Action.CHECK_OUT, now=at(15, 5),
                                   device=TABLET)
    assert gone.tile.pickup_now == Pickup(ALONE_KEY, ALONE_LABEL, "15:05", done=True)
    assert gone.tile.pickup_now.alone


async def test_a_standard_week_saying_both_goes_alone_on_every_screen(world: PresenceWorld) -> None:
    week = {DAY.weekday(): PlanInput(pickup="14:30", pickup_key=f"g:{world.parent.person_id}", alone="15:00")}
    await plans.do_set_week(world.parent, world.ida.id, week, now=NOW)
    await service.do_action(world.staff, world.ida.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    # The parent's Overblik says "Går selv hjem 15:00" and the wall lets her go: the board and the dialog agree.
    assert await _everywhere(world, world.ida.id) == [Pickup(ALONE_KEY, ALONE_LABEL, "15:00")] * 3


async def test_withdrawing_the_consent_to_go_alone_reaches_open_screens(world: PresenceWorld) -> None:
    await _ida_may_go_alone(world, PlanInput(pickup="15:30", alone="15:00"))
    events: list[Event] = []
    sub = bus.subscribe(f"presence-child:{world.ida.id}", events.append)
    try:
        await plans.do_consent(world.parent, world.ida.id, ConsentKind.GO_HOME_ALONE, False, now=at(13))
    finally:
        sub.cancel()
    assert [Tile.from_wire(e.tile).pickup_now for e in events] == [Pickup("", "", "15:30")]  # type: ignore[attr-defined]
    row = await PresenceDay.get(person_id=world.ida.id, day=DAY)
    assert row.status is Status.PRESENT


async def test_a_child_reported_sick_is_picked_up_by_no_one_on_any_screen(world: PresenceWorld) -> None:
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=at(7))
    await service.do_action(world.parent, world.oscar.id, world.bfo.id, Action.REPORT_SICK, now=at(7, 5),
                            device=DeviceKind.PHONE)
    assert await _everywhere(world, world.oscar.id) == [Pickup()] * 3
