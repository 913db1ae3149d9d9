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
from ui.presence.pickup_text import alone_badge, pickup_phrase, pickup_short

# Status -> (Quasar palette, icon): colour and shape together, so the board also reads without colour vision.
LOOK: dict[Status, tuple[str, str]] = {
    Status.NOT_ARRIVED: ("grey", "schedule"),
    Status.PRESENT: ("green", "check_circle"),
    Status.SLEEPING: ("indigo", "bedtime"),
    Status.ON_TRIP: ("orange", "directions_walk"),
    Status.AT_LOCATION: ("teal", "place"),
    Status.PICKED_UP: ("blue-grey", "home"),
    Status.SICK: ("red", "sick"),
    Status.SICK_HERE: ("red", "sick"),
    Status.VACATION: ("purple", "beach_access"),
}
GRID_STYLE = "grid-template-columns: repeat(auto-fill, minmax(170px, 1fr))"
# Text and icon colours per palette, at least 4.5:1 (text) and 3:1 (icon) on the tile's palette-1 background;
# orange's own darker shades stay below that, so on-trip tiles write in brown.
TEXT_COLOUR = {"orange": "brown-9"}
ICON_COLOUR = {"orange": "brown-8"}
# A visible focus ring of 3:1 or more on every tile colour, and none of the tile's own hover shading is needed.
BOARD_CSS = """.board-tile:focus-visible { outline: 3px solid #0d47a1; outline-offset: 2px; }
@media (min-width: 768px) and (min-height: 600px) {
  .board-sticky { position: sticky; top: var(--board-top, 50px); z-index: 2; background: #fafafa;
    padding: 4px 0; margin: -4px 0; box-shadow: 0 6px 6px -6px rgba(0, 0, 0, 0.25); }
}
.board-rooms > .board-rooms-chips { display: contents; }
.board-alerts, .board-alerts > .nicegui-row, .board-alerts > .nicegui-row > .nicegui-row { display: contents; }"""


def text_colour(palette: str) -> str:
    """The tile's status text colour for a palette (Quasar's shade 10 unless that is too light)."""
    return TEXT_COLOUR.get(palette, f"{palette}-10")


def icon_colour(palette: str) -> str:
    """The status icon's colour for a palette (shade 9 unless that is too light)."""
    return ICON_COLOUR.get(palette, f"{palette}-9")


def status_text(tile: Tile) -> str:
    """The tile's status in words (the place's name when at a location)."""
    return t(f"presence.status.{tile.status}", location=tile.location)


def tile_status(tile: Tile) -> str:
    """The status under the name on a tile; a sleeping child's says since when ("Sover siden 12:10")."""
    if tile.state is Status.SLEEPING and tile.since:
        return t("board.tile.sleeping_since", at=tile.since)
    return status_text(tile)


def pickup_line(tile: Tile) -> str:
    """'14:30 · Farmor', 'Hentet 15:10 af Mette' or 'Gik selv hjem 15:05', from the one answer of who picks up."""
    return pickup_short(tile.pickup_now)


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
    if pickup_phrase(tile.pickup_now):
        parts.append(pickup_phrase(tile.pickup_now))
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
            "status": tile_status(tile), "pickup": pickup_line(tile), "label": tile_label(tile),
            "alone": alone_badge(tile.pickup_now),
            "with": t("board.tile.with_child", name=tile.with_child) if tile.with_child else "",
            "note": tile.has_note, "noteTitle": t("board.tile.note")}


class TileCard(ui.element, component="tile.js"):
    """A tappable tile for one child: one element, so a change is one small update for the browser."""

    def __init__(self, tile: Tile, on_open: Callable[[int], object], name: str = "") -> None:
        super().__init__()
        self.name = name or tile.first_name  # the board's telling name ("Emma K."), fixed for the day
        self.show(tile)
        self.on("click", lambda: on_open(tile.child_id))

    def show(self, tile: Tile) -> None:
        """Put a tile's new state in (sent to the browser once the handler returns)."""
        self._props["tile"] = named(tile_view(tile), tile, self.name)
        self.mark(tile_marks(tile))
        self.update()

    def show_staff_note(self, on: bool) -> None:
        """Mark a note from staff on the tile (said as part of its name); the note itself stays in the dialog."""
        self._props["staffNote"] = t("board.tile.staff_note") if on else ""
        self.update()

    def show_allergy(self, spoken: str) -> None:
        """Mark an allergy on the tile with an icon, said as part of the tile's name ("allergi: Jordnødder")."""
        self._props["allergy"] = spoken
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


def tile_card(tile: Tile, on_open: Callable[[int], object], name: str = "") -> TileCard:
    """A tappable tile for one child, showing the name that tells it from others ("Emma K.")."""
    return TileCard(tile, on_open, name)


def named(view: dict[str, object], tile: Tile, name: str) -> dict[str, object]:
    """A tile's view showing a telling name: the spoken sentence starts with the same words as the tile shows."""
    if name == tile.first_name:
        return view
    label = str(view["label"])
    spoken = name + label[len(tile.first_name):] if label.startswith(tile.first_name) else f"{name}, {label}"
    return {**view, "name": name, "label": spoken}


def redraw_tile(card: TileCard, tile: Tile) -> None:
    """Show a child's new state in its tile."""
    card.show(tile)


class CountsBar:
    """The header's four numbers, updated in place."""

    KEYS = ("expected", "present", "gone", "absent")

    def __init__(self) -> None:
        self.numbers: dict[str, ui.label] = {}
        # One line of four: "158 Forventet i dag", so the counts fit above the tiles on a tablet.
        with ui.row().classes("gap-2").mark("counts"):
            for key in self.KEYS:
                with ui.element("div").classes("row no-wrap items-baseline gap-1 q-px-sm rounded-borders bg-white") \
                        .style("border: 1px solid rgba(0, 0, 0, 0.12)"):
                    self.numbers[key] = ui.label("0").classes("text-h6 text-weight-bold").mark(f"count-{key}")
                    ui.label(t(f"board.count.{key}")).classes("text-caption text-grey-8 text-no-wrap")

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
