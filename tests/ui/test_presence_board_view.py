"""The board's view on a tablet: here and expected by pickup time by default, remembered per device, telling names."""

from __future__ import annotations

import asyncio
from collections import Counter

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.collation import danish_key
from domain.events import bus
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.presence import service
from domain.presence.board import Board, load_board
from domain.presence.model import Action, DeviceKind, Status
from domain.ticker import MinutePassed
from persistence.organisation import Institution
from persistence.people import Person
from persistence.presence import PresenceChange, PresenceDay
from tests.clocks import TestClock
from tests.ui.conftest import login
from ui.presence.tiles import TileCard

SOFIE = "demo-paedagog-bfo"


async def sofie() -> Actor:
    person = await Person.get(first_name="Sofie", last_name="Nielsen")
    facts = await load_person_facts(person.id, today_local())
    assert facts is not None
    return facts.actor(Role.STAFF, "3")


async def bfo_board() -> tuple[Actor, Institution, Board]:
    actor = await sofie()
    bfo = await Institution.get(name="Skovlyskolens BFO")
    return actor, bfo, await load_board(actor, bfo.id, today_local())


async def set_day(actor: Actor, bfo: Institution, child_id: int, *actions: Action) -> None:
    """Wipe the child's day, then do the actions in order."""
    await PresenceDay.filter(person_id=child_id, day=today_local()).delete()
    await PresenceChange.filter(person_id=child_id, day=today_local()).delete()
    for action in actions:
        await service.do_action(actor, child_id, bfo.id, action, now=utcnow(), device=DeviceKind.TABLET)


def cards(user: User) -> list[TileCard]:
    """The tiles in the grid's order."""
    (grid,) = user.find(marker="board-grid").elements
    return [c for c in grid.default_slot.children if isinstance(c, TileCard)]


def card_of(user: User, child_id: int) -> TileCard:
    """A child's tile, shown or hidden (find() sees only what is shown)."""
    (card,) = [c for c in cards(user) if child_of(c) == child_id]
    return card


def child_of(card: TileCard) -> int:
    return int(card._props["tile"]["id"])  # noqa: SLF001 (the tile's own props are what the browser gets)


async def three_children(actor: Actor, bfo: Institution, board: Board) -> tuple[int, int, int]:
    """A child not arrived yet, one gone home and one reported sick."""
    waiting, gone, sick = sorted(board.tiles)[:3]
    await set_day(actor, bfo, waiting)
    await set_day(actor, bfo, gone, Action.CHECK_IN, Action.CHECK_OUT)
    await set_day(actor, bfo, sick, Action.REPORT_SICK)
    return waiting, gone, sick


async def test_the_board_shows_children_here_and_expected_by_pickup_time_by_default(user: User) -> None:
    actor, bfo, board = await bfo_board()
    waiting, gone, sick = await three_children(actor, bfo, board)
    await login(user, SOFIE)
    await user.open("/kommegaa")
    await user.should_see(marker=f"tile-{waiting}")
    assert card_of(user, waiting).visible
    assert not card_of(user, gone).visible  # "Gået hjem" and absent children are behind the filter
    assert not card_of(user, sick).visible
    (status,) = user.find(marker="status-filter").elements
    assert isinstance(status, ui.select) and status.value == "now"
    board = await load_board(actor, bfo.id, today_local())
    shown = [board.tiles[child_of(c)] for c in cards(user) if c.visible]
    assert shown and all(x.is_here or x.state is Status.NOT_ARRIVED for x in shown)
    keys = [(x.alone or x.pickup or "99:99", danish_key(board.name(x))) for x in shown]
    assert keys == sorted(keys)  # by pickup time, then by name in Danish order
    assert len({k[0] for k in keys}) > 1


