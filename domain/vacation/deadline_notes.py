"""'Frist i morgen': the day before a vacation request's deadline, guardians with days unanswered hear of it once."""

from __future__ import annotations

from datetime import datetime

from tortoise.functions import Count

from domain.calendar.notify import when
from domain.clock import today_local
from domain.notifications.centre import Category, NewNotification
from domain.notifications.scheduled import already_told, do_enqueue_alone, tomorrow_window
from domain.vacation.targets import concerned, info_of, settings_of
from persistence.people import Custody
from persistence.queries import active_on, ints
from persistence.vacation import VacationAnswer, VacationRequest


async def waiting_guardians(row: VacationRequest, now: datetime) -> list[int]:
    """The current guardians of the children with open days not yet answered (4 queries and the settings)."""
    info = info_of(row)
    kids = await concerned(info)
    if not kids:
        return []
    settings = await settings_of({k.institution_id for k in kids})
    answered = {int(r["child_id"]): int(r["n"]) for r in await VacationAnswer.filter(
        request_id=row.id, child_id__in=[k.child_id for k in kids]).annotate(n=Count("id")).group_by(
        "child_id").values("child_id", "n")}
    waiting = [k.child_id for k in kids if answered.get(k.child_id, 0) < sum(
        1 for d in info.days() if settings[k.institution_id].closed_reason(d) is None)]
    if not waiting:
        return []
    return sorted(set(ints(await Custody.filter(active_on(today_local(now), "valid_from", "valid_to"),
                                                child_id__in=waiting, guardian__active=True).values_list(
        "guardian_id", flat=True))))


async def do_remind_vacation_deadlines(now: datetime) -> int:
    """'Frist i morgen: <request>' to each guardian with days left to answer; returns how many were new."""
    window = tomorrow_window(now)
    if window is None:
        return 0
    rows = {f"vacation:{r.id}:deadline": r for r in await VacationRequest.filter(
        deadline__gte=window[0], deadline__lt=window[1], deadline__gt=now)}
    told = await already_told(rows)
    notes: list[NewNotification] = []
    for source, row in sorted(rows.items()):
        if source not in told:
            notes += [NewNotification(person_id=g, category=Category.DEADLINE, title=f"Frist i morgen: {row.title}",
                                      link=f"/kalender/ferie/{row.id}", source=source,
                                      body=f"Frist {when(row.deadline, False)}")
                      for g in await waiting_guardians(row, now)]
    return await do_enqueue_alone(notes, now=now)
