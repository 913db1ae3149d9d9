"""The live logout: an open page whose person loses access leaves for the refusal page at once."""

from __future__ import annotations

from fastapi.responses import RedirectResponse
from nicegui import app, context, ui

from auth.session import end_session
from domain.events import Event
from domain.identity.model import Actor, person_topic
from domain.provisioning.model import PeopleDeactivated
from ui.live import follow

ENDED_PATH = "/adgang/ophoert"


def follow_own_access(actor: Actor) -> None:
    """Send this page to the refusal page as soon as its own person is deactivated."""
    client = context.client

    def on_event(event: Event) -> None:
        # Other events on a person's topic leave the page alone; a future one opts in with revokes_access.
        if isinstance(event, PeopleDeactivated) or getattr(event, "revokes_access", False):
            with client:
                ui.navigate.to(ENDED_PATH)

    follow(person_topic(actor.person_id), on_event, client)


def register() -> None:
    """Add the route that ends the session and says why (the page cannot clear the session from a socket)."""

    @app.get(ENDED_PATH, include_in_schema=False)
    async def access_ended() -> RedirectResponse:
        end_session()
        return RedirectResponse("/afvist?reason=login.refused.inactive", status_code=303)
