"""Reported absences (syg, ferie/fri): a family reports and cancels them, staff see and correct them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import Event, Outbox, committing
from domain.identity.model import Actor
from domain.presence.model import (
    ABSENT,
    Action,
    DeviceKind,
    PresenceChanged,
    Status,
    child_topic,
    presence_topic,
)
from domain.presence.service import enrolled_child, ensure_day_row, presence_institution
from domain.presence.tiles import Settings, load_settings, make_tile, plans_for
from persistence.db import transaction
from persistence.people import Person
from persistence.presence import PresenceChange, PresenceDay

MAX_DAYS = 92
STAFF_DAYS = 14  # how far ahead the staff's list looks


@dataclass(frozen=True)
class AbsencesChanged(Event):
    """A child's reported absences changed (any day); absence lists re-read them."""

    institution_id: int
    child_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """The institution's pages and the child's guardians."""
        return (presence_topic(self.institution_id), child_topic(self.child_id))


def touches(found: list[Absence], event: Event) -> bool:
    """Whether a bus event changes absences a list shows (an absence change, or a tile turning absent or back)."""
    if isinstance(event, AbsencesChanged):
        return True
    if not isinstance(event, PresenceChanged):
        return False
    child_id, day, status = event.child_id, str(event.tile.get("day", "")), str(event.tile.get("status", ""))
    return status in {s.value for s in ABSENT} or any(a.child_id == child_id and a.day.isoformat() == day
                                                      for a in found)


@dataclass(frozen=True)
class Absence:
    """One child absent on one day."""

    child_id: int
    first_name: str
    last_name: str
    institution_id: int
    day: date
    status: Status
    reported_by: str

    @property
    def sick(self) -> bool:
        """Syg rather than ferie/fri."""
        return self.status is Status.SICK


@dataclass(frozen=True)
class Span:
    """Consecutive reported days of one child with the same kind (closed days between them do not break it)."""

    child_id: int
    first_name: str
    status: Status
    days: tuple[date, ...]

    @property
    def first(self) -> date:
        """The first day."""
        return self.days[0]

    @property
    def last(self) -> date:
        """The last day."""
        return self.days[-1]


@dataclass
class Reported:
    """What a report stored: days per child, closed days skipped, days that were already reported."""

    days: dict[int, int] = field(default_factory=dict)
    closed: dict[int, list[date]] = field(default_factory=dict)
    kept: int = 0

    @property
    def total(self) -> int:
        """Child-days stored."""
        return sum(self.days.values())

    @property
    def closed_days(self) -> list[date]:
        """Closed days skipped for any child, once each."""
        return sorted({d for days in self.closed.values() for d in days})


async def _presence_places(child_ids: list[int], day: date) -> dict[int, int]:
    return {c: await presence_institution(c, day) for c in child_ids}


