"""What a board shows and in which order: the view (status, groups, sort) chosen and remembered on this device."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from domain.collation import danish_key
from domain.presence.board import Board
from domain.presence.model import Status, Tile

NOW_FILTER = "now"  # here or still expected: what staff need at this moment (the default)
ALL_FILTER = ""
HERE_FILTER = "here"
STATUS_FILTERS = (NOW_FILTER, ALL_FILTER, HERE_FILTER, *(s.value for s in Status))
SORTS = ("pickup", "name")
# app.storage.user is kept per browser (its cookie), not per login: the tablet on the wall keeps its view whoever
# logs in, and a pædagog's phone keeps its own.
STORAGE_KEY = "board_view"


@dataclass
class BoardView:
    """One device's choice on one institution's board; search is not remembered (it is for one child, now)."""

    status: str = NOW_FILTER
    groups: set[int] = field(default_factory=set)
    sort: str = "pickup"
    search: str = ""

    def shows(self, tile: Tile, name: str) -> bool:
        """Whether a tile passes the filters; a search finds a child whatever its status (gone home, ill)."""
        if self.groups and tile.group_id not in self.groups:
            return False
        if self.search:
            return self.search in name.casefold()
        if self.status == NOW_FILTER and not (tile.is_here or tile.state is Status.NOT_ARRIVED):
            return False
        if self.status == HERE_FILTER and not tile.is_here:
            return False
        return self.status in (NOW_FILTER, ALL_FILTER, HERE_FILTER) or tile.status == self.status

    def ordered(self, board: Board) -> list[Tile]:
        """The tiles in order: by pickup time (going alone by its time), then by name, in Danish alphabetical order."""
        tiles = list(board.tiles.values())
        if self.sort == "pickup":
            return sorted(tiles, key=lambda x: (x.alone or x.pickup or "99:99", danish_key(board.name(x)), x.child_id))
        return sorted(tiles, key=lambda x: (danish_key(board.name(x)), x.child_id))

    def remember(self, storage: MutableMapping[str, Any], institution_id: int) -> None:
        """Keep the choice for this institution on this device."""
        stored = storage.get(STORAGE_KEY)
        views = dict(stored) if isinstance(stored, dict) else {}
        views[str(institution_id)] = {"status": self.status, "groups": sorted(self.groups), "sort": self.sort}
        storage[STORAGE_KEY] = views


def remembered(storage: MutableMapping[str, Any], institution_id: int, groups: Iterable[int]) -> BoardView:
    """The view this device chose last on this board (what no longer exists is dropped), else the default."""
    stored = storage.get(STORAGE_KEY)
    mine = stored.get(str(institution_id)) if isinstance(stored, dict) else None
    view = BoardView()
    if not isinstance(mine, dict):
        return view
    if mine.get("status") in STATUS_FILTERS:
        view.status = str(mine["status"])
    if mine.get("sort") in SORTS:
        view.sort = str(mine["sort"])
    chosen = mine.get("groups")
    if isinstance(chosen, list):
        view.groups = {g for g in chosen if isinstance(g, int)} & set(groups)
    return view
