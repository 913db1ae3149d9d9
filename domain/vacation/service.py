"""Vacation requests: staff create and close them, guardians answer per day (and KommeGå follows)."""

from __future__ import annotations

from datetime import date, datetime, time

from tortoise.exceptions import IntegrityError

from domain import access
from domain.access import GroupFacts
from domain.audit import service as audit
from domain.clock import COPENHAGEN, today_local
from domain.errors import DomainError
from domain.events import committing
from domain.identity.model import Actor
from domain.presence.model import PRESENCE_KINDS, hhmm, minutes_of
from domain.presence.tiles import Settings
from domain.text import check_typed_text
from domain.vacation import planning
from domain.vacation.model import MAX_PERIOD_DAYS, NOTE_MAX, TITLE_MAX, DayAnswer, StoredAnswer, VacationAnswered
from domain.vacation.targets import concerned, concerned_child, info_of, load_request, reach, settings_of
from persistence.db import transaction
from persistence.organisation import Group, Institution
from persistence.vacation import VacationAnswer, VacationRequest


def short_day(day: date) -> str:
    """A date as "24.12." for messages in either language."""
    return f"{day.day}.{day.month}."


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), COPENHAGEN)


def check_period(first_day: date, last_day: date, deadline: datetime, now: datetime) -> None:
    """The period is at most 92 days and not past; the deadline lies ahead and before the first day."""
    if last_day < first_day:
        raise DomainError("vacation.error.bad_period")
    if (last_day - first_day).days + 1 > MAX_PERIOD_DAYS:
        raise DomainError("vacation.error.period_too_long", days=MAX_PERIOD_DAYS)
    if first_day <= today_local(now):
        raise DomainError("vacation.error.period_past")
    if deadline <= now:
        raise DomainError("vacation.error.deadline_past")
    if deadline >= _start_of(first_day):
        raise DomainError("vacation.error.deadline_after_start")


async def check_targets(actor: Actor, institution_ids: list[int], group_ids: list[int]) -> None:
    """Only KommeGå institutions (daycare, BFO, klub) or their groups, and only where the actor may ask."""
    if not institution_ids and not group_ids:
        raise DomainError("vacation.error.no_targets")
    institutions = {i.id: i for i in await Institution.filter(id__in=institution_ids or [0])}
    groups = {g.id: g for g in await Group.filter(id__in=group_ids or [0]).select_related("institution")}
    for institution_id in institution_ids:
        inst = institutions.get(institution_id)
        if inst is None:
            raise DomainError("vacation.error.unknown_target")
        if inst.kind not in PRESENCE_KINDS:
            raise DomainError("vacation.error.not_presence", name=inst.name)
        await audit.check(access.can_request_vacation_for_institution(actor, inst.id), actor, "vacation.create")
    for group_id in group_ids:
        group = groups.get(group_id)
        if group is None:
            raise DomainError("vacation.error.unknown_target")
        if group.institution is None or group.institution.kind not in PRESENCE_KINDS:
            raise DomainError("vacation.error.not_presence", name=group.name)
        await audit.check(access.can_request_vacation_for_group(actor, GroupFacts(group.id, group.institution_id)),
                          actor, "vacation.create")


async def do_create_request(actor: Actor, *, title: str, note: str, first_day: date, last_day: date,
                            deadline: datetime, institution_ids: list[int], group_ids: list[int],
                            now: datetime) -> int:
    """Ask the guardians of the targets' children which days they come; returns the request's id."""
    check_typed_text(title, note)
    await audit.check(access.can_write_plans(actor), actor, "vacation.create")
    title, note = title.strip(), note.strip()
    if not title:
        raise DomainError("vacation.error.no_title")
    if len(title) > TITLE_MAX or len(note) > NOTE_MAX:
        raise DomainError("vacation.error.too_long", max=NOTE_MAX)
    check_period(first_day, last_day, deadline, now)
    institution_ids, group_ids = sorted(set(institution_ids)), sorted(set(group_ids))
    await check_targets(actor, institution_ids, group_ids)
    row = VacationRequest(author_id=actor.person_id, author_name=actor.name, title=title, note=note,
                          first_day=first_day, last_day=last_day, deadline=deadline,
                          institution_ids=institution_ids, group_ids=group_ids, created_at=now)
    if not await concerned(info_of(row)):
        raise DomainError("vacation.error.no_children")
    await row.save()
    return row.id


