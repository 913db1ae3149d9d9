"""The live logout: an open page whose person loses access leaves for the refusal page at once."""

from __future__ import annotations

from fastapi.responses import RedirectResponse
from nicegui import app, context, ui

from auth.session import end_session
from domain.events import Event
from domain.identity.model import Actor
from ui.live import follow

ENDED_PATH = "/adgang/ophoert"
# Events on a person's topic that take their access away; other kinds on that topic leave the page alone.
REVOKING = frozenset({"PeopleDeactivated", "PeopleAnonymised", "AccessRevoked"})


def follow_own_access(actor: Actor) -> None:
    """Send this page to the refusal page as soon as its own person is deactivated."""
    client = context.client

    def on_event(event: Event) -> None:
        if event.kind in REVOKING:
            with client:
                ui.navigate.to(ENDED_PATH)

    follow(f"person:{actor.person_id}", on_event, client)


def register() -> None:
    """Add the route that ends the session and says why (the page cannot clear the session from a socket)."""

    @app.get(ENDED_PATH, include_in_schema=False)
    async def access_ended() -> RedirectResponse:
        end_session()
        return RedirectResponse("/afvist?reason=login.refused.inactive", status_code=303)