async def _names(child_ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = await Person.filter(id__in=child_ids).values_list("id", "first_name", "last_name")
    return {int(i): (str(f), str(n)) for i, f, n in rows}


def _check_range(first: date, last: date, today: date) -> None:
    if last < first:
        raise DomainError("presence.error.range_reversed")
    if first < today:
        raise DomainError("presence.error.range_in_past")
    if (last - first).days >= MAX_DAYS:
        raise DomainError("presence.error.range_too_long", days=MAX_DAYS)


async def _check_guardian(actor: Actor, child_ids: list[int], action: str) -> None:
    if not child_ids:
        raise DomainError("presence.error.no_children_chosen")
    for child_id in child_ids:
        await audit.check(access.can_plan_child(actor, child_id), actor, action, concerned_person_id=child_id)


async def check_staff(actor: Actor, institution_id: int) -> None:
    """Only staff and leaders of the institution see and correct its absences; a refusal is audited."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "view_absences")


async def _write(outbox: Outbox, who: Actor, child_id: int, institution_id: int, day: date, row: PresenceDay,
                 action: Action, target: Status, now: datetime) -> None:
    """One day's new status, its history entry and, for today, the new tile (inside the caller's transaction)."""
    changes = {"status": target, "changed_at": now, "changed_by": who.name.split()[0], "version": row.version + 1}
    if not await PresenceDay.filter(id=row.id, version=row.version).update(**changes):
        raise DomainError("presence.error.changed_meanwhile")
    await PresenceChange.create(person_id=child_id, institution_id=institution_id, day=day, at=now, action=action,
                                from_status=row.status, to_status=target, actor_person_id=who.person_id,
                                actor_name=changes["changed_by"], device=DeviceKind.PHONE
                                if who.role.value == "parent" else DeviceKind.TABLET)
    if day == today_local(now):
        for key, value in changes.items():
            setattr(row, key, value)
        child = await enrolled_child(child_id, institution_id, day)
        plan = (await plans_for([child_id], day)).get(child_id)
        outbox.add(PresenceChanged(institution_id, child_id, make_tile(institution_id, day, child, row, plan).wire()))


async def do_report(actor: Actor, child_ids: list[int], sick: bool, first: date, last: date,
                    *, now: datetime) -> Reported:
    """Report several of the family's children sick or on vacation through a range (open days only), all or nothing."""
    child_ids = sorted(set(child_ids))
    await _check_guardian(actor, child_ids, "report_absence")
    today = today_local(now)
    _check_range(first, last, today)
    places = await _presence_places(child_ids, today)
    settings: dict[int, Settings] = {i: await load_settings(i) for i in set(places.values())}
    names = await _names(child_ids)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    result, wanted = Reported(), {}
    for child_id in child_ids:
        place = settings[places[child_id]]
        result.closed[child_id] = [d for d in days if place.closed_reason(d)]
        wanted[child_id] = [d for d in days if not place.closed_reason(d)]
    if not any(wanted.values()):
        raise DomainError("presence.error.no_open_days")
    rows = {(r.person_id, r.day): r for r in await PresenceDay.filter(
        person_id__in=child_ids, day__gte=first, day__lte=last, is_staff=False) if r.institution_id == places[
        r.person_id]}
    for child_id in child_ids:  # a child who came today is sent home by staff, not reported absent from home
        row = rows.get((child_id, today))
        if today in wanted[child_id] and row is not None and row.status not in ABSENT | {Status.NOT_ARRIVED}:
            raise DomainError("presence.error.came_today", name=names[child_id][0])
    action, target = (Action.REPORT_SICK, Status.SICK) if sick else (Action.REPORT_VACATION, Status.VACATION)
    async with committing(transaction) as outbox:
        for child_id in child_ids:
            institution_id, stored = places[child_id], 0
            for day in wanted[child_id]:
                row = rows.get((child_id, day)) or await ensure_day_row(child_id, institution_id, day, now)
                if Status(row.status) is not Status.NOT_ARRIVED:
                    result.kept += 1  # a day already reported absent stays as it is
                    continue
                await _write(outbox, actor, child_id, institution_id, day, row, action, target, now)
                stored += 1
            result.days[child_id] = stored
            outbox.add(AbsencesChanged(institution_id, child_id))
    return result


async def do_cancel(actor: Actor, child_id: int, first: date, last: date, *, now: datetime) -> list[Absence]:
    """A guardian takes back reported days (today only while the child has not come); returns what was cancelled."""
    await _check_guardian(actor, [child_id], "cancel_absence")
    if last < first:
        raise DomainError("presence.error.range_reversed")
    if first < today_local(now):  # a period may be longer than one report could be: two reports next to each other
        raise DomainError("presence.error.range_in_past")
    found = await _absences([child_id], None, first, last)
    if not found:
        raise DomainError("presence.error.not_absent")
    await _clear(actor, found, now)
    return found


async def do_restore(actor: Actor, cancelled: list[Absence], *, now: datetime) -> None:
    """Undo a cancellation: the same days get their kind back (days since changed otherwise stay as they are)."""
    child_ids = sorted({a.child_id for a in cancelled})
    await _check_guardian(actor, child_ids, "report_absence")
    today = today_local(now)
    async with committing(transaction) as outbox:
        for absence in cancelled:
            if absence.day < today:
                continue
            row = await PresenceDay.get_or_none(person_id=absence.child_id, institution_id=absence.institution_id,
                                                day=absence.day, is_staff=False)
            if row is None or Status(row.status) is not Status.NOT_ARRIVED:
                continue
            action = Action.REPORT_SICK if absence.sick else Action.REPORT_VACATION
            await _write(outbox, actor, absence.child_id, absence.institution_id, absence.day, row, action,
                         absence.status, now)
        for child_id, institution_id in {(a.child_id, a.institution_id) for a in cancelled}:
            outbox.add(AbsencesChanged(institution_id, child_id))


