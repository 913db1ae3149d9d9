"""Making vacation answers the child's KommeGå plan, through the presence domain's own use cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.identity.model import Actor
from domain.presence.model import Action, DeviceKind, Status, hhmm
from domain.presence.plans import PlanInput, do_clear_day, do_plan_day, do_report_absence, presence_institution
from domain.presence.service import do_action
from domain.vacation.model import StoredAnswer
from persistence.presence import PlanEntry, PresenceDay


def runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive dates: [21, 22, 23, 27] -> [(21, 23), (27, 27)]."""
    out: list[tuple[date, date]] = []
    for day in sorted(days):
        if out and out[-1][1] + timedelta(days=1) == day:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def _times(answer: StoredAnswer | None) -> tuple[int | None, int | None]:
    return (None, None) if answer is None or not answer.comes else (answer.arrival_min, answer.pickup_min)


def _keep(entry: PlanEntry, arrival: int | None, pickup: int | None) -> PlanInput:
    """The day's own plan with new times, keeping what else the guardian planned (who picks up, a note)."""
    return PlanInput(arrival=hhmm(arrival), pickup=hhmm(pickup), pickup_key=entry.pickup_key,
                     alone=hhmm(entry.alone_min), with_child_id=entry.with_child_id, note=entry.note)


async def apply(actor: Actor, child_id: int, previous: dict[date, StoredAnswer], new: dict[date, StoredAnswer],
                *, now: datetime) -> None:
    """Bring KommeGå in line with the days whose answer changed (idempotent: matching days are left alone)."""
    changed = sorted(d for d, answer in new.items() if previous.get(d) != answer)
    if not changed:
        return
    try:
        institution_id = await presence_institution(child_id, today_local(now))
    except NotFound:
        return  # not (yet) in KommeGå: the answers are still stored for the staff's overview
    statuses = {d: s for d, s in await PresenceDay.filter(
        person_id=child_id, institution_id=institution_id, day__in=changed).values_list("day", "status")}
    own = {e.day: e for e in await PlanEntry.filter(child_id=child_id, day__in=changed)}
    away: list[date] = []
    for day in changed:
        answer, entry = new[day], own.get(day)
        old_times, new_times = _times(previous.get(day)), _times(answer)
        set_by_us = entry is not None and old_times != (None, None) and (
            entry.arrival_min, entry.pickup_min) == old_times
        if not answer.comes:
            if statuses.get(day) != Status.VACATION:
                away.append(day)
        elif statuses.get(day) == Status.VACATION:
            await do_action(actor, child_id, institution_id, Action.CLEAR_ABSENCE, now=now,
                            device=DeviceKind.PHONE, day=day)
        if new_times != (None, None):
            if entry is None or (entry.arrival_min, entry.pickup_min) != new_times:
                plan = _keep(entry, *new_times) if entry else PlanInput(hhmm(new_times[0]), hhmm(new_times[1]))
                await do_plan_day(actor, child_id, day, plan, now=now)
        elif set_by_us and entry is not None:
            await _drop_times(actor, child_id, day, entry, now)
    for first, last in runs(away):
        try:
            await do_report_absence(actor, child_id, False, first, last, now=now)
        except DomainError as error:
            if error.key != "presence.error.no_open_days":
                raise


async def _drop_times(actor: Actor, child_id: int, day: date, entry: PlanEntry, now: datetime) -> None:
    """Remove the times an earlier answer set; the rest of the day's plan stays."""
    if entry.pickup_key or entry.alone_min is not None or entry.with_child_id or entry.note:
        await do_plan_day(actor, child_id, day, _keep(entry, None, None), now=now)
    else:
        await do_clear_day(actor, child_id, day, now=now)
