"""The wall screen's grid: a big tile per child (photo or initials and first name only) and the letter bar."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from domain.presence.model import Status, Tile
from ui.components import avatar
from ui.i18n import t
from ui.presence.tiles import RovingGrid, status_phrase

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
TILE_CLASSES = "column no-wrap items-center justify-center q-pa-md cursor-pointer rounded-borders gap-2 shadow-1 " \
    "board-tile kiosk-tile"
# A real button that looks like the card it replaced.
TILE_STYLE = "border: none; font: inherit; color: inherit; width: 100%"
COLOURS = {
    Status.NOT_ARRIVED: "bg-grey-3",
    Status.PRESENT: "bg-green-3",
    Status.SLEEPING: "bg-indigo-2",
    Status.ON_TRIP: "bg-amber-3",
    Status.AT_LOCATION: "bg-light-blue-3",
    Status.PICKED_UP: "bg-blue-grey-2",
    Status.SICK: "bg-red-2",
    Status.VACATION: "bg-purple-2",
}
# A shape as well as a colour, so the status does not rest on colour alone.
ICONS = {
    Status.NOT_ARRIVED: "radio_button_unchecked",
    Status.PRESENT: "check_circle",
    Status.SLEEPING: "bedtime",
    Status.ON_TRIP: "directions_walk",
    Status.AT_LOCATION: "place",
    Status.PICKED_UP: "home",
    Status.SICK: "sick",
    Status.VACATION: "beach_access",
}


def letter_of(tile: Tile) -> str:
    """The letter a child's tile is filed under."""
    return tile.first_name[:1].upper()


class TileGrid:
    """The tiles of one wall screen; an event redraws only the tile it concerns."""

    def __init__(self, tiles: list[Tile], on_tap: Callable[[int], None]) -> None:
        self.on_tap = on_tap
        self.cards: dict[int, ui.element] = {}
        self.letters: dict[int, str] = {}
        self.letter = ""
        self.letter_buttons: dict[str, ui.button] = {}
        with RovingGrid(t("kiosk.tiles"), "grid-template-columns: repeat(auto-fill, minmax(150px, 1fr))").classes(
                remove="gap-2", add="gap-3").mark("kiosk-tiles"):
            for tile in sorted(tiles, key=lambda x: (x.first_name.casefold(), x.child_id)):
                card = ui.element("button").classes(TILE_CLASSES).style(TILE_STYLE).props(
                    f"type=button data-child={tile.child_id} data-roving").mark(f"kiosk-tile-{tile.child_id}")
                card.on("click", lambda _, c=tile.child_id: self.on_tap(c))
                self.cards[tile.child_id] = card
                self.update(tile)

    def update(self, tile: Tile) -> None:
        """Redraw one child's tile in its new state."""
        card = self.cards.get(tile.child_id)
        if card is None:
            return
        self.letters[tile.child_id] = letter_of(tile)
        card.classes(remove=" ".join(set(COLOURS.values())), add=COLOURS.get(tile.state, "bg-grey-3"))
        # The button's name says it all ("Oscar, til stede"); the photo, name and status icon inside are drawing.
        name = t("kiosk.tile", name=tile.first_name, status=status_phrase(tile)).replace('"', "'")
        card.props(f'aria-label="{name}"')
        card.clear()
        with card, ui.element("span").classes("column items-center gap-2").props('aria-hidden="true"'):
            avatar(tile.initials, tile.photo_url, size="96px")
            ui.label(tile.first_name).classes("text-h5 text-weight-bold text-center")
            ui.icon(ICONS.get(tile.state, "help"), size="md").classes("text-grey-9")
        card.set_visibility(not self.letter or self.letters[tile.child_id] == self.letter)

    def filter(self, letter: str) -> None:
        """Show only the children whose first name begins with a letter ("" shows everyone)."""
        self.letter = letter
        for child_id, card in self.cards.items():
            card.set_visibility(not letter or self.letters[child_id] == letter)
        for key, button in self.letter_buttons.items():
            chosen = key == letter
            button.props(f"aria-pressed={'true' if chosen else 'false'}")
            button.props(add="unelevated" if chosen else "outline", remove="outline" if chosen else "unelevated")

    def used_letters(self) -> set[str]:
        """The letters at least one child's name begins with."""
        return set(self.letters.values())


def letter_bar(used: set[str], choose: Callable[[str], None]) -> dict[str, ui.button]:
    """A row of big letters (and "Alle"); letters no child's name begins with are greyed out. "" is "Alle"."""
    buttons: dict[str, ui.button] = {}
    with ui.row().classes("w-full gap-1 justify-center").props(f'role=group aria-label="{t("kiosk.letters")}"') \
            .mark("kiosk-letters"):
        buttons[""] = ui.button(t("kiosk.letters.all"), on_click=lambda: choose("")).props(
            "unelevated no-caps size=lg aria-pressed=true").mark("letter-all")
        for letter in LETTERS:
            button = ui.button(letter, on_click=lambda _, x=letter: choose(x)).props(
                "outline size=lg padding='sm md' aria-pressed=false").mark(f"letter-{letter}")
            if letter not in used:
                button.disable()
            buttons[letter] = button
    return buttons
