"""ICS downloads: one event for a signed-in reader, and a person's private feed by its secret token."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from auth.session import actor_or_redirect
from domain.calendar import feeds, ics
from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from ui.i18n import t

CALENDAR_TYPE = "text/calendar; charset=utf-8"
HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


async def event_download(request: Request, event_id: int) -> Response:
    """One event as an .ics file for someone who may see it; 403 or 404 with a Danish text otherwise."""
    actor = await actor_or_redirect(request)
    if isinstance(actor, RedirectResponse):
        return actor
    try:
        body = await ics.event_ics(actor, event_id, now=utcnow())
    except AccessDenied:
        return PlainTextResponse(t("cal.ics.refused"), status_code=403)
    except DomainError:
        return PlainTextResponse(t("cal.ics.missing"), status_code=404)
    disposition = f'attachment; filename="begivenhed-{event_id}.ics"'
    return Response(body, media_type=CALENDAR_TYPE, headers={**HEADERS, "Content-Disposition": disposition})


async def feed_download(token: str) -> Response:
    """The private feed; an unknown or stopped token is a bare 404 that tells nothing."""
    try:
        body = await feeds.feed_ics(token, now=utcnow())
    except DomainError:
        return Response(status_code=404)
    return Response(body, media_type=CALENDAR_TYPE, headers=HEADERS)
