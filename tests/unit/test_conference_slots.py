"""Slot generation: quarters around a break, stepping in real time across the DST changes, bad input refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.conferences.slots import BreakInput, DayInput, generate
from domain.errors import DomainError


def hours(slots: list[tuple[datetime, datetime]]) -> list[str]:
    return [f"{s:%H:%M}" for s, _ in slots]


def test_slots_fill_the_day_and_skip_the_break_in_utc() -> None:
    slots = generate([DayInput(date(2026, 12, 7), "14:00", "16:00")], [BreakInput("14:50", "15:10")], 20)
    # 14:00 CET is 13:00 UTC; 14:40-15:00 would touch the break, so the next slot starts when the break ends.
    assert hours(slots) == ["13:00", "13:20", "14:10", "14:30"]
    assert all(e - s == (slots[0][1] - slots[0][0]) for s, e in slots) and slots[0][0].tzinfo is UTC


def test_a_slot_that_would_run_past_the_end_of_the_day_is_not_made() -> None:
    assert len(generate([DayInput(date(2026, 12, 7), "14:00", "14:50")], [], 15)) == 3


def test_the_same_local_time_is_an_hour_apart_in_utc_across_the_spring_change() -> None:
    before = generate([DayInput(date(2026, 3, 27), "14:00", "14:15")], [], 15)
    after = generate([DayInput(date(2026, 3, 30), "14:00", "14:15")], [], 15)
    assert (hours(before), hours(after)) == (["13:00"], ["12:00"])


def test_the_night_clocks_change_neither_invents_nor_doubles_a_slot() -> None:
    spring = generate([DayInput(date(2026, 3, 29), "01:00", "04:00")], [], 30)
    autumn = generate([DayInput(date(2026, 10, 25), "01:00", "04:00")], [], 30)
    assert len(spring) == 4 and len(autumn) == 8  # two real hours in spring, four in autumn
    assert len({s for s, _ in autumn}) == 8 and spring[-1][1] == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("minutes", "days", "breaks", "key"), [
    (0, [DayInput(date(2026, 12, 7), "14:00", "16:00")], [], "conferences.slot_length"),
    (121, [DayInput(date(2026, 12, 7), "14:00", "16:00")], [], "conferences.slot_length"),
    (15, [], [], "conferences.no_days"),
    (15, [DayInput(date(2026, 12, 7), "14:00", "14:10")], [], "conferences.no_slots"),
    (15, [DayInput(date(2026, 12, 7), "14:00", "16:00")] * 2, [], "conferences.day_twice"),
    (15, [DayInput(date(2026, 12, 7), "14:00", "16:00")], [BreakInput("15:00", "14:00")], "conferences.break_order"),
    (15, [DayInput(date(2026, 12, 7), "kl. to", "16:00")], [], "conferences.bad_time"),
])
def test_bad_days_and_lengths_are_refused(minutes: int, days: list[DayInput], breaks: list[BreakInput],
                                          key: str) -> None:
    with pytest.raises(DomainError) as refused:
        generate(days, breaks, minutes)
    assert refused.value.key == key
