"""The board's alerts and rooms strips: kept element by element, so a check-in changes only what it touched."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from domain.presence.alerts import Alerts
from domain.presence.board import Board
from domain.presence.model import Tile
from ui.i18n import t, tn

SHOWN_PER_ALERT = 8  # a strip of 200 names helps nobody: the first eight by time, then "+N flere"
# key, field, time shown, title colour, chip background, chip text: text at least 4.5:1 on white and on the chip
# (Quasar's orange-10 on orange-2 is 2.99:1, so the orange alerts write in dark brown).
SECTIONS = (("no_show", "no_shows", "arrival", "red-9", "red-2", "red-10"),
            ("overdue", "overdue", "pickup", "deep-orange-10", "orange-2", "brown-10"),
            ("departure", "departures", "alone", "deep-orange-10", "deep-orange-2", "brown-10"))


class AlertsStrip:
    """No-shows, overdue pickups and the departure queue; a section is redrawn only when its first names change."""

    def __init__(self, on_open: Callable[[int], object], name_of: Callable[[Tile], str] | None = None) -> None:
        self.on_open = on_open
        self.name_of = name_of or (lambda x: x.first_name)  # the board's telling name ("Emma K.")
        self.shown: dict[str, tuple[tuple[int, str], ...]] = {}
        self.rows: dict[str, ui.row] = {}
        self.chips: dict[str, ui.row] = {}
        self.more: dict[str, ui.label] = {}
        # On the board the sections and their chips flow on after the counts, wrapping chip by chip (BOARD_CSS gives
        # .board-alerts display: contents), so counts and alerts take as few lines as they can on a tablet.
        with ui.row().classes("board-alerts items-center gap-x-4 gap-y-1").mark("alerts"):
            self.none = ui.label(t("board.alerts.none")).classes("text-caption text-grey-8").mark("alerts-none")
            for key, _, _, colour, _, _ in SECTIONS:
                with ui.row().classes("items-center no-wrap gap-1").mark(f"alerts-{key}") as row:
                    ui.label(t(f"board.alerts.{key}")).classes(f"text-weight-medium text-{colour} q-mr-xs text-no-wrap")
                    self.chips[key] = ui.row().classes("items-center gap-1").style("min-width: 0")
                    self.more[key] = ui.label().classes("text-caption text-grey-8").mark(f"alerts-more-{key}")
                self.rows[key] = row
                row.set_visibility(False)

    def show(self, alerts: Alerts) -> None:
        """Bring the strip up to date with the alerts at this minute."""
        self.none.set_visibility(alerts.total == 0)
        for key, field, when, _, chip_colour, chip_text in SECTIONS:
            tiles: tuple[Tile, ...] = getattr(alerts, field)
            first = tuple((x.child_id, f"{getattr(x, when)} {self.name_of(x)}") for x in tiles[:SHOWN_PER_ALERT])
            if self.rows[key].visible != bool(tiles):
                self.rows[key].set_visibility(bool(tiles))
            extra = t("board.alerts.more", n=len(tiles) - SHOWN_PER_ALERT) if len(tiles) > SHOWN_PER_ALERT else ""
            if self.more[key].text != extra:
                self.more[key].set_text(extra)
            if self.shown.get(key) == first:
                continue
            self.shown[key] = first
            self.chips[key].clear()
            with self.chips[key]:
                for child_id, text in first:
                    ui.chip(text, color=chip_colour, text_color=chip_text,
                            on_click=lambda c=child_id: self.on_open(c)).props("dense").mark(f"alert-{key}-{child_id}")


class RoomsStrip:
    """Children here and adults on duty per room; a chip's text changes in place."""

    def __init__(self, host: ui.element) -> None:
        self.host = host
        self.chips: dict[int, ui.chip] = {}
        self.figures: dict[int, tuple[int, int]] = {}

    def show(self, board: Board) -> None:
        """Bring the figures up to date; chips are added or removed only when rooms come or go."""
        ratios = board.ratios()
        if set(ratios) != set(self.chips):
            self.figures = {}
            self.host.clear()
            with self.host:
                self.chips = {g: ui.chip("", icon="groups").props("dense").mark(f"ratio-{g}") for g in ratios}
        for group_id, (children, adults) in ratios.items():
            if self.figures.get(group_id) == (children, adults):
                continue  # most changes leave most rooms as they were
            self.figures[group_id] = (children, adults)
            name = board.groups.get(group_id) or t("board.room.none")
            text = t("board.room.ratio", room=name, children=tn("staff.children", children),
                     adults=tn("board.room.adults", adults))
            chip = self.chips[group_id]
            colour = "red-2" if children and not adults else "blue-grey-1"
            if chip.text != text or chip.props.get("color") != colour:
                chip.set_text(text)
                chip.props(f"color={colour}")
