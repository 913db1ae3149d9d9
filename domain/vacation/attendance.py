"""Expected attendance per day of a vacation request, from grouped counts (never a query per child)."""

from __future__ import annotations

from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor
from domain.vacation.model import Attendance, DayCount, RequestInfo
from domain.vacation.queries import as_date
from domain.vacation.targets import concerned, load_request, reach, settings_of
from persistence.vacation import VacationAnswer


async def check_follow(actor: Actor, request_id: int) -> RequestInfo:
    """The request, if the actor may follow its answers (AccessDenied otherwise, audited)."""
    row, info = await load_request(request_id)
    await audit.check(access.can_follow_vacation_request(actor, row.author_id, await reach(info)), actor,
                      "vacation.follow")
    return info


async def attendance(actor: Actor, request_id: int) -> Attendance:
    """Per day: comes, away and not answered, and the children with open days still unanswered (6 queries)."""
    info = await check_follow(actor, request_id)
    # Following a request is not seeing every child it reaches: only those of the actor's own institutions.
    kids = [k for k in await concerned(info) if access.can_see_vacation_answers(actor, k.institution_id)]
    settings = await settings_of({k.institution_id for k in kids})
    per_day: dict[tuple[object, bool], int] = {}
    for row in await VacationAnswer.filter(request_id=request_id, child_id__in=[k.child_id for k in kids] or [0]) \
            .annotate(n=Count("id")).group_by("day", "comes").values("day", "comes", "n"):
        per_day[(as_date(row["day"]), bool(row["comes"]))] = int(row["n"])
    per_child = {int(r["child_id"]): int(r["n"]) for r in await VacationAnswer.filter(
        request_id=request_id, child_id__in=[k.child_id for k in kids] or [0]).annotate(n=Count("id")).group_by(
        "child_id").values("child_id", "n")}
    days = []
    for day in info.days():
        open_kids = sum(1 for k in kids if settings[k.institution_id].closed_reason(day) is None)
        comes, away = per_day.get((day, True), 0), per_day.get((day, False), 0)
        days.append(DayCount(day, comes, away, max(0, open_kids - comes - away), len(kids) - open_kids))
    unanswered = []
    for kid in kids:
        open_days = sum(1 for d in info.days() if settings[kid.institution_id].closed_reason(d) is None)
        if per_child.get(kid.child_id, 0) < open_days:
            unanswered.append(f"{kid.first_name} {kid.last_name}" + (f" ({kid.group_name})" if kid.group_name else ""))
    return Attendance(info, len(kids), tuple(days), tuple(unanswered))
