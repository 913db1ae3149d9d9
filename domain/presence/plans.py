"""A guardian's planning: the standard week, today's pickup and notes, absence reports and consents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import Outbox, committing
from domain.gdpr import consents
from domain.identity.model import Actor
from domain.organisation.listing import listable_children
from domain.presence import absences, pickups
from domain.presence.model import ConsentKind, PresenceChanged, minutes_of
from domain.presence.service import enrolled_child, presence_institution
from domain.presence.tiles import Settings, load_settings, make_tile, plans_for
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.people import Enrolment, Person
from persistence.presence import PlanEntry, PresenceDay
from persistence.queries import active_on

NOTE_MAX = 500


@dataclass(frozen=True)
class PlanInput:
    """What a guardian fills in for a weekday or a date ("HH:MM" texts; empty means not planned)."""

    arrival: str = ""
    pickup: str = ""
    pickup_key: str = ""
    alone: str = ""
    with_child_id: int | None = None
    note: str = ""


async def check_guardian(actor: Actor, child_id: int, action: str) -> None:
    """Only the child's guardian plans; a refusal is audited."""
    await audit.check(access.can_plan_child(actor, child_id), actor, action, concerned_person_id=child_id)


def _within_hours(settings: Settings, *times: int | None) -> None:
    for minutes in times:
        if minutes is not None and not settings.opens_min <= minutes <= settings.closes_min:
            from domain.presence.model import hhmm

            raise DomainError("presence.error.outside_hours", opens=hhmm(settings.opens_min),
                              closes=hhmm(settings.closes_min))


async def _validated(actor: Actor, child_id: int, plan: PlanInput, settings: Settings, now: datetime) -> PlanEntry:
    """An unsaved entry from the guardian's input, or a refusal naming what is wrong (nothing is written)."""
    arrival, pickup, alone = minutes_of(plan.arrival), minutes_of(plan.pickup), minutes_of(plan.alone)
    _within_hours(settings, arrival, pickup, alone)
    if arrival is not None and pickup is not None and pickup <= arrival:
        raise DomainError("presence.error.pickup_before_arrival")
    label = await pickups.label_for(child_id, plan.pickup_key) if plan.pickup_key else ""
    if alone is not None:
        if not settings.self_leave_allowed:
            raise DomainError("presence.error.alone_not_here")
        if not await has_consent(child_id, ConsentKind.GO_HOME_ALONE):
            raise DomainError("presence.error.alone_needs_consent")
    with_name = ""
    if plan.with_child_id is not None:
        other = await Person.get_or_none(id=plan.with_child_id, is_child=True, active=True)
        if other is None or other.id == child_id or not await Enrolment.filter(
                active_on(today_local(now)), child_id=other.id, institution_id=settings.institution_id).exists():
            raise DomainError("presence.error.unknown_companion")
        # A child whose family refused "Navn på lister" is not offered, nor chosen by its id; a plan that already
        # names it (made before the consent was withdrawn) can still be saved with its other changes.
        if not await listable_children([other.id], own=actor.guardian_of) and not await PlanEntry.exists(
                child_id=child_id, with_child_id=other.id):
            raise DomainError("presence.error.unknown_companion")
        with_name = f"{other.first_name} {other.last_name[:1]}."
    if len(plan.note) > NOTE_MAX:
        raise DomainError("presence.error.note_too_long", max=NOTE_MAX)
    return PlanEntry(child_id=child_id, arrival_min=arrival, pickup_min=pickup, pickup_key=plan.pickup_key,
                     pickup_label=label, alone_min=alone, with_child_id=plan.with_child_id,
                     with_child_name=with_name, note=plan.note.strip(), updated_at=now,
                     updated_by=actor.name.split()[0])


async def do_plan_day(actor: Actor, child_id: int, day: date, plan: PlanInput, *, now: datetime) -> None:
    """Save a guardian's plan for one date; today's boards see the new tile after commit."""
    check_typed_text(plan)
    await check_guardian(actor, child_id, "plan_day")
    if day < today_local(now):
        raise DomainError("presence.error.day_in_past")
    institution_id = await presence_institution(child_id, today_local(now))
    settings = await load_settings(institution_id)
    reason = settings.closed_reason(day)
    if reason:
        raise DomainError("presence.error.closed_day", reason=reason)
    entry = await _validated(actor, child_id, plan, settings, now)
    async with committing(transaction) as outbox:
        await PlanEntry.filter(child_id=child_id, day=day).delete()
        entry.day = day
        await entry.save()
        if day == today_local(now):
            child = await enrolled_child(child_id, institution_id, day)
            row = await PresenceDay.get_or_none(person_id=child_id, institution_id=institution_id, day=day)
            tile = make_tile(institution_id, day, child, row, entry)
            outbox.add(PresenceChanged(institution_id, child_id, tile.wire()))


