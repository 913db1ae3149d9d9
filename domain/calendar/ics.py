"""iCalendar (RFC 5545) text: one event for export, or a private feed's events; never private text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import icalendar

from domain.calendar import recurrence
from domain.calendar.holidays import holidays_between
from domain.calendar.model import Scope
from domain.calendar.views import visible_event
from domain.clock import COPENHAGEN, utcnow
from domain.identity.model import Actor
from persistence.calendar import CalendarEvent

PRODID = "-//Sammen//Kalender//DA"


def uid(event_id: int) -> str:
    """The stable UID of an event, so a phone updates rather than duplicates it."""
    return f"event-{event_id}@sammen"


def _when(moment: datetime, all_day: bool) -> date | datetime:
    local = moment.astimezone(COPENHAGEN)
    return local.date() if all_day else local


def shareable_description(row: CalendarEvent, reader_id: int) -> str:
    """The description only where no private or personal text can leak: never a private event's, nor others' own."""
    if row.private:
        return ""
    if row.scope == Scope.PERSON and row.person_id != reader_id:
        return ""
    return str(row.description or "")


def vevent(row: CalendarEvent, description: str, stamp: datetime) -> icalendar.Event:
    """One VEVENT, its times in Europe/Copenhagen (dates for all-day events), with RRULE and EXDATE."""
    item = icalendar.Event()
    item.add("uid", uid(row.id))
    item.add("dtstamp", stamp)
    item.add("summary", row.title)
    item.add("dtstart", _when(row.starts_at, row.all_day))
    item.add("dtend", _when(row.ends_at, row.all_day))
    if row.place:
        item.add("location", row.place)
    if description:
        item.add("description", description)
    if row.rrule:
        item.add("rrule", icalendar.vRecur.from_ical(row.rrule))
        skipped = [datetime.fromisoformat(k).replace(tzinfo=COPENHAGEN) for k in row.exdates]
        if skipped:
            item.add("exdate", [s.date() for s in skipped] if row.all_day else skipped)
    return item


def holiday_vevent(day: date, name: str, stamp: datetime) -> icalendar.Event:
    """A public holiday as an all-day VEVENT."""
    item = icalendar.Event()
    item.add("uid", f"holiday-{day.isoformat()}@sammen")
    item.add("dtstamp", stamp)
    item.add("summary", name)
    item.add("dtstart", day)
    item.add("dtend", day + timedelta(days=1))
    item.add("transp", "TRANSPARENT")
    return item


def calendar_bytes(items: Iterable[icalendar.Event], name: str = "Sammen") -> bytes:
    """A VCALENDAR with the time zones its events use."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for item in items:
        cal.add_component(item)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def holiday_vevents(first: date, last: date, stamp: datetime) -> list[icalendar.Event]:
    """The public holidays between two days as VEVENTs."""
    return [holiday_vevent(d, n, stamp) for d, n in holidays_between(first, last)]


async def event_ics(actor: Actor, event_id: int, *, now: datetime | None = None) -> bytes:
    """One event the actor may see as an .ics file (access checked and refusals audited)."""
    seen = await visible_event(actor, event_id, "calendar.export_event", now)
    row = seen.row
    text = row.description if row.organiser_id == actor.person_id else shareable_description(row, actor.person_id)
    return calendar_bytes([vevent(row, text, row.created_at or now or utcnow())], name=row.title)


def local_day(moment: datetime) -> date:
    """The Copenhagen date of a moment."""
    return recurrence.local_naive(moment).date()
