"""Drawing the built-in widgets: each renderer puts its data in a card, user content as plain text only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from nicegui import ui

from domain.widgets.builtin.foedselsdage import Foedselsdage
from domain.widgets.builtin.links import Links
from domain.widgets.builtin.madplan import Madplan
from domain.widgets.builtin.ugeplan import Ugeplan
from ui.i18n import t


@contextmanager
def widget_card(name: str) -> Iterator[None]:
    """The card a built-in widget sits in, with its title."""
    with ui.card().classes("w-full gap-2").mark(f"widget-{name}"):
        ui.label(t(f"widget.{name}.title")).classes("text-subtitle1 text-weight-medium")
        yield


def empty(message_key: str) -> None:
    """What a widget says when it has nothing to show."""
    ui.label(t(message_key)).classes("text-grey-7 text-body2")


def weekday(index: int) -> str:
    """Monday (0) to Sunday (6) in the user's language."""
    return t(f"widget.weekday.{index}")


def render_ugeplan(data: Ugeplan) -> None:
    """Each group's plan for the week; the text exactly as written, never as HTML."""
    with widget_card("ugeplan"):
        ui.label(t("widget.ugeplan.week", week=data.week)).classes("text-caption text-grey-8")
        if not data.plans:
            empty("widget.ugeplan.no_groups")
        for plan in data.plans:
            with ui.column().classes("w-full gap-0").mark(f"ugeplan-{plan.group_id}"):
                heading = f"{plan.child_name} · {plan.group_name}" if plan.child_name else plan.group_name
                ui.label(heading).classes("text-weight-medium")
                if plan.text:
                    ui.label(plan.text).classes("text-body2").style("white-space: pre-line")
                else:
                    empty("widget.ugeplan.empty")


def render_madplan(data: Madplan) -> None:
    """The week's menu per institution, today's line highlighted."""
    with widget_card("madplan"):
        if not data.menus:
            empty("widget.madplan.none")
        for menu in data.menus:
            ui.label(menu.institution_name).classes("text-weight-medium")
            if not menu.written:
                empty("widget.madplan.empty")
                continue
            for index, text in enumerate(menu.days):
                today = index == data.today_index
                with ui.row().classes("w-full no-wrap gap-2 q-px-xs rounded-borders"
                                      + (" bg-amber-2 text-weight-medium" if today else "")):
                    ui.label(weekday(index)).classes("text-body2 text-grey-8 w-20 shrink-0")
                    ui.label(text or "—").classes("text-body2")
                    if today:
                        ui.badge(t("widget.madplan.today"), color="secondary").mark("today")


def render_foedselsdage(data: Foedselsdage) -> None:
    """This week's birthdays: first name, new age and weekday."""
    with widget_card("foedselsdage"):
        if not data.birthdays:
            empty("widget.foedselsdage.empty")
        for birthday in data.birthdays:
            with ui.row().classes("items-center no-wrap gap-2"):
                ui.icon("cake", color="secondary" if birthday.is_today else "grey-6")
                ui.label(t("widget.foedselsdage.line", name=birthday.first_name, age=birthday.age))
                ui.label(weekday(birthday.weekday)).classes("text-caption text-grey-8")
                if birthday.is_today:
                    ui.badge(t("widget.foedselsdage.today"), color="secondary")


def render_links(data: Links) -> None:
    """The admin's links, each opening in a new tab."""
    with widget_card("links"):
        if not data.links:
            empty("widget.links.empty")
        for link in data.links:
            ui.link(link.title, link.url, new_tab=True).classes("text-body2")


RENDERERS: dict[str, Callable[[Any], None]] = {
    "ugeplan": render_ugeplan,
    "madplan": render_madplan,
    "foedselsdage": render_foedselsdage,
    "links": render_links,
}
