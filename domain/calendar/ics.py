"""iCalendar (RFC 5545) text: one event for export, or a private feed's events; never private text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import icalendar

from domain.calendar import recurrence
from domain.calendar.holidays import holidays_between
from domain.calendar.model import CalendarItem, ItemKind, Scope
from domain.calendar.views import visible_event
from domain.clock import COPENHAGEN, utcnow
from domain.identity.model import Actor
from persistence.calendar import CalendarEvent

PRODID = "-//Sammen//Kalender//DA"
ZONE = "Europe/Copenhagen"
# Copenhagen's rules since 1996 as yearly RRULEs, the way Outlook and Google write them: parsers that do not read
# long RDATE lists (vobject) otherwise keep winter time all year.
SUMMER = ("DAYLIGHT", "CEST", "+0100", "+0200", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
WINTER = ("STANDARD", "CET", "+0200", "+0100", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
DEADLINE_TITLES = {ItemKind.FORM_DEADLINE: "Frist for blanket", ItemKind.VACATION_DEADLINE: "Frist for ferieønsker"}


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


def revised_at(row: CalendarEvent, fallback: datetime) -> datetime:
    """When the event was last changed in a way its subscribers see (its creation until then)."""
    return row.updated_at or row.created_at or fallback


def vevent(row: CalendarEvent, description: str, stamp: datetime) -> icalendar.Event:
    """One VEVENT, its times in Europe/Copenhagen (dates for all-day events), with RRULE, EXDATE and version."""
    item = icalendar.Event()
    item.add("uid", uid(row.id))
    item.add("dtstamp", revised_at(row, stamp))
    item.add("last-modified", revised_at(row, stamp))
    item.add("sequence", int(row.sequence or 0))
    if row.cancelled_at is not None:
        item.add("status", "CANCELLED")
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


def item_uid(item: CalendarItem) -> str:
    """The stable UID of a closing day, a booked conference time or a deadline ("closing-3-2026-12-7@sammen")."""
    return item.key.replace(":", "-") + "@sammen"


def item_vevent(item: CalendarItem, stamp: datetime) -> icalendar.Event:
    """A closing day or deadline as an all-day VEVENT, a booked conference time with its place."""
    event = icalendar.Event()
    event.add("uid", item_uid(item))
    event.add("dtstamp", stamp)
    if item.kind == ItemKind.CONFERENCE:
        event.add("summary", item.title)
        event.add("dtstart", _when(item.starts_at, False))
        event.add("dtend", _when(item.ends_at, False))
        if item.place:
            event.add("location", item.place)
        return event
    day = item.starts_at.astimezone(COPENHAGEN).date()
    if item.kind == ItemKind.CLOSING_DAY:
        event.add("summary", f"{item.title} · {item.scope_label}" if item.scope_label else item.title)
    else:
        event.add("summary", f"{DEADLINE_TITLES.get(ItemKind(item.kind), 'Frist')}: {item.title}")
        event.add("description", f"Fristen udløber kl. {item.starts_at.astimezone(COPENHAGEN):%H:%M}.")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event


def copenhagen_zone() -> icalendar.Timezone:
    """Europe/Copenhagen as a VTIMEZONE with yearly rules."""
    zone = icalendar.Timezone()
    zone.add("tzid", ZONE)
    for kind, name, offset_from, offset_to, start, rule in (SUMMER, WINTER):
        part = icalendar.TimezoneDaylight() if kind == "DAYLIGHT" else icalendar.TimezoneStandard()
        part.add("tzname", name)
        part.add("tzoffsetfrom", icalendar.vUTCOffset.from_ical(offset_from))
        part.add("tzoffsetto", icalendar.vUTCOffset.from_ical(offset_to))
        part.add("dtstart", icalendar.vDatetime.from_ical(start))  # local wall time, as the zone rules are
        part.add("rrule", icalendar.vRecur.from_ical(rule))
        zone.add_component(part)
    return zone


def calendar_bytes(items: Iterable[icalendar.Event], name: str = "Sammen") -> bytes:
    """A VCALENDAR with its events and the one time zone they use, every text value escaped."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", icalendar.vText(name))  # RFC 7986; X-WR-CALNAME for the apps that predate it
    cal.add("x-wr-calname", icalendar.vText(name))
    cal.add_component(copenhagen_zone())
    for item in items:
        cal.add_component(item)
    return bytes(cal.to_ical())


def holiday_vevents(first: date, last: date, stamp: datetime) -> list[icalendar.Event]:
    """The public holidays between two days as VEVENTs."""
    return [holiday_vevent(d, n, stamp) for d, n in holidays_between(first, last)]


async def event_ics(actor: Actor, event_id: int, *, now: datetime | None = None) -> bytes:
    """One event the actor may see as an .ics file (access checked and refusals audited)."""
    seen = await visible_event(actor, event_id, "calendar.export_event", now)
    row = seen.row
    text = row.description if row.organiser_id == actor.person_id else shareable_description(row, actor.person_id)
    return calendar_bytes([vevent(row, text, now or utcnow())], name=row.title)


def local_day(moment: datetime) -> date:
    """The Copenhagen date of a moment."""
    return recurrence.local_naive(moment).date()
