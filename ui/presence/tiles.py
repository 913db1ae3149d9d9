"""Drawing the staff board's pieces from memory: a tile, the header counts, the alerts strip and the rooms."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from domain.clock import COPENHAGEN, utcnow
from domain.ids import parse_id
from domain.presence.board import Counts
from domain.presence.daily import Place
from domain.presence.model import Status, Tile
from ui.i18n import t

# Status -> (Quasar palette, icon): colour and shape together, so the board also reads without colour vision.
LOOK: dict[Status, tuple[str, str]] = {
    Status.NOT_ARRIVED: ("grey", "schedule"),
    Status.PRESENT: ("green", "check_circle"),
    Status.SLEEPING: ("indigo", "bedtime"),
    Status.ON_TRIP: ("orange", "directions_walk"),
    Status.AT_LOCATION: ("teal", "place"),
    Status.PICKED_UP: ("blue-grey", "home"),
    Status.SICK: ("red", "sick"),
    Status.VACATION: ("purple", "beach_access"),
}
GRID_STYLE = "grid-template-columns: repeat(auto-fill, minmax(170px, 1fr))"
# Text and icon colours per palette, at least 4.5:1 (text) and 3:1 (icon) on the tile's palette-1 background;
# orange's own darker shades stay below that, so on-trip tiles write in brown.
TEXT_COLOUR = {"orange": "brown-9"}
ICON_COLOUR = {"orange": "brown-8"}
# A visible focus ring of 3:1 or more on every tile colour, and none of the tile's own hover shading is needed.
BOARD_CSS = ".board-tile:focus-visible { outline: 3px solid #0d47a1; outline-offset: 2px; }"


def text_colour(palette: str) -> str:
    """The tile's status text colour for a palette (Quasar's shade 10 unless that is too light)."""
    return TEXT_COLOUR.get(palette, f"{palette}-10")


def icon_colour(palette: str) -> str:
    """The status icon's colour for a palette (shade 9 unless that is too light)."""
    return ICON_COLOUR.get(palette, f"{palette}-9")


def status_text(tile: Tile) -> str:
    """The tile's status in words (the place's name when at a location)."""
    return t(f"presence.status.{tile.status}", location=tile.location)


def pickup_line(tile: Tile) -> str:
    """'14:30 · Farmor', either half alone when the other is unknown."""
    return " · ".join(part for part in (tile.pickup, tile.pickup_by) if part)


def status_phrase(tile: Tile) -> str:
    """The status inside a sentence: "til stede" (a place keeps its capital letter)."""
    status = status_text(tile)
    return status if tile.state is Status.AT_LOCATION else status[:1].lower() + status[1:]


def tile_label(tile: Tile) -> str:
    """The tile in one sentence for a screen reader: "Oscar, til stede siden 07:42, hentes 15:30 af Farmor"."""
    status = status_phrase(tile)
    if tile.since and tile.state is not Status.NOT_ARRIVED:
        status = t("board.tile.status_since", status=status, at=tile.since)
    parts = [tile.first_name, status]
    if tile.pickup and tile.pickup_by:
        parts.append(t("board.tile.pickup_at_by", at=tile.pickup, by=tile.pickup_by))
    elif tile.pickup or tile.pickup_by:
        parts.append(t("board.tile.pickup_at", at=tile.pickup) if tile.pickup else
                     t("board.tile.pickup_by", by=tile.pickup_by))
    if tile.alone:
        parts.append(t("board.tile.alone", at=tile.alone))
    if tile.with_child:
        parts.append(t("board.tile.with_child", name=tile.with_child))
    if tile.has_note:
        parts.append(t("board.tile.has_note"))
    return ", ".join(parts)


def tile_marks(tile: Tile) -> str:
    """Markers naming the child and its status, so tests and tools can find both."""
    return f"tile tile-{tile.child_id} status-{tile.child_id}-{tile.status}"


