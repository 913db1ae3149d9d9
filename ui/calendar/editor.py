"""The event editor: what, for whom, when (Danish pickers), repeat, invitations, reminder, private."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time
from typing import Any

from nicegui import ui

from domain.calendar import service
from domain.calendar import views as calendar_views
from domain.calendar.model import EventDetail
from domain.clock import COPENHAGEN, today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor, Role
from domain.organisation.service import staff_overview
from ui.components import refuse, section_heading
from ui.dates import checked_range, date_input
from ui.i18n import error_text, t
from ui.presence.parent_parts import time_input

Saved = Callable[[], Awaitable[None]]
ME = "person"
REMINDERS = {0: "cal.reminder.none", 60: "cal.reminder.60", 1440: "cal.reminder.1440"}


async def places_for(actor: Actor) -> dict[str, str]:
    """Where the actor may put an event: their own calendar, their groups and houses, the kommune for admins."""
    places = {ME: t("cal.field.for_me")}
    if actor.role in (Role.STAFF, Role.LEADER) and actor.staff_institutions:
        for summary in await staff_overview(actor, today_local()):
            if actor.role is Role.LEADER and summary.institution.id in actor.leader_institutions:
                places[f"institution:{summary.institution.id}"] = summary.institution.name
            for group in summary.groups:
                places[f"group:{group.id}"] = f"{group.name} · {summary.institution.name}"
    if actor.role is Role.ADMIN:
        places["municipality"] = t("cal.field.municipality")
    return places


def place_key(detail: EventDetail) -> str:
    """The select key of an existing event's place."""
    if detail.scope == "group":
        return f"group:{detail.group_id}"
    if detail.scope == "institution":
        return f"institution:{detail.institution_id}"
    return "municipality" if detail.scope == "municipality" else ME


def scope_of(key: str) -> dict[str, Any]:
    """The service's scope arguments for a select key."""
    kind, _, ident = key.partition(":")
    if kind == "group":
        return {"scope": "group", "group_id": int(ident)}
    if kind == "institution":
        return {"scope": "institution", "institution_id": int(ident)}
    return {"scope": kind}


def parse_time(value: str | None) -> time | None:
    """"HH:MM" as a time (None when it is not one)."""
    try:
        return time.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _local(moment: datetime) -> datetime:
    return moment.astimezone(COPENHAGEN)


