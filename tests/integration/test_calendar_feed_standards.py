"""The feed and the single-event file read by three iCalendar parsers Sammen did not write, against the calendar page.

icalendar with recurring-ical-events, ical (a pydantic implementation) and vobject (which builds its time zone from
the feed's own VTIMEZONE) must each give back, over a year that holds both summer-time changes, exactly the
occurrences the calendar page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
import vobject
from ical.calendar_stream import IcsCalendarStream

from domain.calendar import feeds, ics, service, views
from domain.calendar.model import CalendarItem, ItemKind
from domain.calendar.recurrence import local_midnight
from domain.clock import COPENHAGEN
from persistence.calendar import CalendarEvent
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.forms import Form
from persistence.presence import PresenceSettings
from persistence.vacation import VacationRequest
from tests.calendar_world import NOW, CalendarWorld, aware, build_calendar_world, local

Occurrence = tuple[str, object]  # (UID, the local date of an all-day item or the UTC instant of a timed one)


def _moment(value: date | datetime) -> object:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "every timed value in the feed carries its zone"
        return value.astimezone(UTC)
    return value


def page_occurrences(items: Iterable[CalendarItem]) -> set[Occurrence]:
    """What the calendar page shows, as (UID, start); deadlines are all-day items on their local day in the feed."""
    found: set[Occurrence] = set()
    for item in items:
        if item.kind == ItemKind.EVENT:
            start: object = item.starts_at.astimezone(COPENHAGEN).date() if item.all_day else _moment(item.starts_at)
            found.add((ics.uid(item.event_id or 0), start))
        elif item.kind in (ItemKind.FORM_DEADLINE, ItemKind.VACATION_DEADLINE, ItemKind.CLOSING_DAY,
                           ItemKind.HOLIDAY):
            found.add((ics.item_uid(item), item.starts_at.astimezone(COPENHAGEN).date()))
        else:
            found.add((ics.item_uid(item), _moment(item.starts_at)))
    return found


def by_icalendar(data: bytes, first: date, last: date) -> set[Occurrence]:
    """Occurrences expanded by recurring-ical-events over icalendar, cancelled events left out."""
    cal = icalendar.Calendar.from_ical(data)
    span = recurring_ical_events.of(cal).between(first, last + timedelta(days=1))
    return {(str(e["UID"]), _moment(e["DTSTART"].dt)) for e in span if str(e.get("STATUS", "")) != "CANCELLED"}


def by_ical(data: bytes, first: date, last: date) -> set[Occurrence]:
    """Occurrences expanded by the ical package's timeline."""
    cal = IcsCalendarStream.calendar_from_ics(data.decode())
    timeline = cal.timeline_tz(COPENHAGEN)
    span = timeline.overlapping(local_midnight(first), local_midnight(last + timedelta(days=1)))
    return {(str(e.uid), _moment(e.dtstart)) for e in span if getattr(e.status, "value", None) != "CANCELLED"}


def by_vobject(data: bytes, first: date, last: date) -> set[Occurrence]:
    """Occurrences from vobject, whose times come from the feed's own VTIMEZONE rather than a zone database."""
    cal = vobject.readOne(data.decode())
    start, end = local_midnight(first), local_midnight(last + timedelta(days=1))
    found: set[Occurrence] = set()
    for event in cal.vevent_list:
        if getattr(event, "status", None) is not None and event.status.value == "CANCELLED":
            continue
        uid = event.uid.value
        begin = event.dtstart.value
        if not isinstance(begin, datetime):
            days = event.getrruleset(addRDate=True) if hasattr(event, "rrule") else [begin]
            found |= {(uid, d.date() if isinstance(d, datetime) else d) for d in days
                      if first <= (d.date() if isinstance(d, datetime) else d) <= last}
            continue
        starts = list(event.getrruleset(addRDate=True)) if hasattr(event, "rrule") else [begin]
        found |= {(uid, s.astimezone(UTC)) for s in starts if start <= s < end}
    return found


