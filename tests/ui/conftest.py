"""UI tests: each runs main.py on a private copy of the seeded demo municipality."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nicegui import context
from nicegui.client import Client
from nicegui.testing import User
from nicegui.testing.user_notify import UserNotify

from auth.dev_idp.router import SESSION_COOKIE as DEV_IDP_SESSION_COOKIE
from domain.events import bus


@pytest.fixture(autouse=True)
def app_environment(demo_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Point the app at the demo copy and the embedded identity provider before main.py runs."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{demo_copy}")
    monkeypatch.delenv("OIDC_ISSUER", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "30")
    monkeypatch.setenv("SAMMEN_RUN_JOBS", "0")  # the daily job has its own test; here it would race the test
    bus.clear()
    yield


# NiceGUI waits 0.3 s for an element to appear; on a loaded CI machine a write, its event and the
# notification that follows took longer (pairing a wall screen took over 3 s while another full run shared the
# two cores), so wait up to 6 s. A check that passes costs nothing extra.
PATIENT_RETRIES = 60


@pytest.fixture(autouse=True)
def patient_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give should_see and should_not_see a longer default wait; an explicit retries= still wins."""
    see, not_see = User.should_see, User.should_not_see

    async def should_see(self: User, *args: Any, retries: int = PATIENT_RETRIES, **filters: Any) -> None:
        await see(self, *args, retries=retries, **filters)

    async def should_not_see(self: User, *args: Any, retries: int = PATIENT_RETRIES, **filters: Any) -> None:
        await not_see(self, *args, retries=retries, **filters)

    monkeypatch.setattr(User, "should_see", should_see)
    monkeypatch.setattr(User, "should_not_see", should_not_see)


@pytest.fixture(autouse=True)
def notify_reaches_its_own_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notification lands with the user whose page showed it, not the user the test touched last.

    NiceGUI's simulation points `ui.notify` at whichever User had an attribute read last, and a second user's page
    reads its User whenever its outbox sends: a leader's "Skærmen er frakoblet." went to the revoked wall screen's
    user when that screen redrew during the revocation, and CI failed on it.
    """
    users: list[User] = []
    open_page, record = User.open, UserNotify.__call__

    async def registering_open(self: User, *args: Any, **kwargs: Any) -> Client:
        if self not in users:
            users.append(self)
        return await open_page(self, *args, **kwargs)

    def routed(self: UserNotify, message: str, **kwargs: Any) -> None:
        try:
            showing = context.client
        except RuntimeError:  # no page context: keep the simulation's choice
            showing = None
        owner = next((u for u in users if object.__getattribute__(u, "client") is showing), None)
        record(object.__getattribute__(owner, "notify") if owner is not None else self, message, **kwargs)

    monkeypatch.setattr(User, "open", registering_open)
    monkeypatch.setattr(UserNotify, "__call__", routed)


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


async def login(user: User, subject: str, acr: str = "2") -> str:
    """Log in through the embedded dev IdP, as a browser would, and return where Sammen sends us."""
    client = user.http_client
    # The provider remembers its own login (single sign-on): forget it, so the page asks who this is.
    client.cookies.delete(DEV_IDP_SESSION_COOKIE)
    start = await client.get("/auth/login")
    assert start.status_code in (302, 303), start.text
    page = await client.get(start.headers["location"])
    assert page.status_code == 200, page.text
    fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)}
    fields.update(subject=subject, acr=acr)
    answer = await client.post("/dev-idp/authorize", data=fields)
    assert answer.status_code == 302, answer.text
    back = await client.get(answer.headers["location"])
    assert back.status_code == 303, back.text
    return str(back.headers["location"])



LOGOUT_TOKEN = re.compile(r'"name":"token","value":"([A-Za-z0-9_-]+)"')


async def logout_token(user: User) -> str:
    """The logout form's token, read from a signed-in page as a browser tab would get it (no page is opened)."""
    page = await user.http_client.get("/", follow_redirects=True)
    found = LOGOUT_TOKEN.search(page.text)
    assert found, "a signed-in page carries the logout form"
    return found.group(1)


async def logout(user: User, reason: str = "logged_out") -> str:
    """Log out as the user menu does (the form's POST), through the provider's end-session; where it ends."""
    answer = await user.http_client.post("/auth/logout", data={"token": await logout_token(user), "reason": reason})
    assert answer.status_code == 303, answer.text
    location = str(answer.headers["location"])
    if location.startswith("/dev-idp/end_session"):
        back = await user.http_client.get(location)
        assert back.status_code == 303, back.text
        location = str(back.headers["location"])
    return location
