"""What answers before every middleware: page-load admission, and a way to put an ASGI layer outermost."""

from __future__ import annotations

import html
import random
from collections.abc import Callable

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from ui.i18n import t

# A page build takes 50-150 ms of the process's one core; NiceGUI gives up on a build after 3 s. More builds than
# this at once would all finish late (a herd of phones reloading after a process died made them time out with 500s),
# so the rest are told to come back in a few seconds, spread out so they do not return together.
MAX_PAGE_BUILDS = 16
RETRY_SECONDS = (2, 8)

PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{seconds}"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;background:#f5f5f5;color:#1d1d1d;display:flex;min-height:100vh;
margin:0;align-items:center;justify-content:center}}main{{max-width:28rem;padding:2rem;text-align:center}}
h1{{font-size:1.4rem;color:#1f5f8b}}p{{line-height:1.5}}.en{{color:#666;font-size:.9rem}}
a{{color:#1f5f8b}}</style></head>
<body><main data-sammen="{marker}"><h1>{title}</h1><p>{detail}</p>{retry}
<p class="en" lang="en">{title_en} {detail_en}</p></main></body></html>"""


def status_page(seconds: int, marker: str, title: str, detail: str, retry: str | None = None) -> str:
    """A bilingual plain-HTML page that reloads itself after `seconds` (text keys, escaped here)."""
    link = f'<p><a href="">{html.escape(t(retry, "da"))}</a></p>' if retry else ""
    return PAGE.format(seconds=seconds, marker=html.escape(marker), retry=link,
                       title=html.escape(t(title, "da")), detail=html.escape(t(detail, "da")),
                       title_en=html.escape(t(title, "en")), detail_en=html.escape(t(detail, "en")))


async def send_response(send: Send, status: int, headers: dict[str, str], body: bytes) -> None:
    """Answer an HTTP request at the ASGI level, without any framework in between."""
    await send({"type": "http.response.start", "status": status,
                "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]})
    await send({"type": "http.response.body", "body": body})


def wrap_outermost(app: FastAPI, layer: Callable[[ASGIApp], ASGIApp]) -> None:
    """Put an ASGI layer outside every middleware, including those NiceGUI adds when the server starts (once)."""
    # Pages are registered again on every test run against the same app; a layer must not stack up.
    wrapped: set[str] = app.__dict__.setdefault("_sammen_outermost", set())
    if layer.__qualname__ in wrapped:
        return
    wrapped.add(layer.__qualname__)
    # add_middleware now would land inside the session middleware NiceGUI adds later; the built stack is wrapped.
    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: layer(build())  # type: ignore[method-assign]


def _is_page_load(scope: Scope) -> bool:
    """A browser navigating to a page (not a websocket, asset, API call or download)."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(("/_nicegui", "/api/")):
        return False
    accept = next((v for k, v in scope["headers"] if k == b"accept"), b"")
    return b"text/html" in accept


def busy_page() -> tuple[int, dict[str, str], bytes]:
    """The 503 a page load gets while the process is full: it reloads itself after a few random seconds."""
    seconds = random.randint(*RETRY_SECONDS)  # noqa: S311 - spreading retries, not security
    body = status_page(seconds, "busy", "busy.title", "busy.detail")
    return 503, {"Content-Type": "text/html; charset=utf-8", "Retry-After": str(seconds),
                 "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}, body.encode()


class PageAdmission:
    """Lets at most MAX_PAGE_BUILDS page loads into the process at once and answers the others 503 at once."""

    def __init__(self, app: ASGIApp, limit: int = MAX_PAGE_BUILDS) -> None:
        self.app, self.limit = app, limit
        self.in_flight = 0
        self.turned_away = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_page_load(scope):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            self.turned_away += 1
            await send_response(send, *busy_page())
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


def install(app: FastAPI) -> None:
    """Page-load admission in front of everything."""
    wrap_outermost(app, PageAdmission)
