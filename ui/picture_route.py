"""One way to answer a picture request: the file for a viewer the policy allows, else the same 404 for every reason."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from fastapi import Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from nicegui import app

from auth.session import actor_or_redirect, session_data
from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from ui.presence.kiosk import STORAGE_KEY as WALL_SCREEN_KEY

HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"}
Found = tuple[Path, str]  # the file and its media type
ForActor = Callable[[Actor, datetime], Awaitable[Found]]
ForScreen = Callable[[str, datetime], Awaitable[Found]]  # (the wall screen's token, now)


def not_found() -> Response:
    """One answer for no picture, not allowed and not signed in, so the answer reveals nothing about the person."""
    return PlainTextResponse("Ikke fundet", status_code=404, headers={"X-Content-Type-Options": "nosniff"})


async def serve_picture(request: Request, for_actor: ForActor, for_screen: ForScreen) -> Response:
    """The file for the signed-in viewer, or for the paired wall screen of this browser; 404 otherwise."""
    now = utcnow()
    try:
        if session_data() is not None:
            actor = await actor_or_redirect(request)
            if isinstance(actor, RedirectResponse):
                return not_found()
            path, kind = await for_actor(actor, now)
        else:
            token = str(app.storage.user.get(WALL_SCREEN_KEY, ""))
            if not token:
                return not_found()
            path, kind = await for_screen(token, now)
    except DomainError:
        return not_found()
    return FileResponse(path, media_type=kind, headers=HEADERS)
