"""A guardian's answer for one child: per open day "Kommer" or "Holder fri", optional times, quick buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.presence.model import hhmm
from domain.vacation.model import ChildForm, DayAnswer, DayView
from domain.vacation.service import do_answer
from ui.components import refuse, section_heading
from ui.i18n import t
from ui.presence.parent_parts import time_input
from ui.vacation.format import day_label

COMES, AWAY = "kommer", "fri"


@dataclass
class DayRow:
    """The inputs of one open day."""

    choice: ui.toggle
    times: ui.row
    arrival: ui.input
    pickup: ui.input


class ChildAnswers:
    """The card where a guardian answers the days of one request for one child (per client)."""

    def __init__(self, actor: Actor, request_id: int, form: ChildForm, editable: bool) -> None:
        self.actor, self.request_id, self.form = actor, request_id, form
        self.rows: dict[date, DayRow] = {}
        self.answered = {d.day for d in form.days if d.answer is not None and not d.closed}
        cid = form.child_id
        with ui.card().classes("w-full q-pa-sm").mark(f"vacation-child-{cid}"):
            section_heading(form.first_name)
            ui.label(t("vacation.hours", place=form.institution_name, opens=form.opens, closes=form.closes)) \
                .classes("text-caption text-grey-8")
            self.progress = ui.label("").classes("text-caption").mark(f"vacation-progress-{cid}")
            self._progress()
            if editable:
                with ui.row().classes("gap-2"):
                    ui.button(t("vacation.all_away"), icon="beach_access", on_click=self.all_away).props(
                        "outline dense no-caps").mark(f"vacation-all-away-{cid}")
                    ui.button(t("vacation.all_normal"), icon="event_available", on_click=self.all_normal).props(
                        "outline dense no-caps").mark(f"vacation-all-normal-{cid}")
            with ui.column().classes("w-full gap-1"):
                for view in form.days:
                    self._day(view, editable)
            if editable:
                ui.button(t("vacation.send"), icon="send", on_click=self.send).props("no-caps").classes(
                    "w-full").mark(f"vacation-send-{cid}")

    def _progress(self) -> None:
        self.progress.set_text(t("vacation.progress", n=len(self.answered), total=len(self.form.open_days)))

    def _day(self, view: DayView, editable: bool) -> None:
        cid, iso = self.form.child_id, view.day.isoformat()
        with ui.row().classes("items-center no-wrap w-full gap-2 q-py-xs").style(
                "border-bottom: 1px solid #eee").mark(f"vacation-day-{cid}-{iso}"):
            ui.label(day_label(view.day)).classes("text-body2").style("min-width: 5.5em")
            if view.closed:
                ui.label(t("vacation.closed_day")).classes("text-grey-6 text-italic")
                return
            answer = view.answer
            value = None if answer is None else COMES if answer.comes else AWAY
            choice = ui.toggle({COMES: t("vacation.comes"), AWAY: t("vacation.away")}, value=value).props(
                "dense no-caps toggle-color=primary").mark(f"vacation-choice-{cid}-{iso}")
        with ui.row().classes("w-full no-wrap gap-2 q-pl-md") as times:
            with ui.element("div").classes("col"):
                arrival = time_input(t("vacation.arrival"), hhmm(answer.arrival_min) if answer else "",
                                     f"vacation-arrival-{cid}-{iso}")
            with ui.element("div").classes("col"):
                pickup = time_input(t("vacation.pickup"), hhmm(answer.pickup_min) if answer else "",
                                    f"vacation-pickup-{cid}-{iso}")
        times.set_visibility(value == COMES)
        choice.on_value_change(lambda e, row=times: row.set_visibility(e.value == COMES))
        if not editable:
            for element in (choice, arrival, pickup):
                element.disable()
        self.rows[view.day] = DayRow(choice, times, arrival, pickup)

    def all_away(self) -> None:
        """Every open day off."""
        for row in self.rows.values():
            row.choice.set_value(AWAY)

    def all_normal(self) -> None:
        """Every open day as usual: comes, times from the standard week."""
        for row in self.rows.values():
            row.choice.set_value(COMES)
            row.arrival.set_value("")
            row.pickup.set_value("")

    def answers(self) -> dict[date, DayAnswer]:
        """The days with a choice, as the domain takes them."""
        out = {}
        for day, row in self.rows.items():
            if row.choice.value == AWAY:
                out[day] = DayAnswer(comes=False)
            elif row.choice.value == COMES:
                out[day] = DayAnswer(True, str(row.arrival.value or "").strip(), str(row.pickup.value or "").strip())
        return out

    async def send(self) -> None:
        """Save the answers; a refusal says why and nothing is changed."""
        days = self.answers()
        if not days:
            ui.notify(t("vacation.pick_days", name=self.form.first_name), type="warning")
            return
        try:
            await do_answer(self.actor, request_id=self.request_id, child_id=self.form.child_id, days=days,
                            now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        self.answered |= days.keys()
        self._progress()
        ui.notify(t("vacation.saved"), type="positive")
