"""Alerts and board counts are pure: computed from tiles and a time of day, never from the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.presence.alerts import compute
from domain.presence.board import Board
from domain.presence.model import Status, Tile, hhmm, minutes_of
from domain.presence.tiles import Settings

DAY = date(2026, 11, 25)


def tile(child_id: int, status: Status = Status.NOT_ARRIVED, **extra: object) -> Tile:
    base = Tile(child_id=child_id, institution_id=1, day=DAY.isoformat(), first_name=f"Barn{child_id}",
                initials="BB", photo_url="", group_id=1, group_name="Bierne", status=status.value)
    return replace(base, **extra)  # type: ignore[arg-type]


def test_a_child_expected_at_eight_is_a_no_show_from_half_past_eight() -> None:
    late = tile(1, arrival="08:00")
    assert compute([late], minutes_of("08:29") or 0).no_shows == ()
    assert compute([late], minutes_of("08:30") or 0).no_shows == (late,)
    arrived = replace(late, status=Status.PRESENT.value)
    assert compute([arrived], minutes_of("09:00") or 0).no_shows == ()


def test_a_child_still_here_fifteen_minutes_after_pickup_is_overdue() -> None:
    waiting = tile(1, Status.PRESENT, pickup="15:00")
    assert compute([waiting], 15 * 60 + 14).overdue == ()
    assert compute([waiting], 15 * 60 + 15).overdue == (waiting,)
    assert compute([replace(waiting, status=Status.PICKED_UP.value)], 16 * 60).overdue == ()


def test_the_departure_queue_holds_children_whose_time_to_go_alone_has_come_sorted_by_time() -> None:
    later, earlier, not_yet = tile(1, Status.PRESENT, alone="15:30"), tile(2, Status.AT_LOCATION, alone="15:00"), \
        tile(3, Status.PRESENT, alone="16:00")
    alerts = compute([later, earlier, not_yet], 15 * 60 + 45)
    assert alerts.departures == (earlier, later)
    assert alerts.total == 2


def test_minutes_and_hhmm_round_trip_and_bad_times_are_refused() -> None:
    import pytest

    from domain.errors import DomainError

    assert hhmm(minutes_of("07:05")) == "07:05"
    assert minutes_of("") is None
    for bad in ("24:00", "7:61", "kl. 8"):
        with pytest.raises(DomainError):
            minutes_of(bad)


def _board(*tiles: Tile) -> Board:
    settings = Settings(1, "Tjek BFO", "bfo", 390, 1020, (), {}, frozenset(range(5)), False)
    return Board(settings, DAY, {1: "Bierne", 2: "Myrerne"}, {t.child_id: t for t in tiles})


def test_board_counts_expected_present_gone_and_absent() -> None:
    board = _board(tile(1), tile(2, Status.PRESENT), tile(3, Status.SLEEPING), tile(4, Status.PICKED_UP),
                   tile(5, Status.SICK), tile(6, Status.VACATION))
    counts = board.counts()
    assert (counts.expected, counts.present, counts.gone, counts.absent) == (4, 2, 1, 2)


def test_a_board_ignores_older_versions_and_tiles_of_other_days() -> None:
    board = _board(tile(1, Status.PRESENT, version=3))
    assert not board.apply(tile(1, Status.NOT_ARRIVED, version=2))
    assert not board.apply(tile(1, Status.PICKED_UP, version=4, day="2026-11-24"))
    assert board.apply(tile(1, Status.PICKED_UP, version=4))
    assert board.tiles[1].status == Status.PICKED_UP.value


def test_ratios_count_children_here_and_adults_on_duty_per_room() -> None:
    board = _board(tile(1, Status.PRESENT), tile(2, Status.PRESENT), tile(3, Status.PICKED_UP))
    board.set_duty(10, "Sofie", 1, True)
    assert board.ratios() == {1: (2, 1)}
    board.set_duty(10, "Sofie", 1, False)
    assert board.ratios() == {1: (2, 0)}
