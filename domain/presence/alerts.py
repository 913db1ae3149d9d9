"""Alerts computed live from tiles and the clock: no-shows, overdue pickups, the departure queue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.presence.model import HERE_VALUES, NO_SHOW_AFTER_MIN, OVERDUE_AFTER_MIN, Status, Tile, minutes_of


@dataclass(frozen=True)
class Alerts:
    """What staff should look at now."""

    no_shows: tuple[Tile, ...]
    overdue: tuple[Tile, ...]
    departures: tuple[Tile, ...]

    @property
    def total(self) -> int:
        """How many alerts there are in all."""
        return len(self.no_shows) + len(self.overdue) + len(self.departures)


def compute(tiles: Iterable[Tile], now_min: int) -> Alerts:
    """Alerts at a time of day (minutes after midnight, local), without touching the database."""
    no_shows, overdue, departures = [], [], []
    waiting = Status.NOT_ARRIVED.value
    for tile in tiles:
        if tile.status == waiting:
            arrival = minutes_of(tile.arrival)
            if arrival is not None and now_min >= arrival + NO_SHOW_AFTER_MIN:
                no_shows.append(tile)
        elif tile.status in HERE_VALUES:
            alone = minutes_of(tile.alone)
            if alone is not None and tile.status != Status.SICK_HERE.value:  # a sick child is fetched, not sent
                if now_min >= alone:
                    departures.append(tile)
                continue
            pickup = minutes_of(tile.pickup)
            if pickup is not None and now_min >= pickup + OVERDUE_AFTER_MIN:
                overdue.append(tile)
    return Alerts(
        tuple(sorted(no_shows, key=lambda t: (t.arrival, t.first_name))),
        tuple(sorted(overdue, key=lambda t: (t.pickup, t.first_name))),
        tuple(sorted(departures, key=lambda t: (t.alone, t.first_name))),
    )
