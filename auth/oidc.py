"""The OpenID Connect client: authorization code with PKCE through authlib, against any provider."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.common.urls import add_params_to_uri
from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse
from joserfc.errors import JoseError

from auth.acr import known_acr, requested_acr, sammen_level
from auth.form_token import form_token_matches
from auth.limits import refuse_flood
from auth.notice import set_login_notice
from auth.oidc_client import RefreshingOAuthApp, encode_client_secret_basic
from auth.remembered_device import clear_device_cookie, forget_this_device, remember_this_device
from auth.session import client_address, end_session, session_data, start_session
from auth.shared_device import is_shared_device
from domain.audit import service as audit
from domain.clock import utcnow
from domain.devices.service import do_log_out_everywhere
from domain.identity.service import LoginRefused, current_actor, do_login
from domain.settings import Settings

log = logging.getLogger(__name__)
CLIENT_NAME = "sammen"
LOGOUT_REASONS = ("logged_out", "expired")


def build_oauth(settings: Settings, backchannel: FastAPI | None = None) -> OAuth:
    """Register the provider; the embedded dev IdP is reached in-process, any other over HTTP."""
    client_kwargs: dict[str, object] = {"scope": "openid profile", "code_challenge_method": "S256",
                                        "token_endpoint_auth_method": encode_client_secret_basic}
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
        client_cls=RefreshingOAuthApp,
    )
    return oauth


def _same_origin(url: str) -> str:
    """Drop scheme and host so the browser stays on whatever address it used to reach Sammen."""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after login (no open redirect)."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def step_up_path(target: str) -> str:
    """Where a login at assurance level 3 starts, returning to `target`."""
    return f"/auth/login?acr=3&next={quote(_safe_next(target), safe='')}"


def site_url(settings: Settings, request: Request, path: str) -> str:
    """An address of Sammen's own that the provider sends the browser back to: PUBLIC_URL, never the Host header.

    Only the embedded development provider follows the address the browser used (a phone on the LAN, the test
    client's `http://test`); it accepts loopback and test hosts only, so a forged Host header cannot steer it away.
    """
    if settings.dev_idp_enabled:
        return f"{str(request.base_url).rstrip('/')}{path}"
    return f"{settings.public_url}{path}"


def create_auth_router(settings: Settings, oauth: OAuth) -> APIRouter:
    """The /auth routes: start a login, receive the callback, log out."""
    router = APIRouter(prefix="/auth")
    client = oauth.create_client(CLIENT_NAME)

    @router.get("/login")
    async def login(request: Request, next: str | None = None, acr: str | None = None,
                    remember: str | None = None) -> RedirectResponse:
        step_up = acr == "3"
        request.session["after_login"] = _safe_next(next)
        request.session["step_up"] = step_up
        request.session["remember_device"] = remember == "1"
        extra = {"acr_values": requested_acr(settings, step_up)}
        if step_up:
            # A provider that still has a session would otherwise answer with the level it had (Sammen refuses it).
            extra |= {"prompt": "login", "max_age": "0"}
        elif is_shared_device(request):
            extra["prompt"] = "login"  # the next person at a shared tablet must not become the previous one
        try:
            response: RedirectResponse = await client.authorize_redirect(
                request, site_url(settings, request, "/auth/callback"), **extra)
        except (httpx.HTTPError, AuthlibBaseError, ValueError):
            log.warning("identity provider unreachable for login")
            return RedirectResponse("/afvist?reason=login.refused.provider", status_code=303)
        if settings.dev_idp_enabled:
            response.headers["location"] = _same_origin(response.headers["location"])
        return response

    @router.get("/callback", name="auth_callback")
    async def callback(request: Request) -> RedirectResponse:
        if (flood := await refuse_flood(request)) is not None:  # before any token work or audit row
            return flood
        address = client_address(request)
        step_up = bool(request.session.pop("step_up", False))
        remember = bool(request.session.pop("remember_device", False))
        after = _safe_next(request.session.pop("after_login", "/"))
        if request.query_params.get("error"):
            return await _provider_declined(request.query_params["error"], step_up, after, address)
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
        if claims.get("acr") and not known_acr(claims["acr"], settings):
            log.info("the provider's acr value is not configured (OIDC_ACR_LEVEL2/3): counted as level 2")
        now = utcnow()
        try:
            grant = await do_login(subject, sammen_level(claims.get("acr"), settings), now=now,
                                   client_address=address)
        except LoginRefused as refused:
            end_session()
            return RedirectResponse(f"/afvist?reason={refused.key}", status_code=303)
        start_session(grant, now, settings.idle_minutes, id_token=token.get("id_token"))
        if step_up and grant.acr != "3":
            set_login_notice("login.step_up.not_reached", retry=step_up_path(after))
        response = RedirectResponse(after, status_code=303)
        if remember:
            await remember_this_device(request, response, grant, settings.public_url, now)
        return response

    @router.post("/logout")
    async def logout(request: Request) -> RedirectResponse:
        form = await request.form()
        if not form_token_matches(form.get("token")):
            # Another site (or a stale page) posted it: the session stays, and the person can try again.
            log.warning("logout refused: the form token is missing or wrong")
            set_login_notice("logout.refused")
            return RedirectResponse("/", status_code=303)
        reason = str(form.get("reason") or "")
        reason = reason if reason in LOGOUT_REASONS else "logged_out"
        data = session_data() or {}
        end_session()
        at_provider = await _provider_logout(request, data.get("id_token"), reason)
        response = RedirectResponse(at_provider or f"/login?reason={reason}", status_code=303)
        if reason == "logged_out":  # "Log ud" on a remembered device forgets it; the idle timer's logout does not
            await forget_this_device(request, response, data.get("person_id"), utcnow())
        return response

    @router.post("/logout-everywhere")
    async def logout_everywhere(request: Request) -> RedirectResponse:
        """"Log ud på alle enheder": every session and remembered device of the person ends, this one too."""
        form = await request.form()
        data = session_data()
        if not form_token_matches(form.get("token")) or data is None:
            log.warning("logout everywhere refused: no session or the form token is missing or wrong")
            set_login_notice("logout.refused")
            return RedirectResponse("/", status_code=303)
        now = utcnow()
        try:
            actor = await current_actor(data["person_id"], data["role"], data["acr"], now=now,
                                        client_address=client_address(request))
        except LoginRefused as refused:
            end_session()
            return RedirectResponse(f"/afvist?reason={refused.key}", status_code=303)
        await do_log_out_everywhere(actor, now)
        end_session()
        at_provider = await _provider_logout(request, data.get("id_token"), "logged_out")
        response = RedirectResponse(at_provider or "/login?reason=logged_out", status_code=303)
        clear_device_cookie(response)
        return response

    @router.get("/logout")
    async def logout_link() -> RedirectResponse:
        """A link ends nothing (another site could plant it): logging out is the page's form (a POST)."""
        return RedirectResponse("/", status_code=303)

    async def _provider_logout(request: Request, id_token: object, reason: str) -> str | None:
        """The provider's end-session address, when it has one and the login left an ID token to name."""
        if not isinstance(id_token, str) or not id_token:
            return None
        try:
            endpoint = (await client.load_server_metadata()).get("end_session_endpoint")
        except (httpx.HTTPError, AuthlibBaseError, ValueError):
            log.warning("identity provider unreachable for logout: ended in Sammen only")
            return None
        if not isinstance(endpoint, str) or not endpoint:
            return None
        url = add_params_to_uri(endpoint, [
            ("id_token_hint", id_token), ("client_id", settings.oidc_client_id),
            ("post_logout_redirect_uri", site_url(settings, request, "/login")), ("state", reason)])
        return _same_origin(url) if settings.dev_idp_enabled else url

    return router


async def _provider_declined(error: str, step_up: bool, after: str, address: str) -> RedirectResponse:
    """The provider came back without a login (the person cancelled): a login that stands is left as it was."""
    code = re.sub(r"[^a-z_]", "", error.lower())[:40] or "unknown"
    await audit.record("login", audit.REFUSED, detail=f"oauth:{code}", client_address=address)
    log.info("login declined by the provider: %s", code)
    if session_data() is not None:
        set_login_notice("login.step_up.cancelled" if step_up else "login.cancelled.kept")
        return RedirectResponse(after, status_code=303)
    if code == "access_denied":
        return RedirectResponse("/login?reason=cancelled", status_code=303)
    return RedirectResponse("/afvist?reason=login.refused.failed", status_code=303)


async def _refuse(detail: str, address: str, key: str = "login.refused.failed") -> RedirectResponse:
    """Record a failed login (and log why, without token content) and show the Danish refusal page.

    A login that already stands is not ended: a forged callback from another site must not log anyone out.
    """
    await audit.record("login", audit.REFUSED, detail=detail, client_address=address)
    log.warning("login refused: %s", detail)
    return RedirectResponse(f"/afvist?reason={key}", status_code=303)
