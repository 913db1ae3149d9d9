"""Danish first, English second; dates in Danish format and Copenhagen time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from ui.i18n import fmt_date, fmt_datetime, fmt_short_date, t
from ui.texts import TEXTS


def test_every_text_has_danish_and_english() -> None:
    for key, (da, en) in TEXTS.items():
        assert da.strip() and en.strip(), key


def test_every_key_used_in_the_ui_exists() -> None:
    used: set[str] = set()
    for path in Path("ui").rglob("*.py"):
        used |= set(re.findall(r'\bt\("([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys at all"
    assert sorted(used - TEXTS.keys()) == []


def test_danish_is_the_default_and_parameters_fill_in() -> None:
    assert t("overblik.hello", lang="da", name="Mette") == "Hej Mette"
    assert t("overblik.hello", lang="en", name="Mette") == "Hello Mette"


def test_dates_are_written_the_danish_way() -> None:
    assert fmt_date(date(2026, 11, 28), "da") == "28. november 2026"
    assert fmt_date(date(2026, 3, 1), "en") == "1 March 2026"
    assert fmt_short_date(date(2026, 1, 5)) == "5.1.2026"


def test_times_are_shown_in_copenhagen_time_across_daylight_saving() -> None:
    summer = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)
    winter = datetime(2026, 12, 1, 12, 5, tzinfo=UTC)
    assert fmt_datetime(summer, "da") == "1.7.2026 kl. 14.05"
    assert fmt_datetime(winter, "da") == "1.12.2026 kl. 13.05"
    assert fmt_datetime(winter, "en") == "1.12.2026 at 13:05"


def test_counts_use_singular_and_plural() -> None:
    from ui.i18n import tn

    assert tn("staff.children", 1, "da") == "1 barn"
    assert tn("staff.children", 2, "da") == "2 børn"
    assert tn("staff.children", 1, "en") == "1 child"
    assert tn("staff.staff", 0, "en") == "0 staff"
