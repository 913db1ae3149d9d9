"""The shared date field on real pages: 7.12.2026 is taken, 31.02.2026 and a bad range are refused with the reason."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from nicegui import ui
from nicegui.testing import User

from domain.clock import COPENHAGEN, today_local
from domain.dates import show_day
from domain.presence.model import Status
from persistence.calendar import CalendarEvent
from persistence.people import Person
from persistence.presence import PresenceDay
from persistence.vacation import VacationRequest
from tests.ui.conftest import login
from ui.dates import DateField

NO_SUCH_DAY = "Den dato findes ikke: måneden har kun 28 dage."


def field(user: User, marker: str) -> DateField:
    """The one date field with this marker."""
    found = user.find(marker=marker).elements
    assert len(found) == 1, marker
    element = next(iter(found))
    assert isinstance(element, DateField)
    return element


def typed(user: User, marker: str, text: str) -> DateField:
    """Empty the field and type `text`, as a keyboard would."""
    user.find(marker=marker).clear().type(text)
    return field(user, marker)


async def refused(user: User, marker: str, reason: str) -> None:
    """Wait until the field shows `reason` under it (a click's handler runs after the click returns)."""
    for _ in range(60):
        if field(user, marker).error == reason:
            return
        await asyncio.sleep(0.1)
    assert field(user, marker).error == reason


def padded(day: date) -> str:
    """07.12.2026."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


async def test_the_absence_form_refuses_31_february_and_takes_danish_dates(user: User) -> None:
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    today = today_local()
    stored = PresenceDay.filter(person_id=oscar.id, day__gte=today).order_by("day").values_list("day", "status")
    before = await stored
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    assert field(user, "absence-first").value == show_day(today)  # shown as 7.12.2026, not 2026-12-07
    assert typed(user, "absence-first", "31.02.2026").error == NO_SUCH_DAY
    user.find(marker="absence-send").click()
    await user.should_see("Skriv datoen som dd.mm.åååå, fx 7.12.2026.")
    assert await stored == before
    # Two weeks from a Monday ahead: some days are open whatever the run's date (Christmas, weekends), none begun.
    first = today + timedelta(days=7 + (7 - today.weekday()) % 7)
    last = first + timedelta(days=13)
    assert typed(user, "absence-first", padded(first)).error is None
    assert (typed(user, "absence-last", show_day(last)).day, field(user, "absence-last").error) == (last, None)
    user.find(marker="absence-send").click()
    await user.should_see(marker="absence-confirm", retries=20)
    user.find(marker="absence-confirm").click()
    await user.should_see(marker="absence-result", content="Fravær meldt for", retries=20)
    # The typed days were read right: Oscar is sick on open days of exactly that range (closed days do not count).
    sick = {day for day, status in set(await stored) - set(before) if status is Status.SICK}
    assert sick and all(first <= day <= last for day in sick), sick


async def test_the_calendar_editor_refuses_31_february_and_saves_a_day_typed_the_danish_way(user: User) -> None:
    day = today_local() + timedelta(days=3)
    await login(user, "demo-laerer")
    await user.open("/kalender")
    user.find(marker="cal-new").click()
    await user.should_see(marker="cal-editor")
    user.find(marker="cal-field-title").type("Æblehøst med 2.A")
    assert typed(user, "cal-field-day", "31.02.2026").error == NO_SUCH_DAY
    user.find(marker="cal-editor-save").click()
    await user.should_see(marker="cal-editor-error", content="Tjek dato og tid")
    assert not await CalendarEvent.exists(title="Æblehøst med 2.A")
    assert typed(user, "cal-field-day", "7/12").error == "Skriv datoen som dd.mm.åååå, fx 7.12.2026."
    assert typed(user, "cal-field-day", show_day(day)).error is None
    user.find(marker="cal-editor-save").click()
    await user.should_see("Begivenheden er gemt.")
    event = await CalendarEvent.get(title="Æblehøst med 2.A")
    assert event.starts_at.astimezone(COPENHAGEN).date() == day


async def test_an_all_day_event_ending_before_it_starts_is_explained_under_its_last_day(user: User) -> None:
    first = today_local() + timedelta(days=5)
    await login(user, "demo-laerer")
    await user.open("/kalender")
    user.find(marker="cal-new").click()
    await user.should_see(marker="cal-editor")
    user.find(marker="cal-field-title").type("Æblehøst med 2.A")
    user.find(marker="cal-field-all-day").click()
    typed(user, "cal-field-day", show_day(first))
    typed(user, "cal-field-last-day", show_day(first - timedelta(days=2)))
    user.find(marker="cal-editor-save").click()
    await refused(user, "cal-field-last-day",
                  f"Sidste dag ({show_day(first - timedelta(days=2))}) ligger før første dag ({show_day(first)}).")
    assert not await CalendarEvent.exists(title="Æblehøst med 2.A")


async def test_the_vacation_form_refuses_a_bad_day_a_reversed_range_and_a_past_day_and_stores_nothing(
        user: User) -> None:
    today = today_local()
    first, last = today + timedelta(days=30), today + timedelta(days=34)
    await login(user, "demo-leder")
    await user.open("/kalender/ferie")
    user.find(marker="vacation-new").click()
    user.find(marker="vacation-title").type("Vinterferie")
    user.find(marker="vacation-institutions").click()
    user.find("Solsikken").click()
    assert typed(user, "vacation-first", "31.02.2026").error == NO_SUCH_DAY
    user.find(marker="vacation-create").click()
    await user.should_see(NO_SUCH_DAY)  # the reason, also in the message that nothing was sent
    typed(user, "vacation-first", show_day(last))
    typed(user, "vacation-last", show_day(first))
    user.find(marker="vacation-create").click()
    await refused(user, "vacation-last", f"Sidste dag ({show_day(first)}) ligger før første dag ({show_day(last)}).")
    yesterday = today - timedelta(days=1)
    assert typed(user, "vacation-first", show_day(yesterday)).error == \
        f"{show_day(yesterday)} er allerede gået: vælg i dag ({show_day(today)}) eller senere."
    assert not await VacationRequest.exists(title="Vinterferie")
    typed(user, "vacation-first", padded(first))
    typed(user, "vacation-last", show_day(last))
    user.find(marker="vacation-create").click()
    await user.should_see("Ferieanmodningen er sendt til forældrene.")
    request = await VacationRequest.get(title="Vinterferie")
    assert (request.first_day, request.last_day) == (first, last)


async def test_a_day_without_a_year_is_written_out_when_the_field_is_left(user: User) -> None:
    ahead = today_local() + timedelta(days=3)
    await login(user, "demo-laerer")
    await user.open("/kalender")
    user.find(marker="cal-new").click()
    await user.should_see(marker="cal-editor")
    day = typed(user, "cal-field-day", f"{ahead.day:02d}.{ahead.month:02d}")
    user.find(marker="cal-field-day").trigger("blur")
    expected = ahead.replace(year=today_local().year)  # a day without a year is this year's in the calendar
    assert (day.value, day.day) == (show_day(expected), expected)


async def test_the_reason_is_in_english_for_an_english_session(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/kalender")
    user.find(marker="language").click()
    await user.should_see("Calendar")
    await user.open("/kalender")
    user.find(marker="cal-new").click()
    await user.should_see(marker="cal-editor")
    assert typed(user, "cal-field-day", "31.02.2026").error == "There is no such date: that month has only 28 days."
    assert field(user, "cal-field-day").props["placeholder"] == "dd.mm.yyyy"
    picker = next(iter(user.find(kind=ui.date).elements))
    assert picker.props["locale"]["daysShort"][1] == "Mon"
