"""GET /kontaktfoto/{person_id}: a guardian picture for a viewer the policy allows, or a paired wall screen."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from nicegui import app

from auth.session import actor_or_redirect, session_data
from domain.clock import today_local, utcnow
from domain.contacts import lists
from domain.errors import DomainError
from domain.presence import kiosk
from ui.error_pages import Id
from ui.presence.kiosk import STORAGE_KEY as WALL_SCREEN_KEY

HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"}


def _not_found() -> Response:
    # One answer for no picture, not shared and no access, so the answer reveals nothing about the person.
    return PlainTextResponse("Ikke fundet", status_code=404, headers={"X-Content-Type-Options": "nosniff"})


async def picture(request: Request, person_id: int) -> Response:
    """The picture file, or 404."""
    now = utcnow()
    try:
        if session_data() is not None:
            actor = await actor_or_redirect(request)
            if isinstance(actor, RedirectResponse):
                return _not_found()
            path, kind = await lists.fetch_picture(actor, person_id, today_local(now))
        else:
            token = str(app.storage.user.get(WALL_SCREEN_KEY, ""))
            if not token:
                return _not_found()
            device = await kiosk.device_for(token, now=now)
            path, kind = await lists.fetch_picture_for_screen(device.institution_id, person_id, today_local(now))
    except DomainError:
        return _not_found()
    return FileResponse(path, media_type=kind, headers=HEADERS)



def register() -> None:
    """Add the route."""

    @app.get("/kontaktfoto/{person_id}")
    async def contact_picture_route(request: Request, person_id: Id) -> Response:
        return await picture(request, person_id)
