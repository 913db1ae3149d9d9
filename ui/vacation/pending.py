"""Overblik cards for a guardian: vacation requests still waiting for an answer (nothing when none wait)."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.vacation.queries import pending_for_guardian
from ui.i18n import t
from ui.vacation.format import deadline_day, names_text, short_date, weeks_text


async def pending_vacation(actor: Actor) -> None:
    """One compact card per open request where some of the guardian's children still lack answers."""
    for item in await pending_for_guardian(actor, utcnow()):
        if not item.waiting:
            continue
        text = t("vacation.pending", names=names_text(item.waiting), weeks=weeks_text(item.first_day, item.last_day),
                 deadline=short_date(deadline_day(item.deadline)))
        with ui.card().classes("w-full q-pa-sm bg-orange-1").mark(f"vacation-pending-{item.request_id}"):
            with ui.row().classes("items-center no-wrap w-full gap-2"):
                ui.icon("beach_access", color="orange-8", size="sm")
                ui.label(text).classes("text-body2 col")
                ui.button(t("vacation.answer_now"), on_click=lambda i=item.request_id: ui.navigate.to(
                    f"/kalender/ferie/{i}")).props("flat dense no-caps color=primary").mark(
                    f"vacation-answer-{item.request_id}")
