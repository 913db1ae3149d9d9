"""Series expanded in Copenhagen wall-clock time: 08:00 stays 08:00 across both summer-time changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.calendar import recurrence
from domain.calendar.holidays import closing_days, holidays_between
from domain.calendar.model import Repeat
from domain.calendar.service import Timing, timing
from domain.clock import COPENHAGEN
from domain.errors import DomainError


def cph(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=COPENHAGEN).astimezone(UTC)


def series(start: datetime, repeat: str, until: date) -> Timing:
    return timing(all_day=False, start=start, end=start.replace(hour=9), repeat=repeat, repeat_until=until)


def test_weekly_eight_oclock_stays_eight_local_across_the_october_and_march_changes() -> None:
    t = series(datetime(2026, 10, 19, 8, 0), "weekly", date(2027, 4, 5))
    found = recurrence.occurrences(t.starts_at, t.ends_at, t.rule, t.repeat_until, [], cph(2026, 10, 1),
                                   cph(2027, 5, 1))
    local = [o.starts_at.astimezone(COPENHAGEN) for o in found]
    assert {(x.hour, x.minute) for x in local} == {(8, 0)}
    assert all(o.ends_at - o.starts_at == (o.ends_at - o.starts_at).__class__(hours=1) for o in found)
    # summer time ends on 25 October 2026 and starts on 28 March 2027: the UTC hour moves, the local one does not
    utc_hours = {o.key[:10]: o.starts_at.hour for o in found}
    assert utc_hours["2026-10-19"] == 6 and utc_hours["2026-10-26"] == 7
    assert utc_hours["2027-03-22"] == 7 and utc_hours["2027-03-29"] == 6
    assert found[-1].key == "2027-04-05T08:00" and len(found) == 25


def test_every_other_week_with_a_skipped_date_and_a_window() -> None:
    t = series(datetime(2027, 3, 1, 8, 0), "biweekly", date(2027, 6, 30))
    assert recurrence.repeat_of(t.rule) is Repeat.BIWEEKLY and "INTERVAL=2" in t.rule and t.rule.endswith("Z")
    found = recurrence.occurrences(t.starts_at, t.ends_at, t.rule, t.repeat_until, ["2027-03-29T08:00"],
                                   cph(2027, 3, 1), cph(2027, 4, 30))
    assert [o.key for o in found] == ["2027-03-01T08:00", "2027-03-15T08:00", "2027-04-12T08:00",
                                      "2027-04-26T08:00"]
    assert recurrence.has_occurrence(t.starts_at, t.ends_at, t.rule, t.repeat_until, "2027-03-29T08:00")
    assert not recurrence.has_occurrence(t.starts_at, t.ends_at, t.rule, t.repeat_until, "2027-03-22T08:00")
    after = recurrence.next_occurrence(t.starts_at, t.ends_at, t.rule, t.repeat_until, ["2027-03-29T08:00"],
                                       cph(2027, 3, 16))
    assert after is not None and after.key == "2027-04-12T08:00" and after.starts_at == cph(2027, 4, 12, 8)


def test_an_all_day_event_spans_whole_local_days_even_over_a_change() -> None:
    t = timing(all_day=True, start=datetime(2026, 10, 24), end=datetime(2026, 10, 25), repeat="", repeat_until=None)
    assert t.starts_at == cph(2026, 10, 24) and t.ends_at == cph(2026, 10, 26)
    assert (t.ends_at - t.starts_at).total_seconds() == 49 * 3600  # the night the clocks go back is an hour longer


def test_bad_series_are_refused() -> None:
    for repeat, until, key in [("weekly", None, "calendar.recurrence_too_long"),
                               ("weekly", date(2031, 12, 1), "calendar.recurrence_too_long"),
                               ("weekly", date(2026, 1, 1), "calendar.repeat_until_before_start"),
                               ("hourly", date(2027, 1, 1), "calendar.bad_repeat")]:
        with pytest.raises(DomainError) as caught:
            series(datetime(2026, 11, 30, 8), repeat, until)
        assert caught.value.key == key
    series(datetime(2026, 11, 30, 8), "weekly", date(2031, 11, 30))  # five years to the day is fine


def test_danish_holidays_and_closing_days() -> None:
    names = dict(holidays_between(date(2026, 12, 1), date(2027, 4, 30)))
    assert names[date(2026, 12, 25)] == "Juledag" and names[date(2027, 3, 29)] == "Anden påskedag"
    assert date(2026, 12, 24) not in names
    assert closing_days([{"day": "2026-12-28", "reason": "Juleferie"}, "2026-12-29", {"day": "bad"}]) == {
        date(2026, 12, 28): "Juleferie", date(2026, 12, 29): ""}
