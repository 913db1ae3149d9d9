"""The public page /krise: a plain FastAPI route serving cached, escaped HTML, with ETag, 304 and load shedding."""

from __future__ import annotations

from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import Response

from domain.broadcast.model import PublicItem
from domain.broadcast.public import Busy, PublicPage
from domain.events import bus
from ui.i18n import fmt_datetime, translate

RETRY_AFTER_SECONDS = 5
REFRESH_SECONDS = 120  # an open page picks up news by itself; the ETag makes each reload nearly free
CACHE_CONTROL = "public, max-age=15"
STYLE = (
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f5f5f5;"
    "color:#1d1d1d;line-height:1.5}main{max-width:42rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.4rem;margin:.5rem 0 1rem}article{background:#fff;border-left:6px solid #c10015;"
    "border-radius:8px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}"
    "h2{font-size:1.2rem;margin:0 0 .25rem;color:#c10015}time{color:#555;font-size:.9rem}"
    "p{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0 0}a{color:#1565c0}"
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
            f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
            f"<title>{title} · Sammen</title><style>{STYLE}</style></head><body><main><h1>{title}</h1>"
            f'{articles}<a href="/login">{escape(_da("broadcast.public.login"))}</a></main></body></html>')


PUBLIC = PublicPage(render)


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags


async def krise(request: Request) -> Response:
    """The cached page, a 304 when the browser has it, or a 503 with Retry-After when too busy."""
    try:
        with PUBLIC.admit():
            page = await PUBLIC.current()
    except Busy:
        return Response(_da("broadcast.public.busy"), status_code=503, media_type="text/plain; charset=utf-8",
                        headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"})
    headers = {"ETag": page.etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match"), page.etag):
        return Response(status_code=304, headers=headers)
    return Response(page.body, media_type="text/html; charset=utf-8", headers=headers)


def register_public(app: FastAPI) -> None:
    """Serve /krise and rebuild its cache whenever a broadcast is sent or ended."""
    PUBLIC.invalidate()
    PUBLIC.listen(bus)
    app.add_api_route("/krise", krise, methods=["GET", "HEAD"], include_in_schema=False)
