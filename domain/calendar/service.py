"""Writing calendar events: create, change, cancel, and skip one occurrence of a series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.expressions import F

from domain import access
from domain.access import EventFacts
from domain.audit import service as audit
from domain.calendar import recurrence
from domain.calendar.facts import Target, load_event, parse_scope, target
from domain.calendar.invitees import invitees_of, sync_invitations
from domain.calendar.model import (
    DESCRIPTION_MAX,
    MAX_RECURRENCE_YEARS,
    PLACE_MAX,
    REMINDER_MAX_MINUTES,
    REMINDER_MIN_MINUTES,
    TITLE_MAX,
    CalendarChanged,
    Repeat,
    Scope,
)
from domain.calendar.notify import tell_cancelled, tell_invited, tell_moved, tell_skipped
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import committing
from domain.identity.model import Actor
from domain.text import check_typed_text
from persistence.calendar import CalendarEvent, Invitation
from persistence.db import transaction


@dataclass(frozen=True)
class Timing:
    """Validated times of an event: UTC start and end, and the series rule with its last moment."""

    starts_at: datetime
    ends_at: datetime
    rule: str
    repeat_until: datetime | None


def _text(value: str, limit: int, long_key: str) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise DomainError(long_key, max=limit)
    return text


def _title(value: str) -> str:
    text = _text(value, TITLE_MAX, "calendar.title_too_long")
    if not text:
        raise DomainError("calendar.title_empty")
    return text


def _local_date(moment: datetime) -> date:
    return recurrence.local_naive(moment).date() if moment.tzinfo is not None else moment.date()


def timing(*, all_day: bool, start: datetime, end: datetime, repeat: str, repeat_until: date | None) -> Timing:
    """The stored times of an event from what was entered, or a DomainError naming what is wrong."""
    if all_day:
        first, last = _local_date(start), _local_date(end)
        if last < first:
            raise DomainError("calendar.end_before_start")
        starts_at, ends_at = recurrence.local_midnight(first), recurrence.local_midnight(last + timedelta(days=1))
    else:
        starts_at, ends_at = recurrence.from_local(start), recurrence.from_local(end)
        if ends_at < starts_at:
            raise DomainError("calendar.end_before_start")
    try:
        kind = Repeat(repeat or "")
    except ValueError:
        raise DomainError("calendar.bad_repeat") from None
    if kind is Repeat.NONE:
        return Timing(starts_at, ends_at, "", None)
    if repeat_until is None:
        raise DomainError("calendar.recurrence_too_long", years=MAX_RECURRENCE_YEARS)
    first_day = recurrence.local_naive(starts_at).date()
    if repeat_until < first_day:
        raise DomainError("calendar.repeat_until_before_start")
    if repeat_until > _years_later(first_day, MAX_RECURRENCE_YEARS):
        raise DomainError("calendar.recurrence_too_long", years=MAX_RECURRENCE_YEARS)
    until = recurrence.end_of_local_day(repeat_until)
    return Timing(starts_at, ends_at, recurrence.rule_text(kind, until), until)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _reminder(minutes: int | None) -> int | None:
    if minutes is not None and not REMINDER_MIN_MINUTES <= minutes <= REMINDER_MAX_MINUTES:
        raise DomainError("calendar.bad_reminder", min=REMINDER_MIN_MINUTES, max=REMINDER_MAX_MINUTES)
    return minutes


def changed_event(event_id: int, *places: EventFacts, organiser_id: int | None) -> CalendarChanged:
    """The event that makes open calendars of these places (and the organiser's) reload."""
    insts: set[int] = set()
    groups: set[int] = set()
    people: set[int] = {organiser_id} if organiser_id is not None else set()
    municipality: int | None = None
    for facts in places:
        if facts.scope == Scope.GROUP and facts.group is not None:
            groups.add(facts.group.group_id)
        elif facts.scope == Scope.INSTITUTION and facts.institution_id is not None:
            insts.add(facts.institution_id)
        elif facts.scope == Scope.PERSON and facts.person_id is not None:
            people.add(facts.person_id)
        elif facts.scope == Scope.MUNICIPALITY:
            municipality = facts.municipality_id
    return CalendarChanged(event_id, municipality, tuple(sorted(insts)), tuple(sorted(groups)), tuple(sorted(people)))


async def _checked_target(actor: Actor, scope: str | Scope, person_id: int | None, group_id: int | None,
                          institution_id: int | None, action: str) -> Target:
    place = await target(actor, parse_scope(scope), person_id=person_id, group_id=group_id,
                         institution_id=institution_id)
    await audit.check(access.can_create_event(actor, place.facts, place.member), actor, action,
                      concerned_person_id=place.facts.person_id)
    return place


Fields = tuple[str, str, str, Timing, int | None, dict[int, int | None]]


async def _checked_fields(where: Target, title: str, description: str, place: str, all_day: bool, start: datetime,
                          end: datetime, repeat: str, repeat_until: date | None, reminder_minutes: int | None,
                          invite: bool, now: datetime) -> Fields:
    """The validated fields of an event and, when inviting, who is invited (a DomainError on bad input)."""
    clean_title = _title(title)
    text = _text(description, DESCRIPTION_MAX, "calendar.description_too_long")
    at = _text(place, PLACE_MAX, "calendar.place_too_long")
    times = timing(all_day=all_day, start=start, end=end, repeat=repeat, repeat_until=repeat_until)
    minutes = _reminder(reminder_minutes)
    if invite and where.facts.scope not in (Scope.GROUP, Scope.INSTITUTION):
        raise DomainError("calendar.invite_needs_group")
    wanted = await invitees_of(where.facts, today_local(now)) if invite else {}
    return clean_title, text, at, times, minutes, wanted


async def do_create_event(actor: Actor, *, scope: str | Scope, person_id: int | None = None,
                          group_id: int | None = None, institution_id: int | None = None, title: str,
                          description: str = "", place: str = "", all_day: bool, start: datetime, end: datetime,
                          repeat: str = "", repeat_until: date | None = None, invite: bool = False,
                          reminder_minutes: int | None = None, private: bool = False, now: datetime) -> int:
    """Create an event (and its invitations, in one insert); open calendars of its place reload after commit."""
    check_typed_text(title, description, place)
    where = await _checked_target(actor, scope, person_id, group_id, institution_id, "calendar.create_event")
    clean_title, text, at, times, minutes, wanted = await _checked_fields(
        where, title, description, place, all_day, start, end, repeat, repeat_until, reminder_minutes, invite, now)
    async with committing(transaction) as outbox:
        row = await CalendarEvent.create(
            municipality_id=where.municipality_id, scope=where.facts.scope, person_id=where.facts.person_id,
            group_id=where.facts.group.group_id if where.facts.group else None,
            institution_id=where.facts.institution_id if where.facts.scope == Scope.INSTITUTION else None,
            organiser_id=actor.person_id, organiser_name=actor.name, title=clean_title, description=text,
            place=at, all_day=all_day, starts_at=times.starts_at, ends_at=times.ends_at, rrule=times.rule,
            repeat_until=times.repeat_until, exdates=[], private=private, reminder_minutes=minutes,
            invitations_open=invite, created_at=now)
        if wanted:
            await Invitation.bulk_create([Invitation(event_id=row.id, person_id=p, via_child_id=c)
                                          for p, c in wanted.items()])
            await tell_invited(outbox, row, wanted, actor_id=actor.person_id, now=now)
        outbox.add(changed_event(row.id, where.facts, organiser_id=actor.person_id))
    return int(row.id)


async def do_update_event(actor: Actor, event_id: int, *, scope: str | Scope, person_id: int | None = None,
                          group_id: int | None = None, institution_id: int | None = None, title: str,
                          description: str = "", place: str = "", all_day: bool, start: datetime, end: datetime,
                          repeat: str = "", repeat_until: date | None = None, invite: bool = False,
                          reminder_minutes: int | None = None, private: bool = False, now: datetime) -> None:
    """Change an event (organiser, leader or admin); answers of those still invited are kept."""
    check_typed_text(title, description, place)
    row, facts = await load_event(event_id)
    await audit.check(access.can_edit_event(actor, facts, await _member(actor, row.group_id)), actor,
                      "calendar.edit_event", concerned_person_id=row.person_id)
    where = await _checked_target(actor, scope, person_id, group_id, institution_id, "calendar.edit_event")
    clean_title, text, at, times, minutes, wanted = await _checked_fields(
        where, title, description, place, all_day, start, end, repeat, repeat_until, reminder_minutes, invite, now)
    moved = times.starts_at != row.starts_at or times.rule != row.rrule
    seen_before = subscriber_view(row)
    async with committing(transaction) as outbox:
        row.scope = where.facts.scope
        row.municipality_id = where.municipality_id
        row.person_id = where.facts.person_id
        row.group_id = where.facts.group.group_id if where.facts.group else None
        row.institution_id = where.facts.institution_id if where.facts.scope == Scope.INSTITUTION else None
        row.title, row.description, row.place, row.all_day, row.private = clean_title, text, at, all_day, private
        row.starts_at, row.ends_at, row.rrule, row.repeat_until = (times.starts_at, times.ends_at, times.rule,
                                                                   times.repeat_until)
        row.reminder_minutes, row.invitations_open = minutes, invite
        if moved:
            row.reminded_through = None
            # skipped days that are no longer days of the series would only hide future edits
            row.exdates = [k for k in row.exdates if times.rule and recurrence.has_occurrence(
                times.starts_at, times.ends_at, times.rule, times.repeat_until, k)]
        if subscriber_view(row) != seen_before:
            row.sequence, row.updated_at = row.sequence + 1, now
        await row.save()
        kept, new = await sync_invitations(row.id, wanted)
        await tell_invited(outbox, row, new, actor_id=actor.person_id, now=now)
        if moved and row.cancelled_at is None:
            await tell_moved(outbox, row, kept, actor_id=actor.person_id, now=now)
        outbox.add(changed_event(row.id, facts, where.facts, organiser_id=row.organiser_id))


def subscriber_view(row: CalendarEvent) -> tuple[object, ...]:
    """What a calendar app shows of an event: a change here raises its SEQUENCE (a new reminder time does not)."""
    return (row.scope, row.person_id, row.group_id, row.institution_id, row.title, row.description, row.place,
            row.all_day, row.private, row.starts_at, row.ends_at, row.rrule, row.repeat_until, tuple(row.exdates))


async def _member(actor: Actor, group_id: int | None) -> bool:
    from domain.calendar.facts import is_member

    return await is_member(actor, group_id)


async def do_cancel_event(actor: Actor, event_id: int, *, now: datetime) -> None:
    """Cancel an event and its whole series; it leaves every calendar."""
    row, facts = await load_event(event_id)
    await audit.check(access.can_edit_event(actor, facts, await _member(actor, row.group_id)), actor,
                      "calendar.cancel_event", concerned_person_id=row.person_id)
    async with committing(transaction) as outbox:
        if await CalendarEvent.filter(id=event_id, cancelled_at__isnull=True).update(
                cancelled_at=now, sequence=F("sequence") + 1, updated_at=now):
            await tell_cancelled(outbox, row, actor_id=actor.person_id, now=now)
        outbox.add(changed_event(row.id, facts, organiser_id=row.organiser_id))


async def do_skip_occurrence(actor: Actor, event_id: int, occurrence_start: datetime | str, *, now: datetime) -> None:
    """Leave one occurrence of a series out (an EXDATE), given by its start (aware, local naive or its key)."""
    row, facts = await load_event(event_id)
    await audit.check(access.can_edit_event(actor, facts, await _member(actor, row.group_id)), actor,
                      "calendar.edit_event", concerned_person_id=row.person_id)
    if isinstance(occurrence_start, datetime):
        moment = recurrence.from_local(occurrence_start)
        key = recurrence.occurrence_key(moment)
    else:
        key = occurrence_start
    if not row.rrule or not recurrence.has_occurrence(row.starts_at, row.ends_at, row.rrule, row.repeat_until, key):
        raise DomainError("calendar.no_such_occurrence")
    async with committing(transaction) as outbox:
        fresh = await CalendarEvent.get(id=event_id)
        if key not in fresh.exdates:
            fresh.exdates = [*fresh.exdates, key]
            fresh.sequence, fresh.updated_at = fresh.sequence + 1, now
            await fresh.save(update_fields=["exdates", "sequence", "updated_at"])
            await tell_skipped(outbox, fresh, key, actor_id=actor.person_id, now=now)
        outbox.add(changed_event(row.id, facts, organiser_id=row.organiser_id))
