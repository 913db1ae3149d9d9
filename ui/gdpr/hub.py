"""Persondata: the municipal admin's way to the audit search, data exports, retention rules and consent types."""

from __future__ import annotations

from nicegui import ui

from domain import access
from domain.audit import service as audit
from domain.errors import AccessDenied
from domain.identity.model import Actor
from ui.frame import frame, refusal
from ui.guard import SIGNED_IN, page
from ui.i18n import t

SECTIONS = (
    ("gdpr.hub.audit", "gdpr.hub.audit_text", "/kommune/revision", "manage_search"),
    ("gdpr.hub.export", "gdpr.hub.export_text", "/kommune/indsigt", "folder_zip"),
    ("gdpr.hub.retention", "gdpr.hub.retention_text", "/kommune/sletning", "auto_delete"),
    ("gdpr.hub.consents", "gdpr.hub.consents_text", "/kommune/samtykker", "verified_user"),
    ("gdpr.hub.import", "gdpr.hub.import_text", "/kommune/import", "upload_file"),
)


async def _hub(actor: Actor) -> None:
    with frame(actor, t("gdpr.hub.title")):
        try:
            await audit.check(access.can_administer_municipality(actor), actor, "gdpr.hub")
        except AccessDenied:
            refusal("error.access_denied")
            return
        ui.label(t("gdpr.hub.intro")).classes("text-grey-8")
        with ui.element("div").classes("grid grid-cols-1 md:grid-cols-2 gap-3 w-full"):
            for title, text, path, icon in SECTIONS:
                with ui.card().classes("cursor-pointer w-full").on("click", lambda p=path: ui.navigate.to(p)).props(
                        f"data-section={path}"):
                    with ui.row().classes("items-center no-wrap gap-3"):
                        ui.icon(icon, size="md", color="primary")
                        with ui.column().classes("gap-0"):
                            ui.link(t(title), path).classes("text-primary text-subtitle1 text-weight-medium")
                            ui.label(t(text)).classes("text-grey-8")


@page("/kommune/persondata", *SIGNED_IN)
async def gdpr_hub(actor: Actor) -> None:
    """The admin's overview of personal data: export, retention, audit, consents."""
    await _hub(actor)
