"""The board tile's accessible name: one sentence with everything the tile shows."""

from __future__ import annotations

from domain.presence.model import Status, Tile
from ui.presence.tiles import tile_label


def oscar(**changes: object) -> Tile:
    """Oscar's tile with some fields set."""
    fields: dict[str, object] = {"status": Status.NOT_ARRIVED.value}
    fields.update(changes)
    return Tile(1, 2, "2026-12-07", "Oscar", "OK", "", 3, "Ræven", **fields)  # type: ignore[arg-type]


def test_a_present_child_picked_up_by_farmor_is_named_in_one_sentence() -> None:
    tile = oscar(status=Status.PRESENT.value, since="07:42", pickup="15:30", pickup_by="Farmor")
    assert tile_label(tile) == "Oscar, til stede siden 07:42, hentes 15:30 af Farmor"


def test_a_child_not_arrived_has_no_since_and_a_place_keeps_its_capital() -> None:
    assert tile_label(oscar(since="08:00")) == "Oscar, ikke kommet"
    tile = oscar(status=Status.AT_LOCATION.value, location="Skoven", since="10:00")
    assert tile_label(tile) == "Oscar, Skoven siden 10:00"


def test_going_alone_with_a_friend_and_a_note_are_all_said() -> None:
    tile = oscar(status=Status.PRESENT.value, pickup_key="alone", pickup_by="går selv", alone="14:00",
                 with_child="Ida", has_note=True)
    assert tile_label(tile) == ("Oscar, til stede, går selv hjem 14:00, går med Ida, "
                                "besked fra forældrene")
