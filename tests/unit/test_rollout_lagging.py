"""Who lags behind their wave, at chosen instants: all items done at go-live, SOON_SHARE in the two weeks before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.organisation.model import InstitutionKind
from domain.rollout.lagging import SOON_SHARE, find_lagging, required_share
from domain.rollout.model import Area
from domain.rollout.waves import WaveMemberView, WaveView

GO_LIVE = date(2027, 3, 1)
D = timedelta(days=1)


def wave(wave_id: int, go_live: date, *names: str) -> WaveView:
    """A school wave whose members have ids 10*wave_id + position."""
    members = tuple(WaveMemberView(10 * wave_id + n, name, InstitutionKind.SKOLE) for n, name in enumerate(names))
    return WaveView(wave_id, 1, Area.SKOLE, f"Bølge {wave_id}", go_live, members)


@pytest.mark.parametrize(("today", "need"), [
    (GO_LIVE - 15 * D, None),
    (GO_LIVE - 14 * D, SOON_SHARE),
    (GO_LIVE - D, SOON_SHARE),
    (GO_LIVE, 1.0),
    (GO_LIVE + 30 * D, 1.0),
])
def test_what_a_wave_needs_grows_as_go_live_nears(today: date, need: float | None) -> None:
    assert required_share(GO_LIVE, today) == need


def test_two_weeks_before_go_live_only_those_below_three_quarters_lag() -> None:
    w = wave(1, GO_LIVE, "Østre Skole", "Engskolen", "Aabyskolen", "Bakkeskolen")
    progress = {10: (2, 4), 11: (3, 4), 12: (1, 4), 13: (0, 0)}
    found = find_lagging([w], progress, GO_LIVE - 10 * D)
    # Bakkeskolen has no checklist items: nothing to lag on. Aaby (1/4) is further behind than Østre (2/4).
    assert [(r.name, r.done, r.total, r.required) for r in found] == [
        ("Aabyskolen", 1, 4, SOON_SHARE), ("Østre Skole", 2, 4, SOON_SHARE)]
    assert found[0].days_left(GO_LIVE - 10 * D) == 10


def test_after_go_live_anything_short_of_everything_lags_and_earlier_waves_come_first() -> None:
    first = wave(1, GO_LIVE, "Engskolen", "Skovlyskolen")
    second = wave(2, GO_LIVE + 5 * D, "Sammenby Skole")
    later = wave(3, GO_LIVE + 60 * D, "Nordskolen")
    progress = {10: (4, 4), 11: (3, 4), 20: (0, 4), 30: (0, 4)}
    found = find_lagging([later, second, first], progress, GO_LIVE + D)
    assert [(r.name, r.wave, r.required) for r in found] == [
        ("Skovlyskolen", "Bølge 1", 1.0), ("Sammenby Skole", "Bølge 2", SOON_SHARE)]
    assert found[0].days_left(GO_LIVE + D) == -1
    assert find_lagging([first], progress, GO_LIVE - 30 * D) == []


def test_equal_shares_sort_by_name_in_danish_order() -> None:
    w = wave(1, GO_LIVE, "Åskolen", "Zoneskolen", "Ærøskolen")
    found = find_lagging([w], {10: (0, 2), 11: (0, 2), 12: (0, 2)}, GO_LIVE)
    assert [r.name for r in found] == ["Zoneskolen", "Ærøskolen", "Åskolen"]