async def do_close(actor: Actor, request_id: int, *, now: datetime) -> None:
    """End the answering now (the deadline moves to now); the author or staff where it reaches may close."""
    row, info = await load_request(request_id)
    await audit.check(access.can_follow_vacation_request(actor, row.author_id, await reach(info)), actor,
                      "vacation.close")
    async with committing(transaction) as outbox:
        await VacationRequest.filter(id=request_id, deadline__gt=now).update(deadline=now)
        outbox.add(VacationAnswered(request_id, 0))


def check_day(day: date, answer: DayAnswer, first: date, last: date, settings: Settings) -> StoredAnswer:
    """One day's answer as stored: within the period, an open day, times within the opening hours."""
    if not first <= day <= last:
        raise DomainError("vacation.error.day_outside", day=short_day(day))
    if settings.closed_reason(day) is not None:
        raise DomainError("vacation.error.closed_day", day=short_day(day))
    if not answer.comes:
        return StoredAnswer(False)
    arrival, pickup = minutes_of(answer.arrival), minutes_of(answer.pickup)
    for minutes in (arrival, pickup):
        if minutes is not None and not settings.opens_min <= minutes <= settings.closes_min:
            raise DomainError("vacation.error.outside_hours", day=short_day(day), opens=hhmm(settings.opens_min),
                              closes=hhmm(settings.closes_min))
    if arrival is not None and pickup is not None and pickup <= arrival:
        raise DomainError("vacation.error.pickup_before_arrival", day=short_day(day))
    return StoredAnswer(True, arrival, pickup)


async def do_answer(actor: Actor, *, request_id: int, child_id: int, days: dict[date, DayAnswer],
                    now: datetime) -> None:
    """Store a guardian's answers for a child and make them the child's KommeGå plan for those days."""
    check_typed_text(days)
    # Idempotent and re-runnable rather than one transaction: KommeGå is brought in line first, day by day,
    # through the presence domain's own use cases (each a no-op when the day already matches), and the answers
    # are stored last. A failure half-way leaves the old answers in place, so sending the same answers again
    # re-applies every day that still differs.
    _, info = await load_request(request_id)
    await audit.check(access.can_answer_vacation(actor, child_id), actor, "vacation.answer",
                      concerned_person_id=child_id)
    child = await concerned_child(info, child_id)
    if now >= info.deadline:
        raise DomainError("vacation.error.deadline_passed")
    if not days:
        raise DomainError("vacation.error.no_days")
    settings = (await settings_of({child.institution_id}))[child.institution_id]
    new = {day: check_day(day, answer, info.first_day, info.last_day, settings)
           for day, answer in sorted(days.items())}
    previous = {a.day: StoredAnswer(a.comes, a.arrival_min, a.pickup_min) for a in await VacationAnswer.filter(
        request_id=request_id, child_id=child_id, day__in=list(new))}
    await planning.apply(actor, child_id, previous, new, now=now)
    await _store(actor, request_id, child_id, new, now)


async def _store(actor: Actor, request_id: int, child_id: int, new: dict[date, StoredAnswer], now: datetime) -> None:
    """Replace the answers of these days; a concurrent answer for the same child loses the unique race once."""
    for attempt in range(3):
        rows = [VacationAnswer(request_id=request_id, child_id=child_id, day=day, comes=a.comes,
                               arrival_min=a.arrival_min, pickup_min=a.pickup_min, answered_by_id=actor.person_id,
                               answered_at=now) for day, a in new.items()]
        try:
            async with committing(transaction) as outbox:
                await VacationAnswer.filter(request_id=request_id, child_id=child_id, day__in=list(new)).delete()
                await VacationAnswer.bulk_create(rows)
                outbox.add(VacationAnswered(request_id, child_id))
            return
        except IntegrityError:
            if attempt == 2:
                raise DomainError("vacation.error.changed_meanwhile") from None
