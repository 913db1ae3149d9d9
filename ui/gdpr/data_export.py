"""Indsigt: the admin takes out a person's data as a ZIP, and the route that serves it (also for oneself)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from nicegui import app, ui

from auth.session import actor_or_redirect
from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.gdpr import audit_search
from domain.gdpr.export import build_export
from domain.identity.model import Actor
from ui.error_pages import Id
from ui.frame import frame, refusal
from ui.gdpr.audit_search import PersonPicker
from ui.guard import SIGNED_IN, page
from ui.i18n import error_text, t

HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


def export_url(person_id: int) -> str:
    """Where a person's ZIP is served."""
    return f"/indsigt/{person_id}.zip"


def confirm_download(person_id: int, name: str) -> None:
    """Ask first, and say that the download is logged."""
    with ui.dialog() as dialog, ui.card().mark("export-dialog"):
        ui.label(t("export.confirm", name=name)).classes("text-subtitle1 text-weight-medium")
        ui.label(t("export.confirm_text")).classes("text-grey-8")
        with ui.row().classes("w-full justify-end"):
            ui.button(t("common.cancel"), on_click=dialog.close).props("flat no-caps")

            def go() -> None:
                dialog.close()
                ui.download.from_url(export_url(person_id))

            ui.button(t("export.confirm_ok"), icon="download", on_click=go).props("no-caps").mark("export-confirm")
    dialog.open()


async def _page(actor: Actor) -> None:
    with frame(actor, t("export.title")):
        try:
            await audit_search.check_admin(actor, "gdpr.export")
        except AccessDenied:
            refusal("error.access_denied")
            return
        ui.label(t("export.intro")).classes("text-grey-8")
        with ui.card().classes("w-full gap-3"):
            button: ui.button | None = None

            def changed() -> None:
                if button is not None:
                    button.enabled = picker.person_id is not None

            picker = PersonPicker(actor, "audit.person", "export-person", on_change=changed)
            button = ui.button(t("export.download"), icon="folder_zip", on_click=lambda: confirm_download(
                picker.person_id or 0, picker.name)).props("no-caps").mark("export-download")
            button.enabled = False


async def _zip(request: Request, person_id: int) -> Response:
    actor = await actor_or_redirect(request)
    if isinstance(actor, RedirectResponse):
        return actor
    try:
        body = await build_export(actor, person_id, now=utcnow())
    except AccessDenied:
        return PlainTextResponse(t("export.refused"), status_code=403)
    except DomainError as error:
        return PlainTextResponse(error_text(error), status_code=404)
    return Response(body, media_type="application/zip", headers={
        **HEADERS, "Content-Disposition": f'attachment; filename="sammen-indsigt-{person_id}.zip"'})


def register() -> None:
    """Add /kommune/indsigt and the ZIP download /indsigt/{person_id}.zip."""

    @app.get("/indsigt/{person_id}.zip")
    async def zip_route(request: Request, person_id: Id) -> Response:
        return await _zip(request, person_id)


@page("/kommune/indsigt", *SIGNED_IN)
async def export_route(actor: Actor) -> None:
    """The admin's data export of one person (indsigt)."""
    await _page(actor)