async def test_the_chosen_view_groups_and_sort_are_remembered_on_this_device(user: User) -> None:
    actor, bfo, board = await bfo_board()
    _, gone, _ = await three_children(actor, bfo, board)
    group_id = next(iter(board.groups))
    await login(user, SOFIE)
    await user.open("/kommegaa")
    await user.should_see(marker="status-filter")
    (status,) = user.find(marker="status-filter").elements
    (sort,) = user.find(marker="sort").elements
    assert isinstance(status, ui.select) and isinstance(sort, ui.toggle)
    status.set_value("")  # Alle
    sort.set_value("name")
    (chip,) = user.find(marker=f"group-chip-{group_id}").elements
    assert isinstance(chip, ui.chip)
    chip.set_selected(True)
    await user.open("/kommegaa")  # a new page on the same tablet
    await user.should_see(marker="status-filter")
    (status,) = user.find(marker="status-filter").elements
    (sort,) = user.find(marker="sort").elements
    (chip,) = user.find(marker=f"group-chip-{group_id}").elements
    assert isinstance(status, ui.select) and status.value == ""
    assert isinstance(sort, ui.toggle) and sort.value == "name"
    assert isinstance(chip, ui.chip) and chip.selected
    shown = [child_of(c) for c in cards(user) if c.visible]
    assert shown and all(board.tiles[c].group_id == group_id for c in shown)
    if board.tiles[gone].group_id == group_id:
        assert card_of(user, gone).visible
    names = [danish_key(board.name(board.tiles[c])) for c in shown]
    assert names == sorted(names)


async def test_children_with_the_same_first_name_are_told_apart_on_their_tiles(user: User) -> None:
    _, _, board = await bfo_board()
    firsts = Counter(x.first_name for x in board.tiles.values())
    only = next(x for x in board.tiles.values() if firsts[x.first_name] == 1)
    emmas = [x.child_id for x in board.tiles.values() if x.child_id != only.child_id][:3]
    for child_id, last in zip(emmas, ("Kristensen", "Knudsen", "Berg"), strict=True):
        await Person.filter(id=child_id).update(first_name="Emma", last_name=last)
    await login(user, SOFIE)
    await user.open("/kommegaa")
    await user.should_see(marker="board-grid")
    views = [card_of(user, c)._props["tile"] for c in emmas]  # noqa: SLF001 (what the browser is sent)
    assert [v["name"] for v in views] == ["Emma Kr.", "Emma Kn.", "Emma B."]
    for view in views:
        assert str(view["label"]).startswith(f"{view['name']}, ")  # the spoken name says the same, then the rest
    assert card_of(user, only.child_id)._props["tile"]["name"] == only.first_name  # noqa: SLF001
    user.find(marker=f"tile-{emmas[0]}").click()  # the dialog names her as her tile does
    await user.should_see(marker=f"panel-{emmas[0]}", retries=40)
    heading = [e for e in user.find(marker=f"panel-{emmas[0]}").elements.pop().descendants()
               if isinstance(e, ui.label) and "text-h6" in e.classes]
    assert [e.text for e in heading] == ["Emma Kr."]


async def test_a_tile_this_tablet_checked_out_stays_in_view_for_a_minute(user: User, clock: TestClock) -> None:
    actor, bfo, board = await bfo_board()
    child = sorted(board.tiles)[0]
    await set_day(actor, bfo, child, Action.CHECK_IN)
    await login(user, SOFIE)
    await user.open("/kommegaa")
    user.find(marker=f"tile-{child}").click()
    await user.should_see(marker="action-tjek_ud", retries=20)
    user.find(marker="action-tjek_ud").click()
    await user.should_see(marker=f"status-{child}-hentet", retries=20)
    assert card_of(user, child).visible  # focus and Fortryd stay on the tile the pædagog just changed
    clock.advance(minutes=2)
    await bus.deliver_locally(MinutePassed(utcnow()))
    for _ in range(40):
        if not card_of(user, child).visible:
            break
        await asyncio.sleep(0.05)
    assert not card_of(user, child).visible
