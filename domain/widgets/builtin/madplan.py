"""Madplan: an institution's menu for the week, Monday to Friday, today's day highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind
from domain.text import check_typed_text
from domain.widgets.builtin.common import check_widget, iso_week, monday_of
from domain.widgets.model import Placement, WidgetContentChanged, WidgetSpec
from domain.widgets.registry import BuiltinWidget, WidgetContext, register
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.widgets import MenuPlan

MENU_KINDS = DAYCARE_KINDS | {InstitutionKind.BFO}
WEEKDAYS = 5
MAX_DAY_LENGTH = 300


@dataclass(frozen=True)
class InstitutionMenu:
    """One institution's menu for the week: five texts, empty where nothing is written."""

    institution_id: int
    institution_name: str
    days: tuple[str, ...]

    @property
    def written(self) -> bool:
        """Whether any day has a text."""
        return any(self.days)


@dataclass(frozen=True)
class Madplan:
    """The menus of one ISO week; today_index is 0-4 on a weekday, None at the weekend."""

    year: int
    week: int
    today_index: int | None
    menus: list[InstitutionMenu]


def today_index(today: date) -> int | None:
    """Monday 0 to Friday 4, or None on Saturday and Sunday."""
    return today.weekday() if today.weekday() < WEEKDAYS else None


async def menus_at(institution_ids: list[int], year: int, week: int) -> list[InstitutionMenu]:
    """The week's menu of each active institution of a menu kind among these, by name (2 queries)."""
    institutions = await Institution.filter(id__in=institution_ids, active=True,
                                            kind__in=[k.value for k in MENU_KINDS]) \
        .order_by("name").values_list("id", "name")
    if not institutions:
        return []
    rows = await MenuPlan.filter(institution_id__in=[i for i, _ in institutions], year=year, week=week) \
        .values_list("institution_id", "days")
    days = {int(i): tuple(str(d) for d in d_list) for i, d_list in rows}
    return [InstitutionMenu(int(i), str(name), days.get(int(i), ("",) * WEEKDAYS)) for i, name in institutions]


async def menus_for_staff(actor: Actor, year: int, week: int) -> list[InstitutionMenu]:
    """The menus a member of staff may write: those of their daycare and BFO workplaces."""
    await audit.check(access.can_write_plans(actor), actor, "menus")
    monday_of(year, week)
    allowed = [i for i in actor.staff_institutions if access.can_write_menu(actor, i)]
    return await menus_at(allowed, year, week)


async def do_save_menu(actor: Actor, institution_id: int, year: int, week: int, days: list[str],
                       now: datetime) -> InstitutionMenu:
    """Write an institution's menu for one week: its leader or staff, exactly five days, each short."""
    check_typed_text(days)
    await audit.check(access.can_write_menu(actor, institution_id), actor, "save_menu")
    institution = await Institution.get_or_none(id=institution_id, active=True)
    if institution is None or InstitutionKind(institution.kind) not in MENU_KINDS:
        raise NotFound("plans.error.no_menu_here")
    monday_of(year, week)
    if len(days) != WEEKDAYS:
        raise DomainError("plans.error.days")
    days = [d.strip() for d in days]
    if any(len(d) > MAX_DAY_LENGTH for d in days):
        raise DomainError("plans.error.day_too_long", max=MAX_DAY_LENGTH)
    async with committing(transaction) as outbox:
        updated = await MenuPlan.filter(institution_id=institution_id, year=year, week=week).update(
            days=days, author_id=actor.person_id, updated_at=now)
        if not updated:
            await MenuPlan.create(institution_id=institution_id, year=year, week=week, days=days,
                                  author_id=actor.person_id, updated_at=now)
        outbox.add(WidgetContentChanged("madplan", institution_id))
    return InstitutionMenu(institution_id, institution.name, tuple(days))


@register
class MadplanWidget(BuiltinWidget):
    """This week's menu at the daycare and BFO institutions that matter to the actor."""

    spec = WidgetSpec("madplan", frozenset({Role.PARENT, Role.STAFF, Role.LEADER}), MENU_KINDS, Placement.SIDE, True)

    async def load(self, actor: Actor, context: WidgetContext) -> Madplan:
        """The week's menus, with today's weekday."""
        await check_widget(actor, self.spec)
        year, week = iso_week(context.today)
        ids = [i for i, kind in context.kind_of.items() if kind in MENU_KINDS]
        menus = await menus_at(ids, year, week) if ids else []
        return Madplan(year, week, today_index(context.today), menus)
