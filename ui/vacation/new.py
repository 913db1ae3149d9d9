"""The staff's form for a new vacation request: title, note, period, deadline and the institutions or groups."""

from __future__ import annotations

from datetime import timedelta

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.vacation.queries import institutions_and_groups_for
from domain.vacation.service import do_create_request
from ui.components import refuse
from ui.dates import checked_range, date_input, problem
from ui.i18n import t
from ui.vacation.format import end_of_day


async def new_request_form(actor: Actor) -> None:
    """An expansion holding the form; on success the browser goes to the new request."""
    institutions, groups = await institutions_and_groups_for(actor)
    first = today_local() + timedelta(days=28)
    with ui.expansion(t("vacation.new"), icon="add").props("duration=0 header-class=text-weight-medium").classes(
            "w-full bg-white rounded-borders shadow-1").mark("vacation-new"):
        title = ui.input(t("vacation.field.title"), placeholder=t("vacation.field.title_hint")).props(
            "outlined dense maxlength=200").classes("w-full").mark("vacation-title")
        note = ui.textarea(t("vacation.field.note")).props("outlined dense autogrow maxlength=2000").classes(
            "w-full").mark("vacation-note")
        with ui.row().classes("w-full no-wrap gap-2"):
            with ui.element("div").classes("col"):
                first_in = date_input(t("vacation.field.first"), first, "vacation-first", past=False).classes("w-full")
            with ui.element("div").classes("col"):
                last_in = date_input(t("vacation.field.last"), first + timedelta(days=11), "vacation-last",
                                     past=False).classes("w-full")
        deadline_in = date_input(t("vacation.field.deadline"), first - timedelta(days=14), "vacation-deadline",
                                 past=False).classes("w-full")
        chosen_institutions = ui.select(dict(institutions), multiple=True, label=t("vacation.field.institutions")) \
            .props("outlined dense use-chips").classes("w-full").mark("vacation-institutions")
        chosen_institutions.set_visibility(bool(institutions))
        chosen_groups = ui.select(dict(groups), multiple=True, label=t("vacation.field.groups")).props(
            "outlined dense use-chips").classes("w-full").mark("vacation-groups")

        async def send() -> None:
            period, deadline = checked_range(first_in, last_in, past=False), deadline_in.checked()
            if period is None or deadline is None:
                ui.notify(problem(first_in, last_in, deadline_in) or t("vacation.field.bad_date"), type="negative")
                return
            first_day, last_day = period
            try:
                request_id = await do_create_request(
                    actor, title=str(title.value or ""), note=str(note.value or ""), first_day=first_day,
                    last_day=last_day, deadline=end_of_day(deadline),
                    institution_ids=[int(i) for i in chosen_institutions.value or []],
                    group_ids=[int(g) for g in chosen_groups.value or []], now=utcnow())
            except DomainError as error:
                refuse(error)
                return
            ui.notify(t("vacation.created"), type="positive")
            ui.navigate.to(f"/kalender/ferie/{request_id}")

        ui.button(t("vacation.send_request"), icon="send", on_click=send).props("no-caps").mark("vacation-create")
