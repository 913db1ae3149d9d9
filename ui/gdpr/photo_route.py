"""GET /foto/{child_id}: a child's photo for a signed-in viewer or a paired wall screen, only with photo consent."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from domain.gdpr import photos
from domain.presence import kiosk
from ui.error_pages import Id
from ui.picture_route import serve_picture


async def photo(request: Request, child_id: int) -> Response:
    """The photo file, or 404 (no photo, no consent and no access answer alike)."""
    return await serve_picture(
        request, lambda actor, now: photos.fetch_photo(actor, child_id, now=now),
        lambda token, now: kiosk.fetch_photo_for_screen(token, child_id, now=now))


def register() -> None:
    """Add the route."""

    @app.get("/foto/{child_id}")
    async def photo_route(request: Request, child_id: Id) -> Response:
        return await photo(request, child_id)
