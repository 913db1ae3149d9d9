"""The public page /krise: a plain FastAPI route serving cached, escaped HTML, with ETag, 304 and load shedding."""

from __future__ import annotations

import asyncio
import time
from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from domain.broadcast.model import PublicItem
from domain.broadcast.public import Busy, PublicPage
from domain.events import bus
from ui.front import send_response, wrap_outermost
from ui.i18n import fmt_datetime, translate

RETRY_AFTER_SECONDS = 5
# One process answers /krise at most this often (nginx's micro-cache sends it one request in two seconds; without
# nginx a flood would otherwise take the whole core): a request over the rate is held back, so parents' pages,
# boards and the broadcast itself go first; held requests count as in flight, so beyond the cap it is a 503.
RATE_PER_SECOND = 1000.0
YIELD_SECONDS = 0.5
CACHE_CONTROL = "public, max-age=15"
# Plain HTML with inline style and no script: nothing else may load, nobody may frame it.
SAFE = {"X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"}
STYLE = (
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f5f5f5;"
    "color:#1d1d1d;line-height:1.5}main{max-width:42rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.4rem;margin:.5rem 0 1rem}article{background:#fff;border-left:6px solid #c10015;"
    "border-radius:8px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}"
    "h2{font-size:1.2rem;margin:0 0 .25rem;color:#c10015}time{color:#555;font-size:.9rem}"
    "p{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0 0}a{color:#1565c0}"
    "form{margin:0 0 1rem}form p{margin:0 0 .5rem}button{font:inherit;font-weight:600;color:#fff;"
    "background:#1f5f8b;border:0;border-radius:6px;padding:.5rem 1.25rem;cursor:pointer}"
    "button:focus-visible{outline:3px solid #1d1d1d;outline-offset:2px}"
)


def _da(key: str, **params: object) -> str:
    # The public page has no session, so it speaks the municipality's language.
    return translate(key, "da", params)


def render(items: list[PublicItem]) -> str:
    """The whole page; every piece of user text is HTML-escaped."""
    articles = "".join(
        f'<article data-broadcast="{item.id}"><h2>{escape(item.title)}</h2>'
        f"<time>{escape(fmt_datetime(item.created_at, 'da'))}</time><p>{escape(item.body)}</p></article>"
        for item in items) or f"<p>{escape(_da('broadcast.public.none'))}</p>"
    title = escape(_da("broadcast.public.title"))
    return (f'<!doctype html><html lang="da"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{title} · Sammen</title><style>{STYLE}</style></head><body><main><h1>{title}</h1>"
            f'{_reload_form()}{articles}'
            f'<a href="/login">{escape(_da("broadcast.public.login"))}</a></main></body></html>')


def _reload_form() -> str:
    # No self-reload (WCAG 2.2.1: a page must not change under its reader): the reader asks for news, by a plain GET
    # that works without script. No "fetched at" time either: the cached page (and a 304) would show a stale one.
    return (f'<form method="get" action="/krise"><p>{escape(_da("broadcast.public.reload_note"))}</p>'
            f'<button type="submit">{escape(_da("broadcast.public.reload"))}</button></form>')


PUBLIC = PublicPage(render)


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags


def _busy() -> tuple[int, dict[str, str], bytes]:
    return 503, {**SAFE, "Content-Type": "text/plain; charset=utf-8", "Retry-After": str(RETRY_AFTER_SECONDS),
                 "Cache-Control": "no-store"}, _da("broadcast.public.busy").encode()


async def answer(if_none_match: str | None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body: the cached page, a 304 when the browser has it, or a 503 when too busy."""
    try:
        with PUBLIC.admit():
            page = await PUBLIC.current()
    except Busy:
        return _busy()
    headers = {**SAFE, "ETag": page.etag, "Cache-Control": CACHE_CONTROL}
    if _matches(if_none_match, page.etag):
        return 304, headers, b""
    return 200, {**headers, "Content-Type": "text/html; charset=utf-8"}, page.body


async def krise(request: Request) -> Response:
    """/krise as a route (reached only where the fast path below is not installed)."""
    status, headers, body = await answer(request.headers.get("if-none-match"))
    return Response(body, status_code=status, headers=headers)


class TokenBucket:
    """At most `rate` takes a second on average, with bursts of up to a second's worth."""

    def __init__(self, rate: float) -> None:
        self.rate, self.tokens, self.at = rate, rate, time.monotonic()

    def take(self) -> bool:
        """One token if there is one."""
        now = time.monotonic()
        self.tokens = min(self.rate, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class KriseFastPath:
    """Answers GET and HEAD /krise before every middleware: a flood costs the process as little as it can."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.bucket = TokenBucket(RATE_PER_SECOND)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/krise" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        asked = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"if-none-match"), None)
        try:
            if not self.bucket.take():
                with PUBLIC.admit():
                    await asyncio.sleep(YIELD_SECONDS)
        except Busy:
            status, headers, body = _busy()
        else:
            status, headers, body = await answer(asked)
        headers["Content-Length"] = str(len(body))
        await send_response(send, status, headers, b"" if scope["method"] == "HEAD" else body)


def register_public(app: FastAPI) -> None:
    """Serve /krise (in front of every middleware) and rebuild its cache whenever a broadcast is sent or ended."""
    PUBLIC.invalidate()
    PUBLIC.listen(bus)
    app.add_api_route("/krise", krise, methods=["GET", "HEAD"], include_in_schema=False)
    wrap_outermost(app, KriseFastPath)  # outside every middleware: about 15x cheaper per request
