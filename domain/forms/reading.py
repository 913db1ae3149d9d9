"""Reading blanketter: lists for staff and guardians, a guardian's form with their children, pending answers."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from tortoise.expressions import Q

from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import AccessDenied
from domain.forms.model import ChildAnswer, FormSummary, FormView, Pending
from domain.forms.service import children_by_group, is_open, load_form, person_names, questions_of
from domain.identity.model import Actor, Role
from persistence.forms import Form, FormAnswer
from persistence.organisation import Group
from persistence.people import Enrolment, GroupMembership
from persistence.queries import active_on, ints

STAFF_ROLES = (Role.STAFF, Role.LEADER)


def _places(actor: Actor) -> list[int]:
    return sorted(actor.staff_institutions | actor.leader_institutions)


async def guardian_groups(actor: Actor, day: date) -> dict[int, set[int]]:
    """The groups of a guardian's children, each with the actor's children in it."""
    if actor.role is not Role.PARENT or not actor.guardian_of:
        return {}
    kids = sorted(actor.guardian_of)
    by_child: dict[int, set[int]] = defaultdict(set)
    for gid, cid in await Enrolment.filter(active_on(day), child_id__in=kids, group_id__isnull=False,
                                           child__active=True).values_list("group_id", "child_id"):
        by_child[int(gid)].add(int(cid))
    for gid, cid in await GroupMembership.filter(person_id__in=kids).values_list("group_id", "person_id"):
        by_child[int(gid)].add(int(cid))
    return dict(by_child)


async def builder_groups(actor: Actor, day: date) -> list[tuple[int, str]]:
    """The groups a staff member may make a form for: their own groups first, then their institutions' groups."""
    if actor.role not in STAFF_ROLES:
        return []
    mine = set(ints(await GroupMembership.filter(person_id=actor.person_id).values_list("group_id", flat=True)))
    groups = await Group.filter(Q(id__in=sorted(mine)) | Q(institution_id__in=_places(actor))).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=day)).order_by("name").values_list(
        "id", "name", "institution__name")
    named = [(int(i), f"{n} · {inst}" if inst else str(n), int(i) in mine) for i, n, inst in groups]
    return [(i, label) for i, label, _ in sorted(named, key=lambda g: (not g[2], g[1]))]


async def forms_for_staff(actor: Actor, now: datetime) -> list[FormSummary]:
    """The forms of the groups a staff member works with, open ones first, with answered N of M (4 queries)."""
    if actor.role not in STAFF_ROLES:
        return []
    mine = ints(await GroupMembership.filter(person_id=actor.person_id).values_list("group_id", flat=True))
    forms = await Form.filter(Q(group_id__in=mine) | Q(group__institution_id__in=_places(actor))).order_by(
        "-deadline").values("id", "title", "group_id", "group__name", "deadline", "closed_at")
    if not forms:
        return []
    ids = [int(f["id"]) for f in forms]
    counts: dict[int, int] = defaultdict(int)
    for fid in ints(await FormAnswer.filter(form_id__in=ids).values_list("form_id", flat=True)):
        counts[fid] += 1
    children = await children_by_group(sorted({int(f["group_id"]) for f in forms}), today_local(now))
    out = [FormSummary(int(f["id"]), str(f["title"]), str(f["group__name"]), f["deadline"],
                       f["closed_at"] is not None or f["deadline"] <= now, counts[int(f["id"])],
                       len(children[int(f["group_id"])])) for f in forms]
    return sorted(out, key=lambda s: (s.closed, -s.deadline.timestamp() if s.closed else s.deadline.timestamp()))


async def forms_for_guardian(actor: Actor, now: datetime) -> list[FormSummary]:
    """Open forms for a guardian's children, naming the children still without an answer (at most 5 queries)."""
    groups = await guardian_groups(actor, today_local(now))
    if not groups:
        return []
    forms = await Form.filter(group_id__in=list(groups), closed_at__isnull=True, deadline__gt=now).order_by(
        "deadline", "id").values("id", "title", "group_id", "group__name", "deadline")
    if not forms:
        return []
    answered = {(int(f), int(c)) for f, c in await FormAnswer.filter(
        form_id__in=[f["id"] for f in forms], child_id__in=sorted(actor.guardian_of)).values_list(
        "form_id", "child_id")}
    names = await person_names(sorted(actor.guardian_of))
    return [FormSummary(int(f["id"]), str(f["title"]), str(f["group__name"]), f["deadline"], False,
                        waiting_children=tuple(names[c][0] for c in sorted(groups[int(f["group_id"])])
                                               if (int(f["id"]), c) not in answered and c in names))
            for f in forms]


async def pending_for_guardian(actor: Actor, now: datetime) -> list[Pending]:
    """Each open form and child of the guardian that still waits for an answer."""
    return [Pending(s.id, s.title, name, s.deadline) for s in await forms_for_guardian(actor, now)
            for name in s.waiting_children]


async def form_for_guardian(actor: Actor, form_id: int, now: datetime) -> FormView:
    """A form with the guardian's children in its group and what was answered for each (refused otherwise)."""
    form = await load_form(form_id)
    groups = await guardian_groups(actor, today_local(now))
    kids = sorted(groups.get(form.group_id, set()))
    if not kids:
        await audit.record("forms.view", audit.REFUSED, actor=actor, detail="no_child_in_group")
        raise AccessDenied("error.access_denied")
    rows = {int(a.child_id): a for a in await FormAnswer.filter(form_id=form.id, child_id__in=kids)}
    names = await person_names(kids + [a.guardian_id for a in rows.values() if a.guardian_id])
    children = []
    for kid in kids:
        answer = rows.get(kid)
        by = names.get(answer.guardian_id or 0, ("", "")) if answer else ("", "")
        children.append(ChildAnswer(kid, *names.get(kid, ("", "")), dict(answer.answers) if answer else {},
                                    f"{by[0]} {by[1]}".strip(), answer.answered_at if answer else None))
    await audit.record_reads(actor, "forms.view", kids, detail=f"form={form.id}")
    group = await Group.get(id=form.group_id)
    return FormView(form.id, form.group_id, group.name, form.title, form.description, form.author_name,
                    tuple(questions_of(form)), form.deadline, form.closed_at is not None, is_open(form, now),
                    tuple(children))
