"""Dates typed the Danish way: what is read as which day, and what is refused with which reason."""

from __future__ import annotations

from datetime import date

import pytest

from domain.dates import check_range, parse_danish_date, show_day
from domain.errors import DomainError

TODAY = date(2026, 12, 7)  # a fixed day: the parse never depends on the run's date


@pytest.mark.parametrize(("text", "day"), [
    ("7.12.2026", date(2026, 12, 7)),
    ("07.12.2026", date(2026, 12, 7)),
    (" 7. 12. 2026 ", date(2026, 12, 7)),
    ("7.12.26", date(2026, 12, 7)),
    ("07.12", date(2026, 12, 7)),
    ("7.12", date(2026, 12, 7)),
    ("7.12.", date(2026, 12, 7)),
    ("1.3", date(2026, 3, 1)),  # a day without a year is this year's, also when it has passed
    ("29.2.2028", date(2028, 2, 29)),
    ("2026-12-07", date(2026, 12, 7)),  # ISO still works (links, pasted text)
])
def test_a_typed_date_is_read_as_the_day_a_dane_means(text: str, day: date) -> None:
    assert parse_danish_date(text, TODAY) == day


@pytest.mark.parametrize(("text", "key"), [
    ("31.02.2026", "dates.no_day"),
    ("29.2.2027", "dates.no_day"),
    ("0.12.2026", "dates.no_day"),
    ("7/12", "dates.format"),
    ("7-12-2026", "dates.format"),
    ("2026-13-01", "dates.no_month"),
    ("7.13.2026", "dates.no_month"),
    ("i morgen", "dates.format"),
    ("7.12.202", "dates.format"),
    ("123.12.2026", "dates.format"),
    ("7.12.1026", "dates.year"),
    ("", "dates.empty"),
    ("   ", "dates.empty"),
    (None, "dates.empty"),
])
def test_a_text_that_is_no_date_is_refused_with_the_reason(text: str | None, key: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_danish_date(text, TODAY)
    assert refused.value.key == key


def test_a_day_ahead_without_a_year_that_has_passed_is_next_years() -> None:
    assert parse_danish_date("3.1", TODAY, future=True) == date(2027, 1, 3)
    assert parse_danish_date("7.12", TODAY, future=True) == date(2026, 12, 7)  # today is not passed
    assert parse_danish_date("3.1.2026", TODAY, future=True) == date(2026, 1, 3)  # a written year is kept


def test_a_leap_day_is_never_moved_to_another_day() -> None:
    with pytest.raises(DomainError) as refused:
        parse_danish_date("29.2", date(2028, 3, 1), future=True)
    assert (refused.value.key, refused.value.params["days"]) == ("dates.no_day", 28)


def test_a_day_is_shown_without_leading_zeros() -> None:
    assert show_day(date(2026, 12, 7)) == "7.12.2026"
    assert show_day(date(2027, 1, 3)) == "3.1.2027"


@pytest.mark.parametrize(("first", "last", "today", "key"), [
    (None, date(2026, 12, 8), None, "dates.range.missing"),
    (date(2026, 12, 8), None, None, "dates.range.missing"),
    (date(2026, 12, 9), date(2026, 12, 8), None, "dates.range.reversed"),
    (date(2026, 12, 6), date(2026, 12, 8), TODAY, "dates.past"),
])
def test_a_range_that_is_empty_reversed_or_begun_is_refused(first: date | None, last: date | None,
                                                             today: date | None, key: str) -> None:
    with pytest.raises(DomainError) as refused:
        check_range(first, last, today)
    assert refused.value.key == key


def test_a_range_reason_names_the_days() -> None:
    with pytest.raises(DomainError) as refused:
        check_range(date(2026, 12, 9), date(2026, 12, 8))
    assert refused.value.params == {"first": "9.12.2026", "last": "8.12.2026"}


def test_a_good_range_comes_back_and_may_start_today_or_in_the_past_when_allowed() -> None:
    assert check_range(TODAY, TODAY, TODAY) == (TODAY, TODAY)
    assert check_range(date(2026, 1, 1), date(2026, 1, 2)) == (date(2026, 1, 1), date(2026, 1, 2))
