"""Fødselsdage: who in the actor's groups has a birthday this week, by first name, weekday and new age."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from domain.identity.model import Actor, Role
from domain.widgets.builtin.common import GUARDIAN_ROLES, check_widget, children_of, staff_groups
from domain.widgets.model import Placement, WidgetSpec
from domain.widgets.registry import BuiltinWidget, WidgetContext, register
from persistence.people import Enrolment
from persistence.queries import active_on, ints


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


async def _group_ids(actor: Actor, today: date) -> list[int]:
    if actor.role in GUARDIAN_ROLES:
        return ints(await Enrolment.filter(active_on(today), child_id__in=list(children_of(actor)),
                                           group_id__isnull=False).values_list("group_id", flat=True))
    return [g for g, _ in await staff_groups(actor.person_id, today)]


async def birthdays_this_week(actor: Actor, today: date) -> Foedselsdage:
    """Birthdays Monday to Sunday among the children of the actor's current groups (2 queries)."""
    groups = await _group_ids(actor, today)
    if not groups:
        return Foedselsdage([])
    rows = await Enrolment.filter(active_on(today), group_id__in=groups, child__active=True,
                                  child__birth_date__isnull=False) \
        .values_list("child_id", "child__first_name", "child__birth_date")
    monday = today - timedelta(days=today.weekday())
    found: dict[int, Birthday] = {}
    for child_id, first_name, born in rows:
        hit = birthday_in_week(born, monday)
        if hit is not None:
            found[int(child_id)] = Birthday(str(first_name), hit[0], hit[1], hit[0] == today.weekday())
    return Foedselsdage(sorted(found.values(), key=lambda b: (b.weekday, b.first_name, b.age)))


@register
class FoedselsdageWidget(BuiltinWidget):
    """Birthdays this week in the groups of the actor's children, or of the staff member."""

    spec = WidgetSpec("foedselsdage", frozenset({Role.PARENT, Role.STAFF, Role.LEADER}), None, Placement.SIDE, True)

    async def load(self, actor: Actor, context: WidgetContext) -> Foedselsdage:
        """This week's birthdays, first names only."""
        await check_widget(actor, self.spec)
        return await birthdays_this_week(actor, context.today)
