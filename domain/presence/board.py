"""The live board's read model: every tile of an institution today, the staff on duty and the counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor
from domain.presence.model import ABSENT, HERE_VALUES, Status, Tile
from domain.presence.tiles import ENROLMENT_FIELDS, Settings, load_settings, make_tile, plans_for
from persistence.people import Enrolment
from persistence.presence import PresenceDay
from persistence.queries import active_on

DAY_VALUES = ("person_id", "status", "location", "pickup_label", "left_at", "changed_at", "changed_by", "version",
              "is_staff", "group_id", "person__first_name")


@dataclass(frozen=True)
class OnDuty:
    """A member of staff checked in, and the room they are in."""

    person_id: int
    name: str
    group_id: int | None


@dataclass(frozen=True)
class Counts:
    """The header of a board."""

    expected: int
    present: int
    gone: int
    absent: int


@dataclass
class Board:
    """An institution's day: its settings, its groups, a tile per child and the staff on duty."""

    settings: Settings
    day: date
    groups: dict[int, str]
    tiles: dict[int, Tile]
    staff: dict[int, OnDuty] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # the name a tile shows: "Emma K." when two are called Emma

    def name(self, tile: Tile) -> str:
        """The name a child's tile shows (the first name unless another child here has it too)."""
        return self.names.get(tile.child_id) or tile.first_name

    def apply(self, tile: Tile) -> bool:
        """Take a tile from an event; False when it is not for this board or older than what is shown."""
        shown = self.tiles.get(tile.child_id)
        if shown is None or tile.day != self.day.isoformat() or tile.version < shown.version:
            return False
        self.tiles[tile.child_id] = tile
        return True

    def set_duty(self, person_id: int, name: str, group_id: int | None, on_duty: bool) -> None:
        """Take a staff check-in or check-out from an event."""
        if on_duty:
            self.staff[person_id] = OnDuty(person_id, name, group_id)
        else:
            self.staff.pop(person_id, None)

    def counts(self, group_ids: set[int] | None = None) -> Counts:
        """Expected, present, gone home and absent among the tiles (of some groups)."""
        tiles = [t for t in self.tiles.values() if not group_ids or t.group_id in group_ids]
        states = Counter(t.status for t in tiles)
        absent = sum(states[s.value] for s in ABSENT)
        here = sum(states[s] for s in HERE_VALUES)
        return Counts(len(tiles) - absent, here, states[Status.PICKED_UP.value], absent)

    def ratios(self) -> dict[int, tuple[int, int]]:
        """Per room: children here and adults on duty there."""
        children = Counter(t.group_id for t in self.tiles.values() if t.status in HERE_VALUES)
        adults = Counter(s.group_id or 0 for s in self.staff.values())
        rooms = [*self.groups, *sorted(set(adults) - set(self.groups))]  # staff without a room count under 0
        return {g: (children[g], adults[g]) for g in rooms if children[g] or adults[g]}


async def load_board(actor: Actor, institution_id: int, day: date) -> Board:
    """Build an institution's board in five queries, however many children it has."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "view_presence_board")
    settings = await load_settings(institution_id)
    board = await board_rows(settings, day)
    await audit.record("view_presence_board", audit.ALLOWED, actor=actor, detail=f"institution:{institution_id}")
    return board


async def board_rows(settings: Settings, day: date) -> Board:
    """The three queries that read an institution's day (shared by the staff board and the wall screen)."""
    children = await Enrolment.filter(active_on(day), institution_id=settings.institution_id,
                                      child__active=True).values(*ENROLMENT_FIELDS)
    days = await PresenceDay.filter(institution_id=settings.institution_id, day=day).values(*DAY_VALUES)
    plans = await plans_for((c["child_id"] for c in children), day)
    rows = {d["person_id"]: d for d in days if not d["is_staff"]}
    groups = {c["group_id"]: c["group__name"] for c in children if c["group_id"]}
    tiles = {c["child_id"]: make_tile(settings.institution_id, day, c, rows.get(c["child_id"]),
                                      plans.get(c["child_id"]))
             for c in children}
    staff = {d["person_id"]: OnDuty(d["person_id"], d["person__first_name"], d["group_id"])
             for d in days if d["is_staff"] and d["status"] == Status.PRESENT.value}
    names = short_names((c["child_id"], c["child__first_name"], c["child__last_name"] or "") for c in children)
    return Board(settings, day, dict(sorted(groups.items(), key=lambda g: g[1])), tiles, staff, names)


def short_names(children: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """Each child's shortest telling name: "Emma" when she is the only Emma, else "Emma K." (or "Emma Kr." when
    there is also an Emma Ko.), the last name in full only when nothing shorter tells them apart."""
    by_first: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for child_id, first, last in children:
        by_first[first].append((child_id, last))
    names: dict[int, str] = {}
    for first, same in by_first.items():
        if len(same) == 1:
            names[same[0][0]] = first
            continue
        for child_id, last in same:
            others = [o.casefold() for i, o in same if i != child_id]
            size = next((n for n in range(1, len(last)) if not any(o.startswith(last[:n].casefold()) for o in others)),
                        len(last))
            names[child_id] = f"{first} {last[:size]}." if size < len(last) else f"{first} {last}".strip()
    return names


def with_group_filter(board: Board, group_ids: set[int]) -> Board:
    """A copy of the board holding only some groups' tiles."""
    return replace(board, tiles={k: v for k, v in board.tiles.items() if v.group_id in group_ids})
