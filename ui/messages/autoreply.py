"""The staff auto-reply: a date range and a text, set or cleared, with the domain's refusals shown."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages import autoreply
from ui.components import refuse
from ui.dates import date_input, problem
from ui.i18n import fmt_date, t


async def autoreply_form(actor: Actor) -> None:
    """The current auto-reply, and a form to set or clear it."""
    current = await autoreply.auto_reply_of(actor)

    @ui.refreshable
    def state() -> None:
        if current is None:
            ui.label(t("msg.auto.none")).classes("text-grey-8").mark("auto-state")
        else:
            ui.label(t("msg.auto.active", start=fmt_date(current[0]), end=fmt_date(current[1]))).classes(
                "text-weight-medium").mark("auto-state")

    async def save() -> None:
        nonlocal current
        start, end = start_field.checked(), end_field.checked()
        if start is None or end is None:
            ui.notify(problem(start_field, end_field) or t("msg.auto.bad_date"), type="negative")
            return
        try:
            await autoreply.do_set_auto_reply(actor, first_day=start, last_day=end, text=str(text.value or ""),
                                              now=utcnow())
            current = await autoreply.auto_reply_of(actor)
        except DomainError as error:
            refuse(error)
            return
        ui.notify(t("msg.auto.saved"), type="positive")
        state.refresh()

    async def clear() -> None:
        nonlocal current
        try:
            await autoreply.do_clear_auto_reply(actor, now=utcnow())
        except DomainError as error:
            refuse(error)
            return
        current = None
        ui.notify(t("msg.auto.cleared"), type="positive")
        state.refresh()

    with ui.card().classes("w-full max-w-screen-sm").props("flat bordered").mark("autoreply"):
        ui.label(t("msg.auto.intro")).classes("text-body2")
        state()
        today = today_local()
        with ui.row().classes("w-full gap-2"):
            start_field = date_input(t("msg.auto.from"), current[0] if current else today).mark("auto-start")
            end_field = date_input(t("msg.auto.until"), current[1] if current else today).mark("auto-end")
        text = ui.textarea(t("msg.auto.text"), value=current[2] if current else "").props(
            "outlined autogrow").classes("w-full").mark("auto-text")
        with ui.row().classes("gap-2"):
            ui.button(t("msg.auto.save"), icon="event_busy", on_click=save).props("no-caps").mark("auto-save")
            ui.button(t("msg.auto.clear"), on_click=clear).props("flat no-caps").mark("auto-clear")
