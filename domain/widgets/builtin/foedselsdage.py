"""Fødselsdage: who in the actor's groups has a birthday this week, by first name, weekday and new age."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from domain.identity.model import Actor, Role
from domain.organisation.listing import listable_children
from domain.widgets.builtin.common import GUARDIAN_ROLES, check_widget, children_of, staff_groups
from domain.widgets.model import Placement, WidgetSpec
from domain.widgets.registry import BuiltinWidget, WidgetContext, register
from persistence.people import Enrolment
from persistence.queries import active_on, ints

STAFF_ROLES = (Role.STAFF, Role.LEADER)


@dataclass(frozen=True)
class Birthday:
    """A birthday this week: a first name, the weekday (0 is Monday) and the age reached; nothing else."""

    first_name: str
    weekday: int
    age: int
    is_today: bool


@dataclass(frozen=True)
class Foedselsdage:
    """This week's birthdays in the actor's groups, Monday first."""

    birthdays: list[Birthday]


def celebrated_on(born: date, year: int) -> date:
    """The day a birthday is kept in a year: 29 February falls on 28 February outside leap years."""
    if (born.month, born.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return born.replace(year=year)


def birthday_in_week(born: date, monday: date) -> tuple[int, int] | None:
    """(weekday, new age) when the birthday falls in the week starting on a Monday, else None."""
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day > born and celebrated_on(born, day.year) == day:
            return offset, day.year - born.year
    return None


async def _group_ids(actor: Actor, context: WidgetContext) -> list[int]:
    """The groups that count, at the institutions where the widget is on (the context's)."""
    if actor.role in GUARDIAN_ROLES:
        return ints(await Enrolment.filter(active_on(context.today), child_id__in=sorted(context.child_ids),
                                           institution_id__in=sorted(context.institution_ids),
                                           group_id__isnull=False).values_list("group_id", flat=True))
    return [g for g, _ in await staff_groups(actor.person_id, context.today, context.institution_ids)]


async def birthdays_this_week(actor: Actor, context: WidgetContext) -> Foedselsdage:
    """Birthdays Monday to Sunday among the children of the actor's current groups (3 queries).

    Another family's child is named only with "Navn på lister"; staff see every child of their own institutions.
    """
    today = context.today
    groups = await _group_ids(actor, context)
    if not groups:
        return Foedselsdage([])
    rows = await Enrolment.filter(active_on(today), group_id__in=groups, child__active=True,
                                  child__birth_date__isnull=False) \
        .values_list("child_id", "child__first_name", "child__birth_date", "institution_id")
    monday = today - timedelta(days=today.weekday())
    workplaces = actor.staff_institutions | actor.leader_institutions if actor.role in STAFF_ROLES else frozenset()
    hits = {int(c): (str(f), hit) for c, f, born, _inst in rows
            if (hit := birthday_in_week(born, monday)) is not None}
    seen_by_staff = {int(c) for c, _f, _b, inst in rows if int(inst) in workplaces}
    listed = await listable_children(hits, own=children_of(actor) | seen_by_staff)
    found: dict[int, Birthday] = {}
    for child_id, (first_name, hit) in hits.items():
        if child_id in listed:
            found[int(child_id)] = Birthday(str(first_name), hit[0], hit[1], hit[0] == today.weekday())
    return Foedselsdage(sorted(found.values(), key=lambda b: (b.weekday, b.first_name, b.age)))


@register
class FoedselsdageWidget(BuiltinWidget):
    """Birthdays this week in the groups of the actor's children, or of the staff member."""

    # The child's own institution's staff see every birthday; a family sees its own and consenting children's.
    spec = WidgetSpec("foedselsdage", frozenset({Role.PARENT, Role.STAFF, Role.LEADER}), None, Placement.SIDE, True)

    async def load(self, actor: Actor, context: WidgetContext) -> Foedselsdage:
        """This week's birthdays, first names only."""
        await check_widget(actor, self.spec)
        return await birthdays_this_week(actor, context)
