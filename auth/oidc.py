"""The OpenID Connect client: authorization code with PKCE through authlib, against any provider."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse
from joserfc.errors import JoseError

from auth.session import client_address, end_session, start_session
from domain.audit import service as audit
from domain.clock import utcnow
from domain.identity.service import LoginRefused, do_login
from domain.settings import Settings

log = logging.getLogger(__name__)
CLIENT_NAME = "sammen"


def build_oauth(settings: Settings, backchannel: FastAPI | None = None) -> OAuth:
    """Register the provider; the embedded dev IdP is reached in-process, any other over HTTP."""
    client_kwargs: dict[str, object] = {"scope": "openid profile", "code_challenge_method": "S256"}
    if backchannel is not None:
        # The embedded provider runs in this process: its token and JWKS calls go straight to a bare app
        # holding the same router, so they never pass NiceGUI's request tracking (which would swap the
        # browser's session for the inner request's).
        client_kwargs["transport"] = httpx.ASGITransport(app=backchannel)
    oauth = OAuth()
    oauth.register(
        CLIENT_NAME,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=f"{settings.issuer}/.well-known/openid-configuration",
        client_kwargs=client_kwargs,
    )
    return oauth


def _same_origin(url: str) -> str:
    """Drop scheme and host so the browser stays on whatever address it used to reach Sammen."""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after login (no open redirect)."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def create_auth_router(settings: Settings, oauth: OAuth) -> APIRouter:
    """The /auth routes: start a login, receive the callback, log out."""
    router = APIRouter(prefix="/auth")
    client = oauth.create_client(CLIENT_NAME)

    @router.get("/login")
    async def login(request: Request, next: str | None = None, acr: str | None = None) -> RedirectResponse:
        request.session["after_login"] = _safe_next(next)
        redirect_uri = str(request.url_for("auth_callback"))
        extra = {"acr_values": acr} if acr in ("2", "3") else {}
        try:
            response: RedirectResponse = await client.authorize_redirect(request, redirect_uri, **extra)
        except (httpx.HTTPError, AuthlibBaseError, ValueError):
            log.warning("identity provider unreachable for login")
            return RedirectResponse("/afvist?reason=login.refused.provider", status_code=303)
        if settings.dev_idp_enabled:
            response.headers["location"] = _same_origin(response.headers["location"])
        return response

    @router.get("/callback", name="auth_callback")
    async def callback(request: Request) -> RedirectResponse:
        address = client_address(request)
        try:
            token = await client.authorize_access_token(request)
            claims = token.get("userinfo") or {}
            subject = str(claims["sub"])
        except OAuthError as error:
            return await _refuse(f"oauth:{error.error}"[:60], address)
        except httpx.HTTPError:
            return await _refuse("provider_unreachable", address, key="login.refused.provider")
        except (AuthlibBaseError, JoseError, KeyError, ValueError) as error:
            return await _refuse(f"invalid_token:{type(error).__name__}"[:60], address)
        except Exception as error:  # noqa: BLE001 - a login must end on a clear page, never a trace
            log.warning("unexpected login failure: %s", type(error).__name__)
            return await _refuse(f"unexpected:{type(error).__name__}"[:60], address)
        now = utcnow()
        try:
            grant = await do_login(subject, str(claims.get("acr", "")) or None, now=now, client_address=address)
        except LoginRefused as refused:
            end_session()
            return RedirectResponse(f"/afvist?reason={refused.key}", status_code=303)
        start_session(grant, now, settings.idle_minutes)
        return RedirectResponse(_safe_next(request.session.pop("after_login", "/")), status_code=303)

    @router.get("/logout")
    async def logout(reason: str = "logged_out") -> RedirectResponse:
        end_session()
        reason = reason if reason in ("logged_out", "expired") else "logged_out"
        return RedirectResponse(f"/login?reason={reason}", status_code=303)

    return router


async def _refuse(detail: str, address: str, key: str = "login.refused.failed") -> RedirectResponse:
    """Record a failed login and show the Danish refusal page."""
    await audit.record("login", audit.REFUSED, detail=detail, client_address=address)
    end_session()
    return RedirectResponse(f"/afvist?reason={key}", status_code=303)
