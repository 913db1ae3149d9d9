"""GET /foto/{child_id}: a child's photo for a signed-in viewer or a paired wall screen, only with photo consent."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from nicegui import app

from auth.session import actor_or_redirect, session_data
from domain.clock import utcnow
from domain.errors import DomainError
from domain.gdpr import photos
from domain.presence import kiosk
from ui.error_pages import Id
from ui.presence.kiosk import STORAGE_KEY as WALL_SCREEN_KEY

HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"}


def _not_found() -> Response:
    # One answer for no photo, no consent and no access, so the answer reveals nothing about the child.
    return PlainTextResponse("Ikke fundet", status_code=404, headers={"X-Content-Type-Options": "nosniff"})


async def photo(request: Request, child_id: int) -> Response:
    """The photo file, or 404."""
    now = utcnow()
    try:
        if session_data() is not None:
            actor = await actor_or_redirect(request)
            if isinstance(actor, RedirectResponse):
                return _not_found()
            path, kind = await photos.fetch_photo(actor, child_id, now=now)
        else:
            token = str(app.storage.user.get(WALL_SCREEN_KEY, ""))
            if not token:
                return _not_found()
            path, kind = await kiosk.fetch_photo_for_screen(token, child_id, now=now)
    except DomainError:
        return _not_found()
    return FileResponse(path, media_type=kind, headers=HEADERS)


def register() -> None:
    """Add the route."""

    @app.get("/foto/{child_id}")
    async def photo_route(request: Request, child_id: Id) -> Response:
        return await photo(request, child_id)
