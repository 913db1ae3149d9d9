"""A notification's link opens the calendar on its event's day: /kalender?dato=2027-01-20."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from domain.clock import today_local
from tests.ui.conftest import login
from ui.calendar.format import period_text


async def test_a_link_with_a_day_opens_the_calendar_on_that_day(user: User) -> None:
    await login(user, "demo-laerer")
    day = today_local() + timedelta(days=45)
    await user.open(f"/kalender?dato={day.isoformat()}")
    await user.should_see(period_text("week", day, "da"))  # staff start in the week view
    await user.open("/kalender?dato=ikke-en-dag")  # a bad day is today, not an error
    await user.should_see(period_text("week", today_local(), "da"))
