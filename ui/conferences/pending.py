"""The parent's Overblik cards: a round where a child still needs a conference slot (nothing when none waits)."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.conferences import queries
from domain.identity.model import Actor
from ui.conferences.format import deadline
from ui.i18n import t


async def pending_conferences(actor: Actor) -> None:
    """One compact card per child and round still to book, linking to the booking page."""
    for item in await queries.pending_for_guardian(actor, now=utcnow()):
        target = f"/kalender/samtaler/{item.round_id}"
        with ui.card().classes("w-full q-pa-sm cursor-pointer bg-amber-1").props(
                f"data-conference-pending={item.round_id}").on("click", lambda _e, to=target: ui.navigate.to(to)):
            with ui.row().classes("items-center no-wrap gap-2 w-full"):
                ui.icon("event_available", color="primary", size="sm")
                with ui.column().classes("gap-0 min-w-0 col"):
                    ui.label(t("conferences.pending", child=item.child_first_name,
                               when=deadline(item.booking_deadline))).classes("text-body2 text-weight-medium")
                    ui.label(item.title).classes("text-caption text-grey-8 ellipsis")
                ui.button(t("conferences.book_now"), on_click=lambda _e, to=target: ui.navigate.to(to)).props(
                    "flat dense no-caps color=primary").mark(f"pending-conference-{item.round_id}-{item.child_id}")