async def do_clear_day(actor: Actor, child_id: int, day: date, *, now: datetime) -> None:
    """Drop a date's own plan, so the standard week applies again."""
    await check_guardian(actor, child_id, "plan_day")
    institution_id = await presence_institution(child_id, today_local(now))
    async with committing(transaction) as outbox:
        await PlanEntry.filter(child_id=child_id, day=day).delete()
        if day == today_local(now):
            child = await enrolled_child(child_id, institution_id, day)
            row = await PresenceDay.get_or_none(person_id=child_id, institution_id=institution_id, day=day)
            plan = (await plans_for([child_id], day)).get(child_id)
            outbox.add(PresenceChanged(institution_id, child_id, make_tile(institution_id, day, child, row,
                                                                           plan).wire()))


async def do_set_week(actor: Actor, child_id: int, week: dict[int, PlanInput], *, now: datetime) -> None:
    """Replace the standard week; weekdays the institution is closed are refused, empty days are dropped."""
    check_typed_text(week)
    await check_guardian(actor, child_id, "plan_week")
    settings = await load_settings(await presence_institution(child_id, today_local(now)))
    entries = []
    for weekday, plan in sorted(week.items()):
        if not 0 <= weekday <= 6:
            raise DomainError("presence.error.bad_weekday")
        if plan == PlanInput():
            continue
        if weekday not in settings.open_weekdays:
            raise DomainError("presence.error.closed_weekday")
        entry = await _validated(actor, child_id, plan, settings, now)
        entry.weekday = weekday
        entries.append(entry)
    async with committing(transaction) as outbox:
        await PlanEntry.filter(child_id=child_id, weekday__isnull=False).delete()
        if entries:
            await PlanEntry.bulk_create(entries)
        await _announce_today(outbox, child_id, settings.institution_id, today_local(now))


async def _announce_today(outbox: Outbox, child_id: int, institution_id: int, day: date) -> None:
    """Today's tile after a change of the standard week, so open boards and phones show today's plan as it is now."""
    child = await enrolled_child(child_id, institution_id, day)
    row = await PresenceDay.get_or_none(person_id=child_id, institution_id=institution_id, day=day)
    plan = (await plans_for([child_id], day)).get(child_id)
    outbox.add(PresenceChanged(institution_id, child_id, make_tile(institution_id, day, child, row, plan).wire()))


async def week_of(actor: Actor, child_id: int) -> dict[int, PlanEntry]:
    """The child's standard week, by weekday."""
    await check_guardian(actor, child_id, "view_plan")
    return {int(e.weekday): e for e in await PlanEntry.filter(child_id=child_id, weekday__isnull=False)
            if e.weekday is not None}


async def do_report_absence(actor: Actor, child_id: int, sick: bool, first: date, last: date,
                            *, now: datetime) -> int:
    """Report one child sick or on vacation from a day through another (open days only); returns how many days."""
    return (await absences.do_report(actor, [child_id], sick, first, last, now=now)).total


async def has_consent(child_id: int, kind: ConsentKind) -> bool:
    """Whether a guardian's consent is in force (kept with the child's other consents, under Samtykker's rules)."""
    return child_id in await consents.children_consented([child_id], kind.value)


async def do_consent(actor: Actor, child_id: int, kind: ConsentKind, give: bool, *, now: datetime) -> None:
    """Give or withdraw a consent; withdrawing "gå hjem selv" also drops planned times to go home alone."""
    await check_guardian(actor, child_id, "consent")
    child = await Person.get(id=child_id).only("id", "municipality_id")
    async with committing(transaction) as outbox:
        type_id = await consents.managed_type_id(child.municipality_id, kind.value, now)
        await consents.record_decision(child_id, type_id, give, actor.person_id, now)
        if not give and kind is ConsentKind.GO_HOME_ALONE and await PlanEntry.filter(
                child_id=child_id, alone_min__isnull=False).update(alone_min=None):
            # Open boards stop saying "går selv hjem" at once.
            await _announce_today(outbox, child_id, await presence_institution(child_id, today_local(now)),
                                  today_local(now))
