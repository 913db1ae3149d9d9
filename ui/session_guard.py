"""Open pages and their session: a page whose login ended, expired or lost access acts no more and leaves."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from fastapi.responses import RedirectResponse
from nicegui import Client, app, context, events, ui
from nicegui.storage import request_contextvar

from auth.session import SESSION_KEY, end_session, idle_expired, idle_minutes, session_data
from domain.clock import utcnow
from domain.events import Event
from domain.identity.model import Actor, person_topic
from domain.provisioning.model import PeopleDeactivated
from ui.live import follow

log = logging.getLogger(__name__)
ENDED_PATH = "/adgang/ophoert"
SIGNED_IN_PAGE = "sammen_signed_in"  # set in a client's volatile storage when a guarded page was built for it
# Activity on an open page keeps its session alive; writing the time at most once a minute keeps the storage
# (a file or Redis per browser) out of every keystroke.
ACTIVITY_WRITE_EVERY = timedelta(seconds=60)


def follow_own_access(actor: Actor) -> None:
    """Send this page to the refusal page as soon as its own person is deactivated."""
    client = context.client

    def on_event(event: Event) -> None:
        # Other events on a person's topic leave the page alone; a future one opts in with revokes_access.
        if isinstance(event, PeopleDeactivated) or getattr(event, "revokes_access", False):
            with client:
                ui.navigate.to(ENDED_PATH)
        elif getattr(event, "ends_sessions", False):  # "Log ud på alle enheder" (the login is refused from now on)
            with client:
                ui.navigate.to("/login?reason=logged_out")

    follow(person_topic(actor.person_id), on_event, client)


def register() -> None:
    """Add the route that ends the session and says why (the page cannot clear the session from a socket)."""

    @app.get(ENDED_PATH, include_in_schema=False)
    async def access_ended() -> RedirectResponse:
        end_session()
        return RedirectResponse("/afvist?reason=login.refused.inactive", status_code=303)


def mark_signed_in(client: Client) -> None:
    """Record that this page was built for a login, so each of its events first checks that login."""
    client.storage[SIGNED_IN_PAGE] = True


def session_allows(client: Client, now: datetime) -> str | None:
    """None when the page's login still stands (and note the activity); otherwise why it does not."""
    if not client.storage.get(SIGNED_IN_PAGE):
        return None
    # The page's own request carries the cookie it was opened with: a login since then (another identifier)
    # or a logout (none stored) no longer matches it.
    token = request_contextvar.set(client.request)
    try:
        data = session_data(open_page=True)
        if data is None:
            return "logged_out"
        if idle_expired(data, now):
            return "expired"
        every = min(ACTIVITY_WRITE_EVERY, timedelta(minutes=idle_minutes(data)) / 4)
        if now - datetime.fromisoformat(data["last_seen"]) >= every:
            app.storage.user[SESSION_KEY] = {**data, "last_seen": now.isoformat()}
        return None
    finally:
        request_contextvar.reset(token)


def _leave(client: Client, reason: str) -> None:
    """Send a page whose login is gone to the login page; the event that came in is not run."""
    log.info("event refused on an open page: session %s", reason)
    with client:
        ui.navigate.to(f"/login?reason={reason}")


def install_event_check() -> None:
    """Check the page's session before every event handler of every page (clicks, typing, uploads)."""
    original = events.handle_event
    if getattr(original, "checks_session", False):
        return

    # NiceGUI runs every element event through events.handle_event (from the socket and from its test user
    # alike), so this one place covers every handler without each page remembering to ask.
    def checked(handler: Any, arguments: Any, *, expect_args: bool | None = None) -> None:
        client = getattr(arguments, "client", None)
        if handler is not None and isinstance(client, Client):
            reason = session_allows(client, utcnow())
            if reason is not None:
                _leave(client, reason)
                return
        original(handler, arguments, expect_args=expect_args)

    checked.checks_session = True  # type: ignore[attr-defined]
    events.handle_event = checked
