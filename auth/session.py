"""The browser session: what a login grants, idle expiry, role switching, and the page guard."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app
from nicegui.storage import request_contextvar

from auth.remembered_device import grant_from_device
from domain.clock import utcnow
from domain.devices.service import session_cut_off
from domain.identity.model import Actor, Role
from domain.identity.service import LoginRefused, SessionGrant, current_actor

SESSION_KEY = "session"
# The cookie half of the session identifier. NiceGUI keys its server-side user storage on a browser id that
# never changes, so a cookie copied before login (or before logout) would open whatever that storage holds
# later; the login is bound to a fresh random identifier instead, issued at every login and step-up and
# dropped at logout, kept server-side and in the signed cookie, and both must agree.
COOKIE_SID = "sid"

DEFAULT_IDLE_MINUTES = 30
MAX_SESSION_DAYS = 14  # a session ends 14 days after its login, however active; the cookie lives no longer


def cookie_settings(public_url: str) -> dict[str, Any]:
    """The session cookie's flags: HttpOnly (always, Starlette's), SameSite=Lax, Secure when served over https."""
    return {"same_site": "lax", "https_only": public_url.startswith("https://"),
            "max_age": MAX_SESSION_DAYS * 24 * 3600}


def _cookie() -> dict[str, Any] | None:
    """The signed cookie's contents for the request (or page) being served, if any."""
    request = request_contextvar.get()
    return request.session if request is not None else None


def start_session(grant: SessionGrant, now: datetime, idle_minutes: int = DEFAULT_IDLE_MINUTES,
                  id_token: str | None = None) -> None:
    """Store a fresh login server-side under a new session identifier, and give the browser that identifier."""
    sid = secrets.token_urlsafe(32)
    before = session_data()
    # A step-up is a new login of the same person: the pages already open in the browser's other tabs still
    # belong to it, so their identifiers stay good for events (never for a new request, which needs the newest).
    earlier = [*before.get("earlier_sids", []), before["sid"]][-5:] \
        if before is not None and before.get("person_id") == grant.person_id else []
    cookie = _cookie()
    if cookie is not None:
        cookie[COOKIE_SID] = sid
    app.storage.user[SESSION_KEY] = {
        "sid": sid,
        "earlier_sids": earlier,
        "account_id": grant.account_id,
        "person_id": grant.person_id,
        "name": grant.name,
        "roles": [r.value for r in grant.roles],
        "role": grant.role.value,
        "acr": grant.acr,
        "login_at": now.isoformat(),
        "last_seen": now.isoformat(),
        "idle_minutes": idle_minutes,
        "id_token": id_token,
    }


def end_session() -> None:
    """Forget the login on the server and drop its identifier from the browser (a copied cookie opens nothing)."""
    if session_data() is not None or not _bound_session():
        app.storage.user.pop(SESSION_KEY, None)
    cookie = _cookie()
    if cookie is not None:
        cookie.pop(COOKIE_SID, None)


def _bound_session() -> bool:
    """Whether the stored login carries an identifier (a stale page's end must not end a newer login)."""
    data = app.storage.user.get(SESSION_KEY)
    return isinstance(data, dict) and bool(data.get("sid"))


def session_data(*, open_page: bool = False) -> dict[str, Any] | None:
    """The stored login when the browser presents its identifier (an open page may show one from before a step-up)."""
    data = app.storage.user.get(SESSION_KEY)
    if not isinstance(data, dict) or not data.get("sid"):
        return None
    cookie = _cookie()
    presented = cookie.get(COOKIE_SID) if cookie is not None else None
    if not isinstance(presented, str):
        return None
    accepted = [str(data["sid"]), *(data.get("earlier_sids", []) if open_page else [])]
    return data if any(secrets.compare_digest(presented, str(sid)) for sid in accepted) else None


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
    """Whether the session has been idle longer than allowed, or has reached its maximum age."""
    last = datetime.fromisoformat(data["last_seen"])
    login = datetime.fromisoformat(data.get("login_at") or data["last_seen"])
    return now - last > timedelta(minutes=idle_minutes(data)) or now - login > timedelta(days=MAX_SESSION_DAYS)


async def actor_or_redirect(request: Request) -> Actor | RedirectResponse:
    """The signed-in actor for a page, or where to send the browser instead."""
    data = session_data()
    now = utcnow()
    reason = "required"
    if data is not None and idle_expired(data, now):
        end_session()
        data, reason = None, "expired"
    elif data is not None and await session_cut_off(  # "Log ud på alle enheder" since this login
            data["person_id"], datetime.fromisoformat(data.get("login_at") or data["last_seen"])):
        end_session()
        data, reason = None, "logged_out"
    if data is None:
        # A guardian's remembered device renews the session at level 2 (its passkey first, when it has one).
        renewed = await grant_from_device(request, now)
        if isinstance(renewed, RedirectResponse):
            return renewed
        if renewed is None:
            path = f"&next={quote(request.url.path)}" if reason == "required" else ""
            return RedirectResponse(f"/login?reason={reason}{path}", status_code=303)
        start_session(renewed, now)
        data = session_data()
        assert data is not None
    try:
        actor = await current_actor(data["person_id"], data["role"], data["acr"], now=now,
                                    client_address=client_address(request))
    except LoginRefused as refused:
        end_session()
        return RedirectResponse(f"/afvist?reason={refused.key}", status_code=303)
    app.storage.user[SESSION_KEY] = {**data, "last_seen": now.isoformat(), "role": actor.role.value}
    return actor
