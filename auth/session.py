"""The browser session: what a login grants, idle expiry, role switching, and the page guard."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app

from domain.clock import utcnow
from domain.identity.model import Actor, Role
from domain.identity.service import LoginRefused, SessionGrant, current_actor

SESSION_KEY = "session"


DEFAULT_IDLE_MINUTES = 30


def start_session(grant: SessionGrant, now: datetime, idle_minutes: int = DEFAULT_IDLE_MINUTES) -> None:
    """Store a fresh login in the browser's server-side storage, with how long it may sit idle (from Settings)."""
    app.storage.user[SESSION_KEY] = {
        "account_id": grant.account_id,
        "person_id": grant.person_id,
        "name": grant.name,
        "roles": [r.value for r in grant.roles],
        "role": grant.role.value,
        "acr": grant.acr,
        "login_at": now.isoformat(),
        "last_seen": now.isoformat(),
        "idle_minutes": idle_minutes,
    }


def end_session() -> None:
    """Forget the login."""
    app.storage.user.pop(SESSION_KEY, None)


def session_data() -> dict[str, Any] | None:
    """The stored login, if any."""
    data = app.storage.user.get(SESSION_KEY)
    return data if isinstance(data, dict) else None


def switch_role(role: Role) -> bool:
    """Make another of the person's roles the active one; refuses roles they do not hold."""
    data = session_data()
    if data is None or role.value not in data["roles"]:
        return False
    app.storage.user[SESSION_KEY] = {**data, "role": role.value}
    return True


def client_address(request: Request) -> str:
    """The caller's address, for the audit log."""
    return request.client.host if request.client else ""


def idle_minutes(data: dict[str, Any] | None) -> int:
    """How long this session may sit idle (sessions stored before the limit travelled with them get the default)."""
    return int((data or {}).get("idle_minutes", DEFAULT_IDLE_MINUTES))


def idle_expired(data: dict[str, Any], now: datetime) -> bool:
    """Whether the session has been idle longer than allowed."""
    last = datetime.fromisoformat(data["last_seen"])
    return now - last > timedelta(minutes=idle_minutes(data))


async def actor_or_redirect(request: Request) -> Actor | RedirectResponse:
    """The signed-in actor for a page, or where to send the browser instead."""
    data = session_data()
    if data is None:
        return RedirectResponse(f"/login?reason=required&next={quote(request.url.path)}", status_code=303)
    now = utcnow()
    if idle_expired(data, now):
        end_session()
        return RedirectResponse("/login?reason=expired", status_code=303)
    try:
        actor = await current_actor(data["person_id"], data["role"], data["acr"], now=now,
                                    client_address=client_address(request))
    except LoginRefused as refused:
        end_session()
        return RedirectResponse(f"/afvist?reason={refused.key}", status_code=303)
    app.storage.user[SESSION_KEY] = {**data, "last_seen": now.isoformat(), "role": actor.role.value}
    return actor