async def _busy_calendar(cw: CalendarWorld) -> dict[str, int]:
    """Events over the next year (a weekly series across both summer-time changes, with a skipped week), closing
    days, a booked conference time and two deadlines; one event edited and one cancelled."""
    w, today = cw.w, NOW.astimezone(COPENHAGEN).date()
    start = today + timedelta(days=3)
    series = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Svømning; hold 2, bassin B", all_day=False,
        start=local(start, 8), end=local(start, 9, 30), repeat="weekly", repeat_until=start + timedelta(days=360),
        now=NOW)
    await service.do_skip_occurrence(cw.teacher, series, local(start + timedelta(days=14), 8), now=NOW)
    biweekly = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Madpakkedag", all_day=True, start=local(start),
        end=local(start + timedelta(days=1)), repeat="biweekly", repeat_until=start + timedelta(days=300), now=NOW)
    summer = date(today.year, 7, 1) if today < date(today.year, 7, 1) else date(today.year + 1, 7, 1)  # the next
    trip = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Sommerudflugt", all_day=False,
        start=local(summer, 9, 15), end=local(summer, 15), place="Dyrehaven", now=NOW)
    moved = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Forældremøde", all_day=False,
        start=local(start + timedelta(days=20), 17), end=local(start + timedelta(days=20), 19), now=NOW)
    await service.do_update_event(
        cw.teacher, moved, scope="group", group_id=w.class_2a.id, title="Forældremøde (flyttet)", all_day=False,
        start=local(start + timedelta(days=21), 18), end=local(start + timedelta(days=21), 20),
        now=NOW + timedelta(hours=2))
    cancelled = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Teatertur", all_day=False,
        start=local(start + timedelta(days=30), 10), end=local(start + timedelta(days=30), 12), now=NOW)
    await service.do_cancel_event(cw.teacher, cancelled, now=NOW + timedelta(hours=3))
    await PresenceSettings.create(institution=w.school, closing_days=[
        {"day": (start + timedelta(days=40)).isoformat(), "reason": "Planlægningsdag"}])
    rnd = await ConferenceRound.create(group=w.class_2a, organiser_id=w.teacher.id, organiser_name="Tina",
                                       title="Skole-hjem-samtale", place="Lokale 12", slot_minutes=15, days=[],
                                       booking_deadline=aware(start), created_at=NOW)
    slot = await ConferenceSlot.create(round=rnd, starts_at=aware(start + timedelta(days=5), 14, 15),
                                       ends_at=aware(start + timedelta(days=5), 14, 30), child=w.child,
                                       booked_by=w.guardian, booked_at=NOW)
    form = await Form.create(group=w.class_2a, title="Lejrskole", deadline=aware(start + timedelta(days=9), 12),
                             created_at=NOW)
    vacation = await VacationRequest.create(
        title="Sommerferie", first_day=summer, last_day=summer + timedelta(days=30),
        deadline=aware(start + timedelta(days=50), 23, 30), institution_ids=[w.school.id], group_ids=[],
        created_at=NOW)
    return {"series": series, "biweekly": biweekly, "trip": trip, "moved": moved, "cancelled": cancelled,
            "slot": slot.id, "form": form.id, "vacation": vacation.id}


@pytest.fixture
async def cw(database: str) -> CalendarWorld:
    return await build_calendar_world()


async def test_three_parsers_expand_the_feed_exactly_as_the_calendar_page_shows_it(cw: CalendarWorld) -> None:
    ids = await _busy_calendar(cw)
    data = await feeds.feed_ics(await feeds.do_create_feed(cw.guardian, now=NOW), now=NOW)
    first = NOW.astimezone(COPENHAGEN).date()
    last = first + timedelta(days=365)
    page = page_occurrences(await views.items_between(cw.guardian, first, last, now=NOW))
    uids = {uid for uid, _ in page}
    assert {ics.uid(ids[k]) for k in ("series", "biweekly", "trip", "moved")} <= uids
    assert {f"conference-{ids['slot']}@sammen", f"form-{ids['form']}@sammen",
            f"vacation-{ids['vacation']}@sammen"} <= uids
    assert any(uid.startswith(f"closing-{cw.w.school.id}-") for uid in uids)
    assert sum(1 for uid, _ in page if uid == ics.uid(ids["series"])) == 51  # 52 weeks, one skipped
    for parser in (by_icalendar, by_ical, by_vobject):
        assert parser(data, first, last) == page, parser.__name__


