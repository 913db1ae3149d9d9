"""GET /kontaktfoto/{person_id}: a guardian picture for a viewer the policy allows, or a paired wall screen."""

from __future__ import annotations

from datetime import datetime

from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from domain.clock import today_local
from domain.contacts import lists
from domain.presence import kiosk
from ui.error_pages import Id
from ui.picture_route import Found, serve_picture


async def picture(request: Request, person_id: int) -> Response:
    """The picture file, or 404 (no picture, not shared and no access answer alike)."""

    async def for_screen(token: str, now: datetime) -> Found:
        device = await kiosk.device_for(token, now=now)
        return await lists.fetch_picture_for_screen(device.institution_id, person_id, today_local(now))

    return await serve_picture(
        request, lambda actor, now: lists.fetch_picture(actor, person_id, today_local(now)), for_screen)


def register() -> None:
    """Add the route."""

    @app.get("/kontaktfoto/{person_id}")
    async def contact_picture_route(request: Request, person_id: Id) -> Response:
        return await picture(request, person_id)
