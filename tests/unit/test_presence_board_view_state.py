"""The board's view state: the default view, a search across every status, and what a device remembers."""

from __future__ import annotations

from typing import Any

from domain.presence.model import Status, Tile
from ui.presence.board_view import STORAGE_KEY, BoardView, remembered


def tile(child_id: int, status: Status, group_id: int = 1) -> Tile:
    return Tile(child_id, 9, "2026-12-07", "Emma", "EK", "", group_id, "Bjørnene", status.value)


def test_the_default_view_shows_children_here_and_expected_but_not_gone_or_absent() -> None:
    view = BoardView()
    assert view.status == "now" and view.sort == "pickup"
    shown = {s for s in Status if view.shows(tile(1, s), "Emma")}
    assert {Status.NOT_ARRIVED, Status.PRESENT, Status.SLEEPING, Status.ON_TRIP} <= shown
    assert not shown & {Status.PICKED_UP, Status.SICK, Status.VACATION}


def test_a_search_finds_a_child_gone_home_but_keeps_to_the_chosen_groups() -> None:
    view = BoardView(search="emma k")
    assert view.shows(tile(1, Status.PICKED_UP), "Emma K.")
    assert not view.shows(tile(2, Status.PRESENT), "Emma B.")
    assert not BoardView(search="emma", groups={2}).shows(tile(3, Status.PRESENT, group_id=1), "Emma")


def test_a_device_remembers_its_view_per_institution_and_drops_what_no_longer_exists() -> None:
    storage: dict[str, Any] = {}
    BoardView(status="hentet", groups={1, 2}, sort="name", search="x").remember(storage, 9)
    assert storage[STORAGE_KEY] == {"9": {"status": "hentet", "groups": [1, 2], "sort": "name"}}
    again = remembered(storage, 9, groups=[2, 3])
    assert (again.status, again.groups, again.sort, again.search) == ("hentet", {2}, "name", "")
    assert remembered(storage, 10, groups=[1]) == BoardView()  # another institution: the default
    storage[STORAGE_KEY] = {"9": {"status": "nonsense", "groups": "1", "sort": 3}}
    assert remembered(storage, 9, groups=[1]) == BoardView()