class Editor:
    """One open editor dialog (per client)."""

    def __init__(self, actor: Actor, detail: EventDetail | None, day: date, places: dict[str, str],
                 on_saved: Saved) -> None:
        self.actor, self.detail, self.day, self.places, self.on_saved = actor, detail, day, places, on_saved
        self.dialog = ui.dialog().props("persistent")

    def build(self) -> ui.dialog:
        """Every field, filled in from the event when editing."""
        d = self.detail
        start = _local(d.starts_at) if d else datetime.combine(self.day, time(14, 0))
        end = _local(d.ends_at) if d else datetime.combine(self.day, time(15, 0))
        last_day = (end.date() if not d or not d.all_day else (_local(d.ends_at).date().fromordinal(
            _local(d.ends_at).date().toordinal() - 1)))
        heading = t("cal.editor.edit" if d else "cal.editor.new")
        self.dialog.props["aria-label"] = heading
        with self.dialog, ui.card().classes("w-full q-pa-md gap-2").style("max-width:600px").mark("cal-editor"):
            section_heading(heading)
            self.title = ui.input(t("cal.field.title"), value=d.title if d else "").props(
                "outlined dense maxlength=200").classes("w-full").mark("cal-field-title")
            self.where = ui.select(self.places, value=place_key(d) if d and place_key(d) in self.places else ME,
                                   label=t("cal.field.for")).props("outlined dense").classes("w-full").mark(
                "cal-field-for")
            self.all_day = ui.switch(t("cal.field.all_day"), value=bool(d and d.all_day)).mark("cal-field-all-day")
            with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
                self.first = date_input(t("cal.field.day"), start.date(), "cal-field-day").classes("w-full")
                self.last = date_input(t("cal.field.last_day"), last_day, "cal-field-last-day").classes("w-full")
                self.last.bind_visibility_from(self.all_day, "value")
            with ui.element("div").classes("grid grid-cols-2 gap-2 w-full") as times:
                self.start = time_input(t("cal.field.start"), f"{start:%H:%M}", "cal-field-start")
                self.end = time_input(t("cal.field.end"), f"{end:%H:%M}", "cal-field-end")
            times.bind_visibility_from(self.all_day, "value", backward=lambda v: not v)
            self.place = ui.input(t("cal.field.place"), value=d.place if d else "").props(
                "outlined dense maxlength=200").classes("w-full").mark("cal-field-place")
            self.description = ui.textarea(t("cal.field.description"), value=d.description if d else "").props(
                "outlined dense autogrow maxlength=5000").classes("w-full").mark("cal-field-description")
            repeats = {"": t("cal.field.repeat_none"), "weekly": t("cal.repeat.weekly"),
                       "biweekly": t("cal.repeat.biweekly")}
            with ui.element("div").classes("grid grid-cols-2 gap-2 w-full"):
                self.repeat = ui.select(repeats, value=d.repeat if d else "", label=t("cal.field.repeat")).props(
                    "outlined dense").classes("w-full").mark("cal-field-repeat")
                until = d.repeat_until if d and d.repeat_until else start.date().replace(
                    month=6, day=30, year=start.year + (1 if start.month > 6 else 0))
                self.until = date_input(t("cal.field.repeat_until"), until, "cal-field-until").classes("w-full")
                self.until.bind_visibility_from(self.repeat, "value", backward=bool)
            self.invite = ui.switch(t("cal.field.invite"), value=bool(d and d.invite)).mark("cal-field-invite")
            self.invite.bind_visibility_from(self.where, "value", backward=lambda v: str(v).startswith(
                ("group:", "institution:")))
            reminders = {k: t(v) for k, v in REMINDERS.items()}
            minutes = d.reminder_minutes if d and d.reminder_minutes in REMINDERS else 0
            self.reminder = ui.select(reminders, value=minutes, label=t("cal.field.reminder")).props(
                "outlined dense").classes("w-full").mark("cal-field-reminder")
            self.private = ui.switch(t("cal.field.private"), value=bool(d and d.private)).mark("cal-field-private")
            self.error = ui.label("").classes("text-negative text-weight-medium").mark("cal-editor-error")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("common.cancel"), on_click=self.dialog.close).props("flat no-caps").mark(
                    "cal-editor-cancel")
                ui.button(t("common.save"), icon="save", on_click=self.save).props("no-caps").mark("cal-editor-save")
        self.dialog.on("hide", self.dialog.delete)
        return self.dialog

    def values(self) -> dict[str, Any] | None:
        """The service's arguments, or None (and a message) when a date or time cannot be read."""
        days = checked_range(self.first, self.last) if self.all_day.value else None
        first, last = days if days else (self.first.checked(), None)
        start, end = parse_time(self.start.value), parse_time(self.end.value)
        repeat = str(self.repeat.value or "")
        until = self.until.checked() if repeat else None
        all_day = bool(self.all_day.value)
        if first is None or (all_day and last is None) or (not all_day and (start is None or end is None)) or (
                repeat and until is None):
            self.error.set_text(t("cal.editor.bad_input"))
            return None
        begin = datetime.combine(first, time()) if all_day else datetime.combine(first, start or time())
        finish = datetime.combine(last or first, time()) if all_day else datetime.combine(first, end or time())
        where = str(self.where.value or ME)
        minutes = int(self.reminder.value or 0)
        return {**scope_of(where), "title": str(self.title.value or ""), "description": str(
            self.description.value or ""), "place": str(self.place.value or ""), "all_day": all_day,
            "start": begin, "end": finish, "repeat": repeat, "repeat_until": until,
            "invite": bool(self.invite.value) and where.startswith(("group:", "institution:")),
            "reminder_minutes": minutes or None, "private": bool(self.private.value)}

    async def save(self) -> None:
        """Create or change the event; a refusal is said in Danish and nothing is stored."""
        values = self.values()
        if values is None:
            return
        try:
            if self.detail is None:
                await service.do_create_event(self.actor, **values, now=utcnow())
            else:
                await service.do_update_event(self.actor, self.detail.event_id, **values, now=utcnow())
        except DomainError as error:
            self.error.set_text(error_text(error))
            refuse(error)
            return
        ui.notify(t("cal.editor.saved"), type="positive")
        self.dialog.close()
        await self.on_saved()


async def open_editor(actor: Actor, event_id: int | None, day: date, *, on_saved: Saved) -> None:
    """Open the editor for a new event on a day, or for an existing one."""
    try:
        detail = await calendar_views.event_detail(actor, event_id) if event_id is not None else None
        places = await places_for(actor)
    except DomainError as error:
        refuse(error)
        return
    Editor(actor, detail, day, places, on_saved).build().open()
