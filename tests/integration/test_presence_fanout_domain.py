"""One check-in costs the same queries with 1 or 200 subscribed boards, and every board takes the new tile."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from domain.events import Event, Subscription, bus
from domain.presence import board, service
from domain.presence.board import Board
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status, Tile
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world
from tests.querycount import count_queries

BOARDS = 200


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


@pytest.fixture
def subscriptions() -> Iterator[list[Subscription]]:
    subs: list[Subscription] = []
    yield subs
    for sub in subs:
        sub.cancel()


async def open_boards(world: PresenceWorld, count: int, subs: list[Subscription]) -> list[Board]:
    """Boards loaded once, each kept current by its own handler from the event alone (no database)."""
    boards = []
    for _ in range(count):
        shown = await board.load_board(world.staff, world.bfo.id, DAY)

        def take(event: Event, shown: Board = shown) -> None:
            if isinstance(event, PresenceChanged):
                shown.apply(Tile.from_wire(event.tile))

        subs.append(bus.subscribe(f"presence:{world.bfo.id}", take))
        boards.append(shown)
    return boards


async def counted_action(world: PresenceWorld, child_id: int, action: Action, minute: int) -> int:
    with count_queries() as sent:
        await service.do_action(world.staff, child_id, world.bfo.id, action, now=at(8, minute),
                                device=DeviceKind.TABLET)
    return len(sent)


async def test_a_check_in_sends_as_many_queries_to_200_boards_as_to_one(
        world: PresenceWorld, subscriptions: list[Subscription]) -> None:
    await open_boards(world, 1, subscriptions)
    with_one = await counted_action(world, world.oscar.id, Action.CHECK_IN, 0)
    await counted_action(world, world.oscar.id, Action.CHECK_OUT, 1)
    await open_boards(world, BOARDS - 1, subscriptions)
    assert bus.subscriber_count(f"presence:{world.bfo.id}") == BOARDS
    with_many = await counted_action(world, world.oscar.id, Action.CHECK_IN, 2)
    assert with_many == with_one


async def test_every_one_of_200_boards_shows_the_checked_in_child(
        world: PresenceWorld, subscriptions: list[Subscription]) -> None:
    boards = await open_boards(world, BOARDS, subscriptions)
    assert {b.tiles[world.ida.id].status for b in boards} == {Status.NOT_ARRIVED.value}
    done = await service.do_action(world.staff, world.ida.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                   device=DeviceKind.TABLET)
    assert done.tile.status == Status.PRESENT.value
    assert all(b.tiles[world.ida.id] == done.tile for b in boards)
    assert {b.counts().present for b in boards} == {1}
