"""Security headers on every answer: a CSP NiceGUI works under, no framing, nosniff, same-origin referrers, HSTS."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.settings import Settings
from domain.widgets.suppliers import http_hosts
from ui.front import wrap_outermost

# NiceGUI renders Vue templates in the browser (the runtime compiler needs 'unsafe-eval') and writes its start-up
# script and element styles inline ('unsafe-inline'); everything else it loads comes from this server. Suppliers'
# widgets are the one thing Sammen frames: https anywhere (an admin registers them), plain http only in development.
APP_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-src {frames}; object-src 'none'; base-uri 'self'"
)
# Pages only Sammen itself frames (the demo supplier's widget); every other answer may be framed by nobody.
FRAMED_BY_SAMMEN = ("/demo-widget",)
HSTS = "max-age=31536000"


@dataclass
class _Policy:
    """The headers for this process's settings (main.py installs them once per build)."""

    app_csp: str = APP_POLICY.format(frames="'self' https:")
    own_origins: str = "'self'"
    hsts: bool = False


_policy = _Policy()


def policy_for(settings: Settings) -> _Policy:
    """The headers that follow from the settings: development allows http frames; https gets HSTS."""
    development = settings.dev_idp_enabled
    frames = ["'self'", "https:"] + sorted(f"http://{host}:*" for host in http_hosts(settings.public_url, development))
    public = urlsplit(settings.public_url)
    origins = "'self'" + (f" {public.scheme}://{public.netloc}" if public.netloc else "")
    return _Policy(app_csp=APP_POLICY.format(frames=" ".join(frames)), own_origins=origins,
                   hsts=public.scheme == "https")


def _with_frame_ancestors(csp: str, ancestors: str) -> str:
    """The policy with its frame-ancestors replaced by ours (the one rule every answer shares)."""
    kept = [d.strip() for d in csp.split(";") if d.strip() and not d.strip().lower().startswith("frame-ancestors")]
    return "; ".join([*kept, f"frame-ancestors {ancestors}"])


def headers_for(path: str, existing: MutableHeaders) -> None:
    """Add the security headers to one response; a stricter CSP or Referrer-Policy the route chose is kept."""
    ancestors = _policy.own_origins if path in FRAMED_BY_SAMMEN else "'none'"
    existing["Content-Security-Policy"] = _with_frame_ancestors(
        existing.get("Content-Security-Policy") or _policy.app_csp, ancestors)
    existing["X-Frame-Options"] = "SAMEORIGIN" if path in FRAMED_BY_SAMMEN else "DENY"
    existing["X-Content-Type-Options"] = "nosniff"
    if "Referrer-Policy" not in existing:
        existing["Referrer-Policy"] = "same-origin"
    if _policy.hsts:
        existing["Strict-Transport-Security"] = HSTS


class SecurityHeaders:
    """Puts the security headers on every HTTP answer, whichever layer produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers_for(scope["path"], MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: FastAPI, settings: Settings) -> None:
    """Send the security headers for these settings on every answer, outside every other middleware."""
    chosen = policy_for(settings)
    _policy.app_csp, _policy.own_origins, _policy.hsts = chosen.app_csp, chosen.own_origins, chosen.hsts
    wrap_outermost(app, SecurityHeaders)
