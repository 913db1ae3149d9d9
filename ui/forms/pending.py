"""The parent's Overblik cards for forms that still wait for an answer (nothing at all when none wait)."""

from __future__ import annotations

from nicegui import ui

from domain.clock import utcnow
from domain.errors import DomainError
from domain.forms import reading
from domain.identity.model import Actor
from ui.forms.parts import fmt_deadline
from ui.i18n import t


async def pending_forms(actor: Actor) -> None:
    """One compact card per form and child without an answer, each opening the form."""
    try:
        waiting = await reading.pending_for_guardian(actor, utcnow())
    except DomainError:
        return
    if not waiting:
        return
    with ui.column().classes("w-full gap-2").mark("pending-forms"):
        for p in waiting:
            with ui.card().classes("w-full q-pa-sm cursor-pointer bg-amber-1").mark(f"pending-form-{p.form_id}").on(
                    "click", lambda fid=p.form_id: ui.navigate.to(f"/kalender/blanketter/{fid}")):
                with ui.row().classes("items-center no-wrap gap-2"):
                    ui.icon("assignment", color="amber-9", size="sm")
                    ui.link(t("forms.pending.line", title=p.title, child=p.child_first_name,
                              when=fmt_deadline(p.deadline, with_time=False)),
                            f"/kalender/blanketter/{p.form_id}").classes("text-primary text-body2")
