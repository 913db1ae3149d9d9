"""Drawing the staff board's pieces from memory: a tile, the header counts, the alerts strip and the rooms."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from domain.clock import COPENHAGEN, utcnow
from domain.presence.alerts import Alerts
from domain.presence.board import Board, Counts
from domain.presence.daily import Place
from domain.presence.model import Status, Tile
from ui.components import avatar
from ui.i18n import t, tn

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


def status_text(tile: Tile) -> str:
    """The tile's status in words (the place's name when at a location)."""
    return t(f"presence.status.{tile.status}", location=tile.location)


def pickup_line(tile: Tile) -> str:
    """'14:30 · Farmor', either half alone when the other is unknown."""
    return " · ".join(part for part in (tile.pickup, tile.pickup_by) if part)


def tile_marks(tile: Tile) -> str:
    """Markers naming the child and its status, so tests and tools can find both."""
    return f"tile tile-{tile.child_id} status-{tile.child_id}-{tile.status}"


def tile_body(tile: Tile) -> None:
    """The inside of a tile card (redrawn alone when the child's state changes)."""
    palette, icon = LOOK[tile.state]
    with ui.row().classes("items-center no-wrap gap-2 w-full"):
        avatar(tile.initials, tile.photo_url, size="44px")
        with ui.column().classes("gap-0 min-w-0"):
            ui.label(tile.first_name).classes("text-subtitle1 text-weight-medium ellipsis")
            with ui.row().classes("items-center no-wrap gap-1"):
                ui.icon(icon, color=f"{palette}-8", size="sm")
                ui.label(status_text(tile)).classes(f"text-caption text-{palette}-9 ellipsis")
        if tile.has_note:
            ui.icon("sticky_note_2", color="amber-8").classes("q-ml-auto").tooltip(t("board.tile.note"))
    if pickup_line(tile):
        with ui.row().classes("items-center no-wrap gap-1"):
            ui.icon("directions_car", size="xs", color="grey-7")
            ui.label(pickup_line(tile)).classes("text-caption ellipsis")
    if tile.alone:
        ui.badge(t("board.tile.alone", at=tile.alone), color="deep-orange-6").props("rounded")
    if tile.with_child:
        ui.label(t("board.tile.with_child", name=tile.with_child)).classes("text-caption text-grey-8 ellipsis")


def tile_card(tile: Tile, on_open: Callable[[int], object]) -> ui.card:
    """A tappable tile for one child."""
    palette, _ = LOOK[tile.state]
    # data-child lets a browser test (and a screen reader tool) find a child's tile by id, never by name.
    card = ui.card().classes(f"cursor-pointer q-pa-sm gap-1 bg-{palette}-1").props(
        f"flat bordered data-child={tile.child_id}")
    card.mark(tile_marks(tile)).on("click", lambda: on_open(tile.child_id))
    with card:
        tile_body(tile)
    return card


def redraw_tile(card: ui.card, tile: Tile) -> None:
    """Redraw one tile's card in place, colour included."""
    for palette, _ in LOOK.values():
        card.classes(remove=f"bg-{palette}-1")
    card.classes(f"bg-{LOOK[tile.state][0]}-1").mark(tile_marks(tile))
    card.clear()
    with card:
        tile_body(tile)


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
            self.numbers[key].set_text(str(getattr(counts, key)))


def alerts_strip(host: ui.element, alerts: Alerts, on_open: Callable[[int], object]) -> None:
    """Redraw the strip: no-shows, overdue pickups and the departure queue, each sorted by time."""
    host.clear()
    with host:
        if not alerts.total:
            ui.label(t("board.alerts.none")).classes("text-caption text-grey-7").mark("alerts-none")
            return
        sections = (("no_show", alerts.no_shows, "arrival", "red"), ("overdue", alerts.overdue, "pickup", "orange"),
                    ("departure", alerts.departures, "alone", "deep-orange"))
        for key, tiles, when, colour in sections:
            if not tiles:
                continue
            with ui.row().classes("items-center gap-1 w-full").mark(f"alerts-{key}"):
                ui.label(t(f"board.alerts.{key}")).classes(f"text-weight-medium text-{colour}-9 q-mr-xs")
                for tile in tiles:
                    text = f"{getattr(tile, when)} {tile.first_name}"
                    ui.chip(text, color=f"{colour}-2", text_color=f"{colour}-10",
                            on_click=lambda c=tile.child_id: on_open(c)).props("dense").mark(
                        f"alert-{key}-{tile.child_id}")


def rooms_strip(host: ui.element, board: Board) -> None:
    """Children here and adults on duty per room, warning where an adult has many children."""
    host.clear()
    with host:
        ratios = board.ratios()
        if not ratios:
            return
        for group_id, (children, adults) in ratios.items():
            name = board.groups.get(group_id) or t("board.room.none")
            text = t("board.room.ratio", room=name, children=tn("staff.children", children),
                     adults=tn("board.room.adults", adults))
            colour = "red-2" if children and not adults else "blue-grey-1"
            ui.chip(text, icon="groups", color=colour).props("dense").mark(f"ratio-{group_id}")


def choose_place(places: list[Place], raw: str) -> int | None:
    """The institution in the address (even one not the actor's, so the refusal is audited), else the first."""
    if raw.strip().isdigit():
        return int(raw)
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
