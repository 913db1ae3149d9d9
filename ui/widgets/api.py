"""HTTP for suppliers' widgets: Sammen's public JWKS, and a demo supplier that verifies tokens as a supplier would."""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from joserfc import jwt
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError, MissingClaimError
from joserfc.jwk import KeySet
from nicegui import app

from domain.settings import Settings
from domain.widgets.keys import WidgetSigner
from domain.widgets.tokens import audience, public_jwks

ROLE_WORDS = {"parent": "forælder", "child": "elev", "staff": "medarbejder", "leader": "leder"}
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
    "X-Content-Type-Options": "nosniff",
}
PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:0;padding:12px;color:#1d2b36}}
h1{{font-size:15px;margin:0 0 6px}}p{{margin:4px 0}}.muted{{color:#5b6b78}}.bad{{color:#a12622}}</style>
</head><body>{body}</body></html>"""


class TokenRefused(Exception):
    """The demo supplier will not accept this token; the message is for the person looking at the frame."""


def verify_as_supplier(token: str, widget: str, issuer: str, jwks: dict[str, Any]) -> dict[str, Any]:
    """Check a token the way a supplier must: RS256 signature by a published key, issuer, expiry, own audience."""
    if not token:
        raise TokenRefused("Der mangler et token.")
    try:
        decoded = jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"])  # type: ignore[arg-type]
    except (JoseError, ValueError):
        raise TokenRefused("Token er ugyldigt.") from None
    expected = audience(int(widget)) if widget.isdigit() else "sammen-widget:?"
    registry = jwt.JWTClaimsRegistry(iss={"essential": True, "value": issuer},
                                     aud={"essential": True, "value": expected}, exp={"essential": True})
    try:
        registry.validate(decoded.claims)
    except ExpiredTokenError:
        raise TokenRefused("Token er udløbet.") from None
    except (InvalidClaimError, MissingClaimError) as error:
        if error.claim == "aud":
            raise TokenRefused("Token er ikke til denne widget.") from None
        raise TokenRefused("Token er ugyldigt.") from None
    except JoseError:
        raise TokenRefused("Token er ugyldigt.") from None
    return dict(decoded.claims)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(PAGE.format(title=escape(title), body=body), status_code=status, headers=HEADERS)


def demo_page(claims: dict[str, Any]) -> str:
    """The demo supplier's answer: who asked, for how many children, at which institutions (all escaped)."""
    role = ROLE_WORDS.get(str(claims.get("role", "")), str(claims.get("role", "")))
    children = claims.get("children") or []
    numbers = ", ".join(str(n) for n in claims.get("institutions") or []) or "ingen"
    lines = [f"<h1>Hej {escape(role)}</h1>"]
    if claims.get("role") == "parent":
        lines.append(f"<p>{len(children)} {'barn' if len(children) == 1 else 'børn'} med lån på biblioteket.</p>")
        lines.extend(f'<p class="muted">Lånekort {escape(str(c)[:8])}…: 0 bøger for sent</p>' for c in children[:4])
    lines.append(f'<p class="muted">Institutioner: {escape(numbers)}</p>')
    return "".join(lines)


def routes(settings: Settings, signer: WidgetSigner | None = None) -> APIRouter:
    """The JWKS and demo-supplier routes (a signer may be given for tests; else the persisted one)."""
    router = APIRouter()

    @router.get("/api/widgets/jwks")
    async def widget_jwks() -> JSONResponse:
        return JSONResponse(public_jwks(signer), headers={"Cache-Control": "public, max-age=300"})

    @router.get("/demo-widget")
    async def demo_widget(request: Request) -> HTMLResponse:
        token = request.query_params.get("token", "")
        widget = request.query_params.get("widget", "")
        try:
            # A real supplier fetches the JWKS over https (and caches it); the demo asks Sammen directly.
            claims = verify_as_supplier(token, widget, settings.public_url, public_jwks(signer))
        except TokenRefused as refusal:
            body = f'<h1>Skolebibliotekets lånestatus</h1><p class="bad">{escape(str(refusal))}</p>'
            return _page("Token afvist", body, status=401)
        return _page("Skolebibliotekets lånestatus", demo_page(claims))

    return router


def register(settings: Settings) -> None:
    """Add GET /api/widgets/jwks and GET /demo-widget to the NiceGUI app."""
    app.include_router(routes(settings))
