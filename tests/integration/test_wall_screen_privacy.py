"""The wall screen needs no login, so it shows each child only as present or not, over SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from domain.events import Event, bus
from domain.presence import kiosk, plans, service
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status, presence_topic
from domain.presence.plans import PlanInput
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def _screen(world: PresenceWorld) -> str:
    request = await kiosk.do_request_pairing(now=NOW)
    await kiosk.do_pair(world.leader, world.bfo.id, request.code, "Garderoben", now=NOW)
    return request.token


async def test_the_wall_screen_shows_a_sick_or_away_child_only_as_not_present(world: PresenceWorld) -> None:
    token = await _screen(world)
    await plans.do_report_absence(world.parent, world.oscar.id, True, DAY, DAY, now=at(7, 5))  # sick
    await plans.do_report_absence(world.parent, world.ida.id, False, DAY, DAY, now=at(7, 6))  # vacation
    await plans.do_plan_day(world.other_parent, world.other_child.id, DAY,
                            PlanInput(pickup="15:30", note="Tandlæge kl. 16"), now=at(7, 7))
    await service.do_action(world.staff, world.other_child.id, world.bfo.id, Action.CHECK_IN, now=at(7, 40),
                            device=DeviceKind.TABLET)
    board = await kiosk.kiosk_board(token, DAY, now=at(7, 45))
    tiles = board.tiles
    assert (tiles[world.oscar.id].status, tiles[world.ida.id].status) == (Status.NOT_ARRIVED.value,) * 2
    carl = tiles[world.other_child.id]
    assert carl.status == Status.PRESENT.value
    assert (carl.pickup, carl.pickup_by, carl.has_note, carl.since, carl.changed_by) == ("", "", False, "", "")
    everything = repr(board.tiles) + repr(board.staff)
    for word in ("syg", "ferie", "15:30", "Sofie", "Mette"):
        assert word not in everything, word
    # The staff board still knows who is sick.
    assert (await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(8),
                                    device=DeviceKind.TABLET)).tile.status == Status.PRESENT.value


async def test_a_live_change_and_the_childs_own_tap_reach_the_screen_as_present_or_not(world: PresenceWorld) -> None:
    token = await _screen(world)
    events: list[Event] = []
    sub = bus.subscribe(presence_topic(world.bfo.id), events.append)
    try:
        await service.do_action(world.staff, world.other_child.id, world.bfo.id, Action.REPORT_SICK, now=at(7, 50),
                                device=DeviceKind.TABLET)
    finally:
        sub.cancel()
    [changed] = [e for e in events if isinstance(e, PresenceChanged)]
    assert kiosk.wall_tile_of(changed).status == Status.NOT_ARRIVED.value
    done = await kiosk.do_kiosk_action(token, world.other_child.id, Action.CHECK_IN, now=at(8))
    assert (done.tile.status, done.tile.changed_by, done.tile.since) == (Status.PRESENT.value, "", "")