async def _clear(who: Actor, found: list[Absence], now: datetime) -> None:
    async with committing(transaction) as outbox:
        for absence in found:
            row = await PresenceDay.get(person_id=absence.child_id, institution_id=absence.institution_id,
                                        day=absence.day, is_staff=False)
            if Status(row.status) not in ABSENT:
                raise DomainError("presence.error.changed_meanwhile")
            await _write(outbox, who, absence.child_id, absence.institution_id, absence.day, row,
                         Action.CLEAR_ABSENCE, Status.NOT_ARRIVED, now)
        for child_id, institution_id in {(a.child_id, a.institution_id) for a in found}:
            outbox.add(AbsencesChanged(institution_id, child_id))


async def _absences(child_ids: list[int] | None, institution_id: int | None, first: date,
                    last: date) -> list[Absence]:
    query = PresenceDay.filter(day__gte=first, day__lte=last, is_staff=False,
                               status__in=[s.value for s in ABSENT])
    if child_ids is not None:
        query = query.filter(person_id__in=child_ids)
    if institution_id is not None:
        query = query.filter(institution_id=institution_id)
    rows = await query.order_by("day", "person_id").values_list("person_id", "institution_id", "day", "status",
                                                                "changed_by")
    names = await _names(sorted({int(r[0]) for r in rows}))
    return [Absence(int(p), *names[int(p)], int(i), d, Status(s), str(b)) for p, i, d, s, b in rows]


async def family_absences(actor: Actor, child_ids: list[int] | None = None, *, now: datetime) -> list[Absence]:
    """The guardian's children's reported absences from today on (by day)."""
    own = sorted(actor.guardian_of if child_ids is None else set(child_ids))
    if not own:
        return []
    await _check_guardian(actor, own, "view_absences")
    today = today_local(now)
    return await _absences(own, None, today, today + timedelta(days=366))


def spans(absences: list[Absence], settings: dict[int, Settings] | None = None) -> list[Span]:
    """Absences as consecutive spans per child and kind (a day the institution is closed does not break a span)."""
    per: dict[tuple[int, Status], list[Absence]] = defaultdict(list)
    for a in absences:
        per[(a.child_id, a.status)].append(a)
    result: list[Span] = []
    for (child_id, status), items in per.items():
        current: list[date] = []
        for a in sorted(items, key=lambda x: x.day):
            place = settings.get(a.institution_id) if settings else None
            gap = [current[-1] + timedelta(days=n) for n in range(1, (a.day - current[-1]).days)] if current else []
            if current and all(place is not None and place.closed_reason(d) for d in gap):
                current.append(a.day)
                continue
            if current:
                result.append(Span(child_id, items[0].first_name, status, tuple(current)))
            current = [a.day]
        result.append(Span(child_id, items[0].first_name, status, tuple(current)))
    return sorted(result, key=lambda s: (s.first, s.first_name, s.child_id))


async def institution_absences(actor: Actor, institution_id: int, *, now: datetime,
                               days: int = STAFF_DAYS) -> list[Absence]:
    """An institution's reported absences from today through the coming days, for its staff."""
    await check_staff(actor, institution_id)
    today = today_local(now)
    return await _absences(None, institution_id, today, today + timedelta(days=days - 1))


async def _staff_row(actor: Actor, institution_id: int, child_id: int, day: date, now: datetime) -> PresenceDay:
    await check_staff(actor, institution_id)
    if day < today_local(now):
        raise DomainError("presence.error.day_in_past")
    row = await PresenceDay.get_or_none(person_id=child_id, institution_id=institution_id, day=day, is_staff=False)
    if row is None or Status(row.status) not in ABSENT:
        raise DomainError("presence.error.not_absent")
    return row


async def do_staff_clear(actor: Actor, institution_id: int, child_id: int, day: date, *, now: datetime) -> None:
    """Staff take back a reported absence (the child is expected after all)."""
    await _staff_row(actor, institution_id, child_id, day, now)
    names = await _names([child_id])
    await _clear(actor, [Absence(child_id, *names[child_id], institution_id, day, Status.SICK, "")], now)


async def do_staff_switch(actor: Actor, institution_id: int, child_id: int, day: date, *, now: datetime) -> Status:
    """Staff correct the kind of a reported day (syg ⇄ ferie/fri); returns the new kind."""
    row = await _staff_row(actor, institution_id, child_id, day, now)
    target = Status.VACATION if Status(row.status) is Status.SICK else Status.SICK
    action = Action.REPORT_SICK if target is Status.SICK else Action.REPORT_VACATION
    async with committing(transaction) as outbox:
        await _write(outbox, actor, child_id, institution_id, day, row, action, target, now)
        outbox.add(AbsencesChanged(institution_id, child_id))
    return target