def tile_view(tile: Tile) -> dict[str, object]:
    """What the tile component shows, translated here so the browser only lays it out."""
    palette, icon = LOOK[tile.state]
    return {"id": tile.child_id, "name": tile.first_name, "initials": tile.initials, "photo": tile.photo_url,
            "palette": palette, "icon": icon, "iconColour": icon_colour(palette), "textColour": text_colour(palette),
            "status": status_text(tile), "pickup": pickup_line(tile), "label": tile_label(tile),
            "alone": t("board.tile.alone", at=tile.alone) if tile.alone else "",
            "with": t("board.tile.with_child", name=tile.with_child) if tile.with_child else "",
            "note": tile.has_note, "noteTitle": t("board.tile.note")}


class TileCard(ui.element, component="tile.js"):
    """A tappable tile for one child: one element, so a change is one small update for the browser."""

    def __init__(self, tile: Tile, on_open: Callable[[int], object]) -> None:
        super().__init__()
        self.show(tile)
        self.on("click", lambda: on_open(tile.child_id))

    def show(self, tile: Tile) -> None:
        """Put a tile's new state in (sent to the browser once the handler returns)."""
        self._props["tile"] = tile_view(tile)
        self.mark(tile_marks(tile))
        self.update()

    def _displayed_contents(self, *, only_visible: bool) -> list[object]:
        view = self._props["tile"]
        return [view["name"], view["status"], view["pickup"], view["alone"], view["with"]]


class RovingGrid(ui.element, component="board_grid.js"):
    """A grid of tiles: one tile in the Tab order, the arrow keys move between tiles (a roving tabindex)."""

    def __init__(self, label: str, style: str = GRID_STYLE) -> None:
        super().__init__()
        self.classes("grid gap-2 w-full").style(style).props(f'role=group aria-label="{label}"')


def board_grid() -> RovingGrid:
    """The staff board's grid of tiles."""
    return RovingGrid(t("board.grid"))


def tile_card(tile: Tile, on_open: Callable[[int], object]) -> TileCard:
    """A tappable tile for one child."""
    return TileCard(tile, on_open)


def redraw_tile(card: TileCard, tile: Tile) -> None:
    """Show a child's new state in its tile."""
    card.show(tile)


class CountsBar:
    """The header's four numbers, updated in place."""

    KEYS = ("expected", "present", "gone", "absent")

    def __init__(self) -> None:
        self.numbers: dict[str, ui.label] = {}
        with ui.row().classes("gap-2 w-full"):
            for key in self.KEYS:
                with ui.card().classes("q-pa-sm items-center gap-0").props("flat bordered").style("min-width: 7rem"):
                    self.numbers[key] = ui.label("0").classes("text-h5 text-weight-bold").mark(f"count-{key}")
                    ui.label(t(f"board.count.{key}")).classes("text-caption text-grey-8")

    def show(self, counts: Counts) -> None:
        """Put new numbers in."""
        for key in self.KEYS:
            text = str(getattr(counts, key))
            if self.numbers[key].text != text:  # an unchanged number costs the browser nothing
                self.numbers[key].set_text(text)


def choose_place(places: list[Place], raw: str) -> int | None:
    """The institution in the address (even one not the actor's, so the refusal is audited), else the first."""
    if raw.strip().isdigit():
        return parse_id(raw) or 0  # a number no institution can have is refused like any other not the actor's
    return places[0].institution_id if places else None


def now_minutes() -> int:
    """Minutes after midnight in Copenhagen now."""
    local = utcnow().astimezone(COPENHAGEN)
    return local.hour * 60 + local.minute


def place_picker(places: list[Place], current: int, path: str) -> None:
    """Choose among the actor's institutions; the choice lives in the address so reloads and links keep it."""
    if len(places) < 2:
        return
    options = {p.institution_id: p.name for p in places}
    ui.select(options, value=current if current in options else None, label=t("board.institution"),
              on_change=lambda e: ui.navigate.to(f"{path}?institution={e.value}")).props(
        "outlined dense").classes("min-w-[16rem]").mark("institution")
