"""The way from a child's page to its stamkort, for those who may read it."""

from __future__ import annotations

from nicegui import ui

from domain.clock import today_local
from domain.identity.model import Actor
from domain.stamkort import service
from ui.i18n import t

LINK = "no-underline text-inherit"


async def stamkort_link(actor: Actor, child_id: int) -> None:
    """A card-sized link to /barn/{child_id}/stamkort, or nothing."""
    if not await service.may_read(actor, child_id, today_local()):
        return
    with ui.link(target=f"/barn/{int(child_id)}/stamkort").classes(f"w-full {LINK}").mark("to-stamkort"):
        with ui.card().classes("w-full q-pa-sm").props("flat bordered"):
            with ui.row().classes("items-center no-wrap gap-3"):
                ui.icon("medical_information", color="primary", size="md").props('aria-hidden="true"')
                with ui.column().classes("gap-0"):
                    ui.label(t("stamkort.open")).classes("text-subtitle1 text-weight-medium")
                    ui.label(t("stamkort.open_hint")).classes("text-caption text-grey-8")
