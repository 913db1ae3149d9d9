"""The page an e-mail's unsubscribe link opens: a GET explains and asks, a POST (RFC 8058 one-click) turns off."""

from __future__ import annotations

from html import escape

from fastapi import Request
from fastapi.responses import HTMLResponse
from nicegui import app

from domain.clock import utcnow
from domain.errors import DomainError
from domain.notifications import email_settings
from domain.notifications.model import UNSUBSCRIBE_PATH
from domain.settings import Settings
from ui.i18n import translate

PROFILE = "/profil"
ONE_CLICK = ("List-Unsubscribe", "One-Click")  # RFC 8058: the form field a mail provider's one-click POST carries
# Plain HTML and no script: a link opened from a mail app works in any browser; the token in the address must not
# leak to another site, and nothing may frame the button.
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex",
           "X-Content-Type-Options": "nosniff",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                      "frame-ancestors 'none'"}
STYLE = (
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f5f5f5;"
    "color:#1d1d1d;line-height:1.5}main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;"
    "border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}h1{font-size:1.4rem;margin:0 0 1rem;color:#1f5f8b}"
    "button{font:inherit;font-weight:600;color:#fff;background:#1f5f8b;border:0;border-radius:6px;"
    "padding:.75rem 1.25rem;cursor:pointer}button:focus-visible,a:focus-visible{outline:3px solid #f2a541;"
    "outline-offset:2px}a{color:#1f5f8b}"
)


def _da(key: str, **params: object) -> str:
    # Nobody is signed in here, and the e-mail the link came from is Danish.
    return translate(key, "da", params)


def render(paragraphs: list[str], *, with_button: bool = False) -> str:
    """The whole page, every text escaped; with the button, a form that posts the one-click field to this address."""
    title = escape(_da("email.unsubscribe.title"))
    text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    # No action: the form posts to the address it was opened at, whatever prefix a proxy put in front.
    form = "" if not with_button else (
        '<form method="post">'
        f'<input type="hidden" name="{ONE_CLICK[0]}" value="{ONE_CLICK[1]}">'
        f'<button type="submit">{escape(_da("email.unsubscribe.button"))}</button></form>')
    profile = (f'<p>{escape(_da("email.unsubscribe.profile"))} '
               f'<a href="{PROFILE}">{escape(_da("email.unsubscribe.profile_link"))}</a></p>')
    return (f'<!doctype html><html lang="da"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{title} · Sammen</title><style>{STYLE}</style></head>"
            f"<body><main><h1>{title}</h1>{text}{form}{profile}</main></body></html>")


def _answer(status: int, paragraphs: list[str], *, with_button: bool = False) -> HTMLResponse:
    return HTMLResponse(render(paragraphs, with_button=with_button), status_code=status, headers=HEADERS)


async def ask(settings: Settings, token: str) -> HTMLResponse:
    """GET: say what the link turns off and offer the button; it changes nothing (link scanners open links too)."""
    try:
        _, kind = await email_settings.check_link(settings.storage_secret, token)
    except DomainError as error:
        return _answer(404, [_da(error.key)])
    return _answer(200, [_da(f"email.unsubscribe.ask.{kind.value}")], with_button=True)


async def confirm(settings: Settings, token: str, request: Request) -> HTMLResponse:
    """POST with List-Unsubscribe=One-Click (the button, or the mail provider): turn that kind of e-mail off."""
    form = await request.form()
    if form.get(ONE_CLICK[0]) != ONE_CLICK[1]:
        return _answer(400, [_da("email.unsubscribe.bad_request")])
    try:
        kind = await email_settings.do_unsubscribe(settings.storage_secret, token, now=utcnow())
    except DomainError as error:
        return _answer(404, [_da(error.key)])
    return _answer(200, [_da(f"email.unsubscribe.done.{kind.value}")])


def register(settings: Settings) -> None:
    """Add GET and POST /email/afmeld/{token} (any token: a mangled one gets the Danish answer, not a bare 404)."""

    async def ask_route(token: str) -> HTMLResponse:
        return await ask(settings, token)

    async def confirm_route(token: str, request: Request) -> HTMLResponse:
        return await confirm(settings, token, request)

    path = f"{UNSUBSCRIBE_PATH}/{{token:path}}"
    app.add_api_route(path, ask_route, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route(path, confirm_route, methods=["POST"], include_in_schema=False)
