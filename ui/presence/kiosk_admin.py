"""The leader's KommeGå settings: opening hours and weekdays, places, the PIN rule, and closing days."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.presence import admin
from domain.presence.model import hhmm
from domain.presence.tiles import Settings
from ui.components import refuse
from ui.dates import date_input, problem
from ui.i18n import error_text, fmt_date, t


class SettingsCard:
    """The settings form of one institution; a refusal is shown in place and what was typed stays."""

    def __init__(self, actor: Actor, settings: Settings) -> None:
        self.actor, self.institution_id = actor, settings.institution_id
        self.places: list[ui.input] = []
        with ui.card().classes("w-full gap-3").mark("presence-settings"):
            ui.label(t("wallscreens.settings")).classes("text-h6")
            with ui.row().classes("gap-4"):
                self.opens = ui.input(t("wallscreens.opens"), value=hhmm(settings.opens_min)).props(
                    "dense outlined mask='##:##'").classes("w-36").mark("settings-opens")
                self.closes = ui.input(t("wallscreens.closes"), value=hhmm(settings.closes_min)).props(
                    "dense outlined mask='##:##'").classes("w-36").mark("settings-closes")
            ui.label(t("wallscreens.weekdays")).classes("text-subtitle2")
            with ui.row().classes("gap-2"):
                self.weekdays = {d: ui.checkbox(t(f"wallscreens.weekday.{d}"), value=d in settings.open_weekdays)
                                 .mark(f"settings-weekday-{d}") for d in range(7)}
            ui.label(t("wallscreens.locations")).classes("text-subtitle2")
            self.place_list = ui.column().classes("w-full gap-1").mark("settings-locations")
            for place in settings.locations:
                self.add_place(place)
            ui.button(t("wallscreens.add_location"), icon="add", on_click=lambda: self.add_place("")).props(
                "flat no-caps").mark("settings-add-location")
            self.pin = ui.switch(t("wallscreens.kiosk_pin"), value=settings.kiosk_pin).mark("settings-pin")
            self.problem = ui.label("").classes("text-negative").mark("settings-error")
            ui.button(t("common.save"), icon="save", on_click=self.save).props("no-caps").mark("settings-save")

    def add_place(self, name: str) -> None:
        """One more row for a place's name."""
        with self.place_list:
            with ui.row().classes("items-center gap-1 no-wrap") as row:
                field = ui.input(t("wallscreens.location"), value=name).props("dense outlined maxlength=60").mark(
                    f"settings-location-{len(self.places)}")
                ui.button(icon="delete", on_click=lambda: self.remove_place(row, field)).props(
                    f'flat round dense aria-label="{t("wallscreens.remove_location")}"').tooltip(
                    t("wallscreens.remove_location"))
        self.places.append(field)

    def remove_place(self, row: ui.row, field: ui.input) -> None:
        """Drop a place's row (saved only with the form)."""
        self.places.remove(field)
        row.delete()

    async def save(self) -> None:
        """Save the form through the domain, which checks every field."""
        try:
            await admin.do_update_settings(
                self.actor, self.institution_id, str(self.opens.value or ""), str(self.closes.value or ""),
                [str(f.value or "") for f in self.places], [d for d, box in self.weekdays.items() if box.value],
                bool(self.pin.value), now=utcnow())
        except DomainError as error:
            self.problem.set_text(error_text(error))
            refuse(error)
            return
        self.problem.set_text("")
        ui.notify(t("wallscreens.saved"), type="positive")


class ClosingDays:
    """The list of closing days with a form to add one and a button to remove each."""

    def __init__(self, actor: Actor, settings: Settings) -> None:
        self.actor, self.institution_id = actor, settings.institution_id
        with ui.card().classes("w-full gap-2").mark("closing-days"):
            ui.label(t("wallscreens.closing_days")).classes("text-h6")
            self.listing = ui.column().classes("w-full gap-1")
            with ui.row().classes("items-start gap-2"):
                self.day = date_input(t("wallscreens.closing_day"), None).mark("closing-day-date")
                self.reason = ui.input(t("wallscreens.reason")).props("dense outlined maxlength=120").classes(
                    "min-w-[16rem]").mark("closing-day-reason")
                ui.button(t("wallscreens.add_closing_day"), icon="event_busy", on_click=self.add).props(
                    "no-caps").mark("closing-day-add")
            self.problem = ui.label("").classes("text-negative").mark("closing-day-error")
        self.draw(settings)

    def draw(self, settings: Settings) -> None:
        """The closing days from today on, earliest first."""
        self.listing.clear()
        today = today_local().isoformat()
        days = sorted((d, r) for d, r in settings.closing_days.items() if d >= today)
        with self.listing:
            if not days:
                ui.label(t("wallscreens.no_closing_days")).classes("text-grey-8")
            for iso, reason in days:
                with ui.row().classes("items-center gap-2").mark(f"closing-day-{iso}"):
                    ui.label(fmt_date(date.fromisoformat(iso))).classes("text-weight-medium")
                    ui.label(reason).classes("text-grey-8")
                    label = t("wallscreens.remove_closing_day", day=fmt_date(date.fromisoformat(iso)))
                    ui.button(icon="delete", on_click=lambda _, d=iso: self.remove(d)).props(
                        f'flat round dense aria-label="{label}"').mark(f"remove-closing-day-{iso}")

    async def add(self) -> None:
        """Add the chosen day (the domain refuses a day in the past)."""
        day = self.day.checked()
        if day is None:
            self.problem.set_text(problem(self.day) or t("wallscreens.bad_date"))
            return
        try:
            settings = await admin.do_add_closing_day(self.actor, self.institution_id, day,
                                                      str(self.reason.value or ""), now=utcnow())
        except DomainError as error:
            self.problem.set_text(error_text(error))
            return
        self.problem.set_text("")
        self.reason.set_value("")
        self.draw(settings)
        ui.notify(t("wallscreens.closing_day_added"), type="positive")

    async def remove(self, iso: str) -> None:
        """Open the institution that day after all."""
        try:
            settings = await admin.do_remove_closing_day(self.actor, self.institution_id, date.fromisoformat(iso),
                                                         now=utcnow())
        except DomainError as error:
            self.problem.set_text(error_text(error))
            return
        self.draw(settings)
        ui.notify(t("wallscreens.closing_day_removed"), type="positive")
