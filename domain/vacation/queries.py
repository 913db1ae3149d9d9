"""Reading vacation requests: the staff's list, the guardians' open requests and their answer forms."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.errors import NotFound
from domain.identity.model import Actor, Role
from domain.presence.model import hhmm
from domain.vacation.model import ChildForm, DayView, Pending, RequestInfo, StoredAnswer
from domain.vacation.targets import PRESENCE_KIND_VALUES, concerned, info_of, load_request, settings_of
from persistence.organisation import Group, Institution
from persistence.people import Enrolment
from persistence.vacation import VacationAnswer, VacationRequest


def as_date(value: Any) -> date:
    """A date column's value (some drivers give text in grouped queries)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def requests_for_staff(actor: Actor) -> list[RequestInfo]:
    """The requests the actor wrote or that reach an institution where they work, newest period first."""
    if actor.role not in (Role.STAFF, Role.LEADER):
        return []
    rows = await VacationRequest.all().order_by("-first_day", "-id")
    group_ids = {int(g) for r in rows for g in r.group_ids}
    groups = {g["id"]: g for g in await Group.filter(id__in=list(group_ids) or [0]).values(
        "id", "name", "institution_id")}
    inst_ids = {int(i) for r in rows for i in r.institution_ids} | {
        int(g["institution_id"]) for g in groups.values() if g["institution_id"]}
    names = dict(await Institution.filter(id__in=list(inst_ids) or [0]).values_list("id", "name"))
    out = []
    for row in rows:
        info = info_of(row)
        reached = frozenset(info.institution_ids) | frozenset(
            int(groups[g]["institution_id"]) for g in info.group_ids if g in groups and groups[g]["institution_id"])
        if access.can_follow_vacation_request(actor, row.author_id, reached):
            targets = tuple(str(names.get(i, "")) for i in info.institution_ids) + tuple(
                f"{groups[g]['name']} ({names.get(groups[g]['institution_id'], '')})" for g in info.group_ids
                if g in groups)
            out.append(RequestInfo(**{**info.__dict__, "target_names": targets}))
    return out


async def pending_for_guardian(actor: Actor, now: datetime) -> list[Pending]:
    """Open requests concerning the guardian's children, naming the children with open days left to answer."""
    kids = sorted(actor.guardian_of)
    if actor.role is not Role.PARENT or not kids:
        return []
    rows = await VacationRequest.filter(deadline__gt=now).order_by("deadline", "id")
    if not rows:
        return []
    firsts = [r.first_day for r in rows]
    enrolments = await Enrolment.filter(
        Q(end__isnull=True) | Q(end__gte=min(firsts)), child_id__in=kids, start__lte=max(firsts),
        child__active=True, institution__kind__in=PRESENCE_KIND_VALUES,
    ).order_by("child__first_name", "id").values("child_id", "child__first_name", "institution_id", "group_id",
                                                 "start", "end")
    counts = {(c["request_id"], c["child_id"]): c["n"] for c in await VacationAnswer.filter(
        request_id__in=[r.id for r in rows], child_id__in=kids).annotate(n=Count("id")).group_by(
        "request_id", "child_id").values("request_id", "child_id", "n")}
    settings = await settings_of({int(e["institution_id"]) for e in enrolments})
    out = []
    for row in rows:
        info, names, waiting, seen = info_of(row), [], [], set()
        for e in enrolments:
            if e["child_id"] in seen or not (e["start"] <= info.first_day and (
                    e["end"] is None or e["end"] >= info.first_day)):
                continue
            if e["institution_id"] not in info.institution_ids and e["group_id"] not in info.group_ids:
                continue
            seen.add(e["child_id"])
            names.append(e["child__first_name"])
            place = settings[int(e["institution_id"])]
            open_days = sum(1 for d in info.days() if place.closed_reason(d) is None)
            if counts.get((row.id, e["child_id"]), 0) < open_days:
                waiting.append(e["child__first_name"])
        if names:
            out.append(Pending(row.id, row.title, row.first_day, row.last_day, row.deadline, tuple(names),
                               tuple(waiting)))
    return out


async def forms_for_guardian(actor: Actor, request_id: int) -> tuple[RequestInfo, list[ChildForm]]:
    """The request and, per child of this guardian it concerns, the days with earlier answers."""
    _, info = await load_request(request_id)
    if actor.role is not Role.PARENT:
        raise NotFound("vacation.error.not_found")
    kids = await concerned(info, sorted(actor.guardian_of))
    if not kids:
        raise NotFound("vacation.error.not_found")
    for kid in kids:
        await audit.check(access.can_answer_vacation(actor, kid.child_id), actor, "vacation.view",
                          concerned_person_id=kid.child_id)
    settings = await settings_of({k.institution_id for k in kids})
    answers: dict[int, dict[date, StoredAnswer]] = defaultdict(dict)
    for a in await VacationAnswer.filter(request_id=request_id, child_id__in=[k.child_id for k in kids]):
        answers[a.child_id][a.day] = StoredAnswer(a.comes, a.arrival_min, a.pickup_min)
    forms = []
    for kid in kids:
        place = settings[kid.institution_id]
        days = tuple(DayView(d, place.closed_reason(d) or "", answers[kid.child_id].get(d)) for d in info.days())
        forms.append(ChildForm(kid.child_id, kid.first_name, place.name, hhmm(place.opens_min),
                               hhmm(place.closes_min), days))
    return info, forms


async def institutions_and_groups_for(actor: Actor) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """What the actor may send a request to: whole KommeGå institutions they lead, and groups where they work."""
    lead = sorted(actor.leader_institutions) if actor.role is Role.LEADER else []
    mine = sorted(actor.leader_institutions | actor.staff_institutions if actor.role is Role.LEADER
                  else actor.staff_institutions)
    institutions = await Institution.filter(id__in=lead or [0], kind__in=PRESENCE_KIND_VALUES).order_by(
        "name").values_list("id", "name")
    groups = await Group.filter(institution_id__in=mine or [0], institution__kind__in=PRESENCE_KIND_VALUES).order_by(
        "institution__name", "name").values_list("id", "name", "institution__name")
    return ([(int(i), str(n)) for i, n in institutions],
            [(int(g), f"{n} ({inst})") for g, n, inst in groups])