async def test_summer_and_winter_times_survive_every_parser(cw: CalendarWorld) -> None:
    ids = await _busy_calendar(cw)
    data = await feeds.feed_ics(await feeds.do_create_feed(cw.guardian, now=NOW), now=NOW)
    first = NOW.astimezone(COPENHAGEN).date()
    last = first + timedelta(days=365)
    for parser in (by_icalendar, by_ical, by_vobject):
        found = parser(data, first, last)
        walls = {when.astimezone(COPENHAGEN).strftime("%H:%M")
                 for uid, when in found if uid == ics.uid(ids["series"])}
        assert walls == {"08:00"}, parser.__name__  # 8:00 in winter and in summer alike
        (trip,) = [when for uid, when in found if uid == ics.uid(ids["trip"])]
        assert trip.hour == 7 and trip.minute == 15, parser.__name__


async def test_an_edit_or_a_cancellation_raises_the_sequence_and_a_cancelled_event_is_published_so(
        cw: CalendarWorld) -> None:
    ids = await _busy_calendar(cw)
    data = await feeds.feed_ics(await feeds.do_create_feed(cw.guardian, now=NOW), now=NOW)
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    moved, cancelled = events[ics.uid(ids["moved"])], events[ics.uid(ids["cancelled"])]
    assert moved["SEQUENCE"] == 1 and str(moved["SUMMARY"]) == "Forældremøde (flyttet)"
    assert moved["LAST-MODIFIED"].dt == NOW + timedelta(hours=2) and moved["DTSTAMP"].dt == NOW + timedelta(hours=2)
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == 1
    assert cancelled["LAST-MODIFIED"].dt == NOW + timedelta(hours=3)
    series = events[ics.uid(ids["series"])]
    assert series["SEQUENCE"] == 1 and len(series["EXDATE"].dts) == 1  # the skipped week counts as a change
    assert events[ics.uid(ids["trip"])]["SEQUENCE"] == 0
    assert events[ics.uid(ids["trip"])]["LAST-MODIFIED"].dt == NOW
    vcal = vobject.readOne(data.decode())
    by_uid = {e.uid.value: e for e in vcal.vevent_list}
    assert by_uid[ics.uid(ids["cancelled"])].status.value == "CANCELLED"
    assert int(by_uid[ics.uid(ids["moved"])].sequence.value) == 1


async def test_a_change_nobody_sees_keeps_the_sequence(cw: CalendarWorld) -> None:
    day = NOW.astimezone(COPENHAGEN).date() + timedelta(days=5)
    event_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=cw.w.class_2a.id, title="Bagedag", all_day=False, start=local(day, 10),
        end=local(day, 11), now=NOW)
    await service.do_update_event(
        cw.teacher, event_id, scope="group", group_id=cw.w.class_2a.id, title="Bagedag", all_day=False,
        start=local(day, 10), end=local(day, 11), reminder_minutes=60, now=NOW + timedelta(hours=1))
    row = await CalendarEvent.get(id=event_id)
    assert row.sequence == 0 and row.updated_at is None


async def test_the_zone_is_written_with_yearly_rules() -> None:
    cal = icalendar.Calendar.from_ical(ics.calendar_bytes([]))
    (zone,) = cal.walk("VTIMEZONE")
    rules = {part.name: str(part["RRULE"].to_ical().decode()) for part in zone.subcomponents}
    assert set(rules) == {"STANDARD", "DAYLIGHT"}
    assert "BYMONTH=10" in rules["STANDARD"] and "BYMONTH=3" in rules["DAYLIGHT"]
    assert not any("RDATE" in part for part in zone.subcomponents)


async def test_the_single_event_file_escapes_its_calendar_name_for_every_parser(cw: CalendarWorld) -> None:
    title = "Møde; om lejrskole, bus\\tog"
    day = NOW.astimezone(COPENHAGEN).date() + timedelta(days=5)
    event_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=cw.w.class_2a.id, title=title, all_day=False, start=local(day, 10),
        end=local(day, 11), place="Aula; 1. sal", now=NOW)
    data = await ics.event_ics(cw.guardian, event_id, now=NOW)
    cal = icalendar.Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == title and str(event["LOCATION"]) == "Aula; 1. sal"
    vcal = vobject.readOne(data.decode())
    assert vcal.x_wr_calname.value == title and vcal.vevent.summary.value == title
    other = IcsCalendarStream.calendar_from_ics(data.decode())
    assert other.name == [title]  # NAME may repeat (one per language)
    (parsed,) = other.events
    assert parsed.summary == title and parsed.location == "Aula; 1. sal"
