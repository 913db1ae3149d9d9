"""Use per week on the adoption tab: digital check-ins out of expected attendances, and messages per institution."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from domain.clock import COPENHAGEN
from domain.errors import AccessDenied
from domain.presence.model import Status
from domain.rollout.usage import monday, open_days, weekly_use
from persistence.messages import Message, Thread
from persistence.presence import PresenceDay
from tests.clocks import TestClock
from tests.logins_world import build
from tests.querycount import count_queries

THURSDAY = date(2026, 12, 10)


def at(day: date, hour: int) -> datetime:
    """A Copenhagen wall time."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=COPENHAGEN)


async def presence(person_id: int, institution_id: int, day: date, status: Status, arrived: bool) -> None:
    """A child's day at an institution."""
    await PresenceDay.create(person_id=person_id, institution_id=institution_id, day=day, status=status,
                             arrived_at=at(day, 8) if arrived else None, changed_at=at(day, 8))


async def message(sender_id: int, when: datetime) -> None:
    """One message in a thread of its own."""
    thread = await Thread.create(subject="Hej", created_at=when, created_by_id=sender_id, last_message_at=when,
                                 message_count=1)
    await Message.create(thread_id=thread.id, sender_id=sender_id, sender_name="X", body="Hej", created_at=when)


def test_open_days_skip_weekends_and_public_holidays() -> None:
    assert open_days(date(2027, 3, 22), date(2027, 3, 28)) == [date(2027, 3, 22), date(2027, 3, 23),
                                                                date(2027, 3, 24)]  # skærtorsdag, langfredag
    assert monday(THURSDAY) == date(2026, 12, 7)


async def test_digital_checkins_are_a_share_of_expected_attendance_and_messages_count_where_senders_belong(
        database: str, clock: TestClock) -> None:
    clock.at(at(THURSDAY, 12), ticking=False)
    s = await build()
    kg, school, week = s.w.kindergarten.id, s.w.school.id, date(2026, 12, 7)
    bo = s.w.sibling.id  # the one child at Testhaven
    await presence(bo, kg, date(2026, 12, 7), Status.PICKED_UP, True)
    await presence(bo, kg, date(2026, 12, 8), Status.PRESENT, True)
    await presence(bo, kg, date(2026, 12, 9), Status.SICK, False)
    await presence(bo, kg, date(2026, 11, 30), Status.PICKED_UP, True)
    await message(s.w.teacher.id, at(date(2026, 12, 8), 9))  # staff at the school
    await message(s.w.guardian.id, at(date(2026, 12, 8), 20))  # guardian of Anna (school) and Bo (Testhaven)
    await message(s.w.guardian.id, at(date(2026, 12, 1), 20))
    with count_queries() as statements:
        use = await weekly_use(s.team, THURSDAY)
    assert len(statements) <= 2 + 3 * len(use.weeks) + 2
    assert use.weeks[-1] == week and len(use.weeks) == 8
    this_week = {r.institution_id: r for r in use.rows if r.week == week}
    # Monday to Thursday open, one child, sick on Wednesday: 3 expected, 2 checked in.
    assert (this_week[kg].expected, this_week[kg].checked_in) == (3, 2)
    assert this_week[kg].share == pytest.approx(2 / 3)
    assert this_week[school].share is None  # a school has no check-in
    assert (this_week[school].messages, this_week[kg].messages) == (2, 1)
    last_week = {r.institution_id: r for r in use.rows if r.week == week - timedelta(days=7)}
    assert (last_week[kg].expected, last_week[kg].checked_in, last_week[kg].messages) == (5, 1, 1)
    assert use.total(week).messages == 3
    assert {i.name: i.checks_in for i in use.institutions} == {"Testskolen": False, "Testhaven": True}


async def test_only_the_project_team_sees_the_weekly_use(database: str) -> None:
    s = await build()
    with pytest.raises(AccessDenied):
        await weekly_use(s.school_leader, s.w.today)
