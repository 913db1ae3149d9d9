"""ICS over SQLite and PostgreSQL: one event's export and the private, revocable feed, parsed with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
import pytest

from domain.calendar import feeds, ics, service
from domain.clock import COPENHAGEN
from domain.errors import AccessDenied, NotFound
from persistence.calendar import CalendarFeed
from tests.calendar_world import NOW, CalendarWorld, build_calendar_world, local


@pytest.fixture
async def cw(database: str) -> CalendarWorld:
    return await build_calendar_world()


def events_of(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk("VEVENT")]


async def test_one_event_exports_with_its_zone_rule_and_skipped_date(cw: CalendarWorld) -> None:
    event_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=cw.w.class_2a.id, title="Svømning", description="Husk håndklæde",
        place="Svømmehallen", all_day=False, start=local(date(2026, 10, 19), 8), end=local(date(2026, 10, 19), 9),
        repeat="biweekly", repeat_until=date(2027, 4, 30), now=NOW)
    await service.do_skip_occurrence(cw.teacher, event_id, datetime(2026, 11, 2, 8, 0), now=NOW)
    data = await ics.event_ics(cw.guardian, event_id)
    cal = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    (event,) = events_of(data)
    assert str(event["UID"]) == f"event-{event_id}@sammen" and str(event["SUMMARY"]) == "Svømning"
    assert str(event["LOCATION"]) == "Svømmehallen" and str(event["DESCRIPTION"]) == "Husk håndklæde"
    dtstart = event["DTSTART"]
    assert dtstart.params["TZID"] == "Europe/Copenhagen" and dtstart.dt.hour == 8
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["INTERVAL"] == [2]
    assert event["RRULE"]["UNTIL"][0].date() == date(2027, 4, 30)
    assert [d.dt for d in event["EXDATE"].dts] == [datetime(2026, 11, 2, 8, tzinfo=COPENHAGEN)]
    with pytest.raises(AccessDenied):
        await ics.event_ics(cw.former, event_id)


async def test_the_feed_holds_the_owners_events_without_private_text_and_dies_when_revoked(cw: CalendarWorld) -> None:
    w = cw.w
    day = NOW.astimezone(COPENHAGEN).date() + timedelta(days=9)  # the feed's window follows the clock
    open_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Forældremøde", description="Dagsorden følger",
        all_day=False, start=local(day, 17), end=local(day, 19), now=NOW)
    await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Personalemøde", description="Om Carl",
        all_day=False, start=local(day, 15), end=local(day, 16), private=True, now=NOW)
    own = await service.do_create_event(
        cw.guardian, scope="person", title="Lægetid", description="Annas øre", all_day=True,
        start=local(day), end=local(day + timedelta(days=1)), private=True, now=NOW)
    await service.do_create_event(
        cw.other_guardian, scope="person", title="Olgas aftale", all_day=True, start=local(day),
        end=local(day), now=NOW)
    first = await feeds.do_create_feed(cw.guardian, now=NOW)
    token = await feeds.do_create_feed(cw.guardian, now=NOW)
    assert not await CalendarFeed.filter(token_hash=token).exists()  # only the hash is stored
    with pytest.raises(NotFound):
        await feeds.feed_ics(first, now=NOW)  # a new address revokes the old one
    data = await feeds.feed_ics(token, now=NOW)
    found = {str(e["SUMMARY"]): e for e in events_of(data)}
    assert {"Forældremøde", "Lægetid", "Juledag"} <= set(found)
    assert "Personalemøde" not in found and "Olgas aftale" not in found
    assert "DESCRIPTION" not in found["Lægetid"] and b"Annas" not in data and b"Carl" not in data
    assert str(found["Lægetid"]["UID"]) == f"event-{own}@sammen"
    assert found["Lægetid"]["DTSTART"].dt == day and found["Lægetid"]["DTEND"].dt == day + timedelta(days=2)
    assert str(found["Forældremøde"]["DESCRIPTION"]) == "Dagsorden følger"
    assert str(found["Forældremøde"]["UID"]) == f"event-{open_id}@sammen"
    staff = events_of(await feeds.feed_ics(await feeds.do_create_feed(cw.teacher, now=NOW), now=NOW))
    private = next(e for e in staff if str(e["SUMMARY"]) == "Personalemøde")
    assert "DESCRIPTION" not in private  # staff see the private meeting in their feed, never its text
    assert await feeds.has_feed(cw.guardian)
    await feeds.do_revoke_feed(cw.guardian, now=NOW)
    assert not await feeds.has_feed(cw.guardian)
    with pytest.raises(NotFound):
        await feeds.feed_ics(token, now=NOW)
    with pytest.raises(NotFound):
        await feeds.feed_ics("", now=NOW)
