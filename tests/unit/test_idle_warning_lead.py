"""The idle warning's lead time follows the session's limit: two minutes, or a third of a short limit."""

from __future__ import annotations

from ui.idle_warning import warning_lead_ms, warning_text


def test_the_warning_comes_two_minutes_before_a_thirty_minute_limit_and_says_so() -> None:
    lead = warning_lead_ms(30 * 60_000)
    assert lead == 120_000
    assert warning_text(lead) == "Du bliver logget ud om 2 minutter"
    assert warning_text(lead, "en") == "You will be logged out in 2 minutes"


def test_a_short_limit_is_warned_a_third_of_it_before_in_honest_words() -> None:
    assert warning_lead_ms(3 * 60_000) == 60_000 and warning_text(60_000) == "Du bliver logget ud om 1 minut"
    assert warning_lead_ms(60_000) == 20_000 and warning_text(20_000) == "Du bliver logget ud om under et minut"
