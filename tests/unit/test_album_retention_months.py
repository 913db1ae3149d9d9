"""The albums rule's month arithmetic and its place in the policy (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.gdpr.retention_model import ALBUMS_DEFAULT, RANGES, RULES, PolicyView, months_after, stricter


def test_months_after_keeps_the_moment_and_clamps_the_day_of_the_month() -> None:
    at = datetime(2026, 1, 31, 22, 15, tzinfo=UTC)
    assert months_after(at, 1) == datetime(2026, 2, 28, 22, 15, tzinfo=UTC)
    assert months_after(at, 25) == datetime(2028, 2, 29, 22, 15, tzinfo=UTC)
    assert months_after(datetime(2026, 12, 7, tzinfo=UTC), 24) == datetime(2028, 12, 7, tzinfo=UTC)


def test_albums_default_to_24_months_are_never_kept_for_ever_and_a_shorter_rule_is_stricter() -> None:
    assert PolicyView().months("albums") == ALBUMS_DEFAULT == 24
    assert RANGES["albums"] == (1, 120) and "albums" not in RULES  # the daily run is not started by albums alone
    assert not PolicyView().any_rule
    assert stricter(PolicyView(), PolicyView(albums_months=6)) == [("albums", 6)]
    assert stricter(PolicyView(), PolicyView(albums_months=36)) == []
