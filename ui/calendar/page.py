"""/kalender: month, week, day and agenda views, filters per child and institution, live; and the ICS routes."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import Response
from nicegui import app, ui

from domain.calendar import views as calendar_views
from domain.calendar.facts import calendar_reach, target
from domain.calendar.model import (
    CalendarItem,
    Scope,
    calendar_group_topic,
    calendar_institution_topic,
    calendar_municipality_topic,
    calendar_person_topic,
)
from domain.clock import COPENHAGEN, today_local
from domain.events import Event
from domain.identity.model import Actor, Role
from domain.ids import parse_id
from domain.organisation.children import children_of_guardian
from domain.settings import Settings
from ui.calendar.dialog import open_event
from ui.calendar.editor import open_editor
from ui.calendar.feed import feed_dialog
from ui.calendar.format import VIEWS, period, period_text, step
from ui.calendar.ics import event_download, feed_download
from ui.calendar.views import agenda, day_lists, month_grid
from ui.components import toggle_chip
from ui.error_pages import Id
from ui.frame import frame, load_or_refuse
from ui.guard import page
from ui.i18n import t
from ui.live import follow
from ui.presence.absence_family import absence_items

CALENDAR_ROLES = frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.CHILD, Role.ADMIN})
PHONE_ROLES = frozenset({Role.PARENT, Role.CHILD})
VIEW_KEY = "calendar_view"
LINKS = (("cal.link.conferences", "/kalender/samtaler", "forum"), ("cal.link.forms", "/kalender/blanketter",
         "assignment"), ("cal.link.vacation", "/kalender/ferie", "beach_access"))


def remembered_view(actor: Actor) -> str:
    """The view this browser chose last, else agenda on the phone roles and week for staff."""
    chosen = app.storage.user.get(VIEW_KEY, {}).get(actor.role.value) if isinstance(
        app.storage.user.get(VIEW_KEY), dict) else None
    if chosen in VIEWS:
        return str(chosen)
    return "agenda" if actor.role in PHONE_ROLES else "week"


def remember_view(actor: Actor, view: str) -> None:
    """Keep the choice per role, so a pædagog who is also a parent gets each default on its own."""
    stored = app.storage.user.get(VIEW_KEY)
    choices = dict(stored) if isinstance(stored, dict) else {}
    choices[actor.role.value] = view
    app.storage.user[VIEW_KEY] = choices


class CalendarPage:
    """One open calendar page (per client): the chosen view and period, filters and the items shown."""

    def __init__(self, actor: Actor, children: dict[int, str], institutions: dict[int, str], public_url: str,
                 day: date | None = None) -> None:
        self.actor, self.public_url = actor, public_url
        self.view = remembered_view(actor)
        self.anchor = day or today_local()  # a notification's link opens the calendar on its event's day
        self.selected: date | None = day if day is not None and self.view == "month" else None
        self.children, self.institutions = children, institutions
        self.child_ids: set[int] = set(children)
        self.institution_ids: set[int] = set(institutions)
        self.items: list[CalendarItem] = []

    async def load(self) -> None:
        """Read the items of the period shown, with the filters applied."""
        first, last = period(self.view, self.anchor)
        self.items = await calendar_views.items_between(
            self.actor, first, last,
            child_ids=set(self.child_ids) if self.children else None,
            institution_ids=set(self.institution_ids) if self.institutions else None)
        if self.actor.role is Role.PARENT:  # the family's own reported absences, read-only ("Oscar: syg")
            extra = await absence_items(self.actor, first, last, set(self.child_ids) if self.children else None)
            self.items = sorted([*self.items, *extra], key=lambda i: (i.starts_at, not i.all_day, i.title, i.key))

    async def build(self) -> None:
        """The header, the links to the other calendar pages, the filters and the view."""
        await self.load()
        self.header()
        with ui.row().classes("w-full items-center gap-1").mark("cal-links"):
            for key, path, icon in LINKS:
                ui.button(t(key), icon=icon, on_click=lambda p=path: ui.navigate.to(p)).props(
                    "outline dense no-caps size=sm").mark(f"cal-link-{path.rsplit('/', 1)[-1]}")
        self.filters()
        self.body()
        self.dialogs = ui.element("div")  # dialogs live outside the view, which redraws under them
        for topic in await calendar_topics(self.actor):
            follow(topic, self.changed)

    def header(self) -> None:
        """View switch, previous/today/next and the period in words."""
        with ui.row().classes("w-full items-center justify-between gap-2"):
            ui.toggle({v: t(f"cal.view.{v}") for v in VIEWS}, value=self.view,
                      on_change=lambda e: self.switch(str(e.value))).props("no-caps dense unelevated").mark(
                "cal-view")
            with ui.row().classes("items-center no-wrap gap-1"):
                ui.button(icon="add", on_click=self.new_event).props(
                    f'round dense unelevated aria-label="{t("cal.new")}"').tooltip(
                    t("cal.new")).mark("cal-new")
                ui.button(icon="event_repeat", on_click=lambda: feed_dialog(self.actor, self.public_url)).props(
                    f'round dense flat aria-label="{t("cal.feed.settings")}"').tooltip(t("cal.feed.title")).mark(
                    "cal-feed")
        with ui.row().classes("w-full items-center no-wrap gap-1"):
            ui.button(icon="chevron_left", on_click=lambda: self.move(-1)).props(
                f'round dense flat aria-label="{t("cal.prev")}"').tooltip(
                t("cal.prev")).mark("cal-prev")
            ui.button(t("cal.today"), on_click=lambda: self.move(0)).props("dense outline no-caps no-wrap").mark(
                "cal-today")
            ui.button(icon="chevron_right", on_click=lambda: self.move(1)).props(
                f'round dense flat aria-label="{t("cal.next")}"').tooltip(
                t("cal.next")).mark("cal-next")
            self.period_label = ui.label(period_text(self.view, self.anchor)).classes(
                "text-lg sm:text-xl text-weight-medium ellipsis min-w-0 q-ml-sm").mark("cal-period")

    def filters(self) -> None:
        """Chips per child and per institution, for guardians of several children."""
        if len(self.children) < 2 and len(self.institutions) < 2:
            return
        with ui.row().classes("w-full items-center gap-1").mark("cal-filters"):
            for child_id, name in self.children.items():
                toggle_chip(name, True, lambda e, c=child_id: self.toggle(self.child_ids, c, e.value),
                            icon="child_care").props("dense outline color=primary").mark(f"cal-child-{child_id}")
            for institution_id, name in self.institutions.items():
                toggle_chip(name, True, lambda e, i=institution_id: self.toggle(self.institution_ids, i, e.value),
                            icon="apartment").props("dense outline color=teal-9").mark(
                    f"cal-institution-{institution_id}")

    @ui.refreshable_method
    def body(self) -> None:
        """The chosen view over the loaded items."""
        first, last = period(self.view, self.anchor)
        if self.view == "month":
            month_grid(self.items, first, last, self.anchor.month, self.selected, self.pick_day, self.open)
        elif self.view == "agenda":
            filtered = self.child_ids != set(self.children) or self.institution_ids != set(self.institutions)
            agenda(self.items, first, last, self.open, t("cal.empty.agenda_filtered" if filtered else
                                                         "cal.empty.agenda"))
        else:
            day_lists(self.items, first, last, self.open)

    async def redraw(self) -> None:
        """Load again and draw the view and the period text."""
        await self.load()
        self.period_label.set_text(period_text(self.view, self.anchor))
        self.body.refresh()

    async def switch(self, view: str) -> None:
        """Another view; the choice is remembered for this browser."""
        if view not in VIEWS or view == self.view:
            return
        self.view = view
        remember_view(self.actor, view)
        await self.redraw()

    async def move(self, direction: int) -> None:
        """One period back or forward, or back to today (0)."""
        self.anchor = step(self.view, self.anchor, direction) if direction else today_local()
        self.selected = None if direction else (self.anchor if self.view == "month" else None)
        await self.redraw()

    async def toggle(self, chosen: set[int], key: int, on: bool) -> None:
        """A filter chip turned on or off."""
        if on:
            chosen.add(key)
        else:
            chosen.discard(key)
        await self.redraw()

    def pick_day(self, day: date) -> None:
        """Tap a day in the month grid: its items show below the grid."""
        self.selected = None if self.selected == day else day
        self.body.refresh()

    async def open(self, item: CalendarItem) -> None:
        """Tap an item: an event opens its dialog; a conference, form or vacation item goes to its page."""
        if item.event_id is not None:
            with self.dialogs:
                await open_event(self.actor, item, on_change=self.redraw, on_edit=self.edit_event)
        elif item.url:
            ui.navigate.to(item.url)

    async def open_linked(self, event_id: int | None) -> None:
        """Open a linked event's dialog, when the actor's calendar shows it in the period loaded (its day first)."""
        if event_id is None:
            return
        shown = [i for i in self.items if i.event_id == event_id]
        on_day = [i for i in shown if i.starts_at.astimezone(COPENHAGEN).date() == self.anchor]
        if on_day or shown:
            await self.open((on_day or shown)[0])

    async def new_event(self) -> None:
        """The editor for a new event on the day in focus."""
        with self.dialogs:
            await open_editor(self.actor, None, self.selected or self.anchor, on_saved=self.redraw)

    async def edit_event(self, event_id: int) -> None:
        """The editor for an existing event (the organiser's)."""
        with self.dialogs:
            await open_editor(self.actor, event_id, self.anchor, on_saved=self.redraw)

    async def changed(self, event: Event) -> None:
        """Something in this calendar's scope changed elsewhere: read the period again."""
        await self.redraw()


async def calendar_topics(actor: Actor) -> list[str]:
    """The topics of every place this actor's calendar reaches, their own and their kommune's."""
    reach = await calendar_reach(actor, today_local())
    me = await target(actor, Scope.PERSON, person_id=None, group_id=None, institution_id=None)
    return [calendar_person_topic(actor.person_id), calendar_municipality_topic(me.municipality_id),
            *(calendar_group_topic(g) for g in sorted(reach.policy.group_ids)),
            *(calendar_institution_topic(i) for i in sorted(reach.policy.institution_ids))]


async def _filters_for(actor: Actor) -> tuple[dict[int, str], dict[int, str]]:
    """A guardian's children and their current institutions, for the filter chips."""
    if actor.role is not Role.PARENT:
        return {}, {}
    today = today_local()
    cards = await children_of_guardian(actor, today)
    children = {c.id: c.first_name for c in cards}
    institutions = {e.institution_id: e.institution_name for c in cards for e in c.current}
    return children, institutions


def register() -> None:
    """Add /kalender and the ICS downloads (one event for a signed-in user; the private feed by token)."""

    @app.get("/kalender/begivenhed/{event_id}.ics")
    async def event_ics_route(request: Request, event_id: Id) -> Response:
        return await event_download(request, event_id)

    @app.get("/kalender/feed/{token}.ics")
    async def feed_route(token: str) -> Response:
        return await feed_download(token)


@page("/kalender", *CALENDAR_ROLES)
async def calendar_route(actor: Actor, settings: Settings, dato: str = "", begivenhed: str = "") -> None:
    """The calendar in the view the person chose last (on `dato`'s day, ISO), with filters for a guardian's children.

    With `begivenhed` (an event id, as a search result links), that event's dialog opens when it is shown that day.
    """
    found = await load_or_refuse(actor, t("error.title"), _filters_for(actor))
    if found is None:
        return
    children, institutions = found
    with frame(actor, t("cal.title")):
        calendar = CalendarPage(actor, children, institutions, settings.public_url, _day(dato))
        await calendar.build()
        await calendar.open_linked(parse_id(begivenhed))  # '²' is a digit to str.isdigit, not to int()


def _day(text: str) -> date | None:
    """The day a link names (2026-12-10), or None when it names none."""
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
