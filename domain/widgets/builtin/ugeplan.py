"""Ugeplan: the week plan of each group, written by staff, read by parents, children and staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.text import check_typed_text
from domain.widgets.builtin.common import (
    GUARDIAN_ROLES,
    check_widget,
    child_groups,
    children_of,
    iso_week,
    monday_of,
    staff_groups,
)
from domain.widgets.model import Placement, WidgetContentChanged, WidgetSpec
from domain.widgets.registry import BuiltinWidget, WidgetContext, register
from persistence.db import transaction
from persistence.organisation import Group
from persistence.people import GroupMembership
from persistence.widgets import WeekPlan

MAX_PLAN_LENGTH = 4000


@dataclass(frozen=True)
class GroupPlan:
    """One group's plan for the week; the child's first name for a guardian, empty for staff."""

    group_id: int
    group_name: str
    child_name: str
    text: str


@dataclass(frozen=True)
class Ugeplan:
    """The plans of one ISO week (text is empty where none is written yet)."""

    year: int
    week: int
    plans: list[GroupPlan]


async def _texts(group_ids: list[int], year: int, week: int) -> dict[int, str]:
    rows = await WeekPlan.filter(group_id__in=group_ids, year=year, week=week).values_list("group_id", "text")
    return {int(g): str(text) for g, text in rows}


async def week_plans_for_guardian(actor: Actor, today: date, context: WidgetContext | None = None) -> Ugeplan:
    """This week's plan of each current group of the actor's children (3 queries), within the widget's context."""
    year, week = iso_week(today)
    children = context.child_ids if context is not None else children_of(actor)
    rows = await child_groups(children, today, context.institution_ids if context is not None else None)
    texts = await _texts([g for _, _, g, _ in rows], year, week) if rows else {}
    return Ugeplan(year, week, [GroupPlan(g, name, first, texts.get(g, "")) for _, first, g, name in rows])


async def week_plans_for_staff(actor: Actor, year: int, week: int, today: date | None = None,
                               institution_ids: frozenset[int] | None = None) -> Ugeplan:
    """The plans of one week for each group the member of staff belongs to (2 queries), optionally of some places."""
    await audit.check(access.can_write_plans(actor), actor, "week_plans")
    monday = monday_of(year, week)
    groups = await staff_groups(actor.person_id, today or monday, institution_ids)
    texts = await _texts([g for g, _ in groups], year, week) if groups else {}
    return Ugeplan(year, week, [GroupPlan(g, name, "", texts.get(g, "")) for g, name in groups])


async def do_save_week_plan(actor: Actor, group_id: int, year: int, week: int, text: str,
                            now: datetime) -> GroupPlan:
    """Write (or rewrite) a group's plan for one week; staff of the group's institution or its members only."""
    check_typed_text(text)
    group = await Group.get_or_none(id=group_id)
    if group is None:
        raise NotFound("plans.error.no_group")
    member = await GroupMembership.exists(group_id=group_id, person_id=actor.person_id)
    facts = access.GroupFacts(group_id=group_id, institution_id=group.institution_id)
    await audit.check(access.can_write_group_plan(actor, facts, member), actor, "save_week_plan")
    monday_of(year, week)
    text = text.strip()
    if not text:
        raise DomainError("plans.error.empty")
    if len(text) > MAX_PLAN_LENGTH:
        raise DomainError("plans.error.too_long", max=MAX_PLAN_LENGTH)
    async with committing(transaction) as outbox:
        updated = await WeekPlan.filter(group_id=group_id, year=year, week=week).update(
            text=text, author_id=actor.person_id, updated_at=now)
        if not updated:
            await WeekPlan.create(group_id=group_id, year=year, week=week, text=text, author_id=actor.person_id,
                                  updated_at=now)
        outbox.add(WidgetContentChanged("ugeplan", group.institution_id))
    return GroupPlan(group_id, group.name, "", text)


@register
class UgeplanWidget(BuiltinWidget):
    """This week's plan for the actor's children's groups, or for the staff member's groups."""

    spec = WidgetSpec("ugeplan", frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.CHILD}), None,
                      Placement.MAIN, True)

    async def load(self, actor: Actor, context: WidgetContext) -> Ugeplan:
        """The week's plans for this actor."""
        await check_widget(actor, self.spec)
        if actor.role in GUARDIAN_ROLES:
            return await week_plans_for_guardian(actor, context.today, context)
        year, week = iso_week(context.today)
        return await week_plans_for_staff(actor, year, week, context.today, context.institution_ids)
