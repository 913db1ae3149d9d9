"""GET /galleri/foto/{photo_id}/{size}: one photo's file (thumb, display, original), after the access check."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from nicegui import app

from auth.session import actor_or_redirect, session_data
from domain.clock import today_local, utcnow
from domain.errors import DomainError
from domain.gallery.model import SIZES
from domain.gallery.reading import fetch_photo
from ui.error_pages import Id

# Private: a shared cache never keeps a child's photo; the browser may, briefly, while the page scrolls.
HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"}


def photo_url(photo_id: int, size: str) -> str:
    """The address of one size of a photo."""
    return f"/galleri/foto/{int(photo_id)}/{size}"


def _not_found() -> Response:
    # One answer for no photo, not shown and no access, so the answer reveals nothing.
    return PlainTextResponse("Ikke fundet", status_code=404, headers={"X-Content-Type-Options": "nosniff"})


async def photo_file(request: Request, photo_id: int, size: str) -> Response:
    """The file, checked again for every request (a withdrawn consent or a removed photo ends it at once)."""
    if size not in SIZES or session_data() is None:
        return _not_found()
    now = utcnow()
    try:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return _not_found()
        path, kind, download_name = await fetch_photo(actor, photo_id, size, today_local(now), now)
    except DomainError:
        return _not_found()
    if size == "original":
        return FileResponse(path, media_type=kind, filename=download_name, headers=HEADERS)
    return FileResponse(path, media_type=kind, headers=HEADERS)


def register() -> None:
    """Add the route."""

    @app.get("/galleri/foto/{photo_id}/{size}")
    async def gallery_photo_route(request: Request, photo_id: Id, size: str) -> Response:
        return await photo_file(request, photo_id, size)
