"""Attachment downloads: the session's actor, an access check on every fetch, and a file that is never sniffed."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response

from auth.session import actor_or_redirect
from domain.errors import AccessDenied, DomainError
from domain.messages import attachments
from ui.i18n import error_text, t

HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


async def download(request: Request, attachment_id: int) -> Response:
    """The file as a download for a reader of its thread; 403 or 404 with a Danish text otherwise."""
    actor = await actor_or_redirect(request)
    if isinstance(actor, RedirectResponse):
        return actor
    try:
        view, path = await attachments.fetch(actor, attachment_id)
    except AccessDenied:
        return PlainTextResponse(t("msg.attach.refused"), status_code=403)
    except DomainError as error:
        return PlainTextResponse(error_text(error), status_code=404)
    return FileResponse(path, media_type=view.content_type, filename=view.filename,
                        content_disposition_type="attachment", headers=HEADERS)
