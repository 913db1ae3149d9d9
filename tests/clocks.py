"""The test suite's clock: every test starts at one chosen instant, and a test may choose its own.

`SAMMEN_TEST_NOW` (an ISO time, read in Europe/Copenhagen without an offset) chooses the instant for a whole run;
unset, the run starts at the real time when the suite was loaded. Only the test suite reads that variable: the app
is handed its clock by `tests/clocked_main.py` or by sharing this process.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, time, timedelta

from domain import clock

TEST_NOW_VARIABLE = "SAMMEN_TEST_NOW"
# The instants the suite must pass at (Copenhagen time): weekends, early and late hours, both changes of summer time,
# the turn of the year and a leap day. CI runs the date-sensitive tests at one of them, a different one each day.
HARD_INSTANTS = (
    "2026-12-06T14:00",  # a Sunday afternoon
    "2026-12-07T07:30",  # a Monday morning, before most children arrive
    "2026-12-11T23:59",  # a Friday, a minute before midnight
    "2027-03-28T10:00",  # the day summer time starts
    "2026-10-25T10:00",  # the day summer time ends
    "2027-01-01T00:30",  # half an hour into the new year: 2027 in Copenhagen, still 2026 in UTC
    "2028-02-29T12:00",  # a leap day
)


def run_instant() -> datetime:
    """The instant at which every test of this run starts, as an aware datetime."""
    chosen = os.environ.get(TEST_NOW_VARIABLE, "").strip()
    return clock.parse_instant(chosen) if chosen else clock.utcnow().replace(microsecond=0)


START = run_instant()


class TestClock:
    """The clock a test sets: `at("2026-12-07T07:30")`, `advance(minutes=5)`; it ticks unless told to stand still."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.at(start)

    def at(self, when: datetime | str, *, ticking: bool = True) -> datetime:
        """Sammen's "now" becomes `when` (an aware datetime or an ISO time in Copenhagen)."""
        instant = clock.parse_instant(when) if isinstance(when, str) else when
        clock.set_now(instant, ticking=ticking)
        return instant

    def at_local(self, hour: int, minute: int = 0, *, days: int = 0, ticking: bool = True) -> datetime:
        """The same day as the run's instant (or `days` later), at a Copenhagen wall time."""
        day = self.start.astimezone(clock.COPENHAGEN).date() + timedelta(days=days)
        return self.at(datetime.combine(day, time(hour, minute), tzinfo=clock.COPENHAGEN), ticking=ticking)

    def advance(self, **delta: float) -> datetime:
        """Move the clock on by a timedelta's keywords (minutes=5, days=1)."""
        clock.advance(timedelta(**delta))
        return clock.utcnow()

    def now(self) -> datetime:
        """What Sammen thinks the time is."""
        return clock.utcnow()


def main_command(*args: str) -> list[str]:
    """`python main.py ARGS` for a subprocess whose clock starts where this process's clock is now."""
    return [sys.executable, "-m", "tests.clocked_main", clock.utcnow().isoformat(), *args]


def instant_of_the_day(day_of_year: int) -> str:
    """The hard instant CI uses on a given day of the year, so that a week of runs covers them all."""
    return clock.parse_instant(HARD_INSTANTS[day_of_year % len(HARD_INSTANTS)]).isoformat()


if __name__ == "__main__":
    print(instant_of_the_day(datetime.now(clock.COPENHAGEN).timetuple().tm_yday))
