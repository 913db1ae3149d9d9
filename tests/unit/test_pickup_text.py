"""Who picks a child up, said as a person would, the same on the tile, in the dialog and on the parent's pages."""

from __future__ import annotations

import pytest

from domain.presence.model import ALONE_KEY, ALONE_LABEL, Pickup, Status, Tile
from ui import i18n
from ui.presence.parent_parts import plan_text
from ui.presence.pickup_text import alone_badge, pickup_sentence, pickup_short, taken_by
from ui.presence.tiles import tile_label, tile_view


def ida(**changes: object) -> Tile:
    """Ida's tile with some fields set."""
    fields: dict[str, object] = {"status": Status.PRESENT.value}
    fields.update(changes)
    return Tile(1, 2, "2026-12-07", "Ida", "IK", "", 3, "Ræven", **fields)  # type: ignore[arg-type]


def test_a_child_going_home_alone_is_never_picked_up_by_gaar_selv() -> None:
    planned = ida(pickup_key=ALONE_KEY, pickup_by=ALONE_LABEL, alone="15:00")
    gone = ida(status=Status.PICKED_UP.value, pickup_key=ALONE_KEY, pickup_by=ALONE_LABEL, alone="15:00",
               left="15:05", since="15:05")
    for tile in (planned, gone):
        view = tile_view(tile)
        said = " ".join(str(v) for v in (view["pickup"], view["alone"], view["label"], plan_text(tile)))
        assert "af går selv" not in said and "· går selv" not in said
    assert (tile_view(planned)["pickup"], tile_view(planned)["alone"]) == ("", "Går selv hjem 15:00")
    assert plan_text(planned) == "Går selv hjem 15:00"
    assert (tile_view(gone)["pickup"], tile_view(gone)["alone"]) == ("Gik selv hjem 15:05", "")
    assert plan_text(gone) == "Gik selv hjem 15:05"
    assert tile_label(gone) == "Ida, gået hjem siden 15:05, gik selv hjem 15:05"
    assert taken_by(ALONE_LABEL) == "Gik selv hjem" and taken_by("Farmor") == "Farmor"


def test_the_one_answer_in_words_in_danish_and_english(monkeypatch: pytest.MonkeyPatch) -> None:
    farmor, mette = Pickup("p:3", "Farmor", "15:30"), Pickup("", "Mette", "13:00", done=True)
    assert [pickup_sentence(p) for p in (farmor, mette, Pickup(ALONE_KEY, ALONE_LABEL, "15:00"), Pickup())] == [
        "Hentes 15:30 af Farmor", "Hentet 13:00 af Mette", "Går selv hjem 15:00", ""]
    assert (pickup_short(farmor), pickup_short(mette)) == ("15:30 · Farmor", "Hentet 13:00 af Mette")
    assert alone_badge(farmor) == ""
    tile = ida(pickup="15:30", pickup_by="Farmor", pickup_key="p:3")
    assert tile.pickup_now == farmor and plan_text(tile) == "Hentes 15:30 af Farmor"
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert pickup_sentence(Pickup(ALONE_KEY, ALONE_LABEL, "15:00")) == "Goes home alone at 15:00"
    assert pickup_sentence(farmor) == "Picked up at 15:30 by Farmor"


def test_a_child_who_is_not_coming_has_no_plan_line() -> None:
    for status in (Status.SICK, Status.VACATION):
        assert plan_text(ida(status=status.value, pickup="15:30", pickup_by="Farmor", pickup_key="p:3")) == ""
    assert plan_text(ida(status=Status.NOT_ARRIVED.value)) == "Ingen plan for i dag"
