"""Danish error pages for a wrong address, an id no row can have and an unexpected failure: never exception text.

FastAPI answers a malformed path or query parameter with English JSON (422) and NiceGUI shows "HTTPException: 404"
or the exception's own text on a 500 page. These handlers answer in Danish (and English below it) instead, and log a
refused address as one line naming the route and parameter, never what was typed.
"""

from __future__ import annotations

import html
import logging
import types
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Le
from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from nicegui import app
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.ids import MAX_ID
from ui.i18n import t

log = logging.getLogger("sammen.input")

# An id in an address: a whole number the database's id column can hold; anything else is refused before the page.
Id = Annotated[int, Ge(1), Le(MAX_ID)]

PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Sammen</title>
<style>body{{font-family:system-ui,sans-serif;background:#f5f5f5;color:#1d1d1d;display:flex;min-height:100vh;
margin:0;align-items:center;justify-content:center}}main{{max-width:28rem;padding:2rem;text-align:center}}
h1{{font-size:1.4rem;color:#1f5f8b}}p{{line-height:1.5}}.en{{color:#666;font-size:.9rem}}
a{{color:#1f5f8b}}</style></head>
<body><main data-sammen="error-{status}"><h1>{title}</h1><p>{detail}</p><p><a href="/">{back}</a></p>
<p class="en" lang="en">{title_en} {detail_en}</p></main></body></html>"""

KEYS = {404: "errorpage.not_found", 400: "errorpage.bad_request", 500: "errorpage.server_error"}


def bounded(annotation: Any) -> Any:
    """`int` becomes Id and `int | None` becomes `Id | None`; any other parameter type stays as it is."""
    if annotation is int:
        return Id
    if get_origin(annotation) in (Union, types.UnionType) and set(get_args(annotation)) == {int, type(None)}:
        return Id | None
    return annotation


def error_response(request: Request, status: int) -> Response:
    """The bilingual page (or JSON for an API client) for a status: no exception text, a way back to the start."""
    key = KEYS[status]
    headers = {"Cache-Control": "no-store"}
    if request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"detail": t(f"{key}.detail", "da")}, status, headers=headers)
    body = PAGE.format(status=status, back=html.escape(t("error.back", "da")),
                       title=html.escape(t(f"{key}.title", "da")), detail=html.escape(t(f"{key}.detail", "da")),
                       title_en=html.escape(t(f"{key}.title", "en")), detail_en=html.escape(t(f"{key}.detail", "en")))
    return HTMLResponse(body, status, headers=headers)


def _route(request: Request) -> str:
    """The route's pattern (/barn/{child_id}), which names the page without repeating what was typed."""
    route = request.scope.get("route")
    return str(getattr(route, "path", "?"))


async def refused_parameter(request: Request, exc: Exception) -> Response:
    """A path parameter that cannot be an id is a page that does not exist (404); a bad query value is a 400."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    where = sorted({f"{e['loc'][0]} {e['loc'][-1]}" for e in errors if len(e.get("loc", ())) > 1})
    log.warning("refused address %s %s: %s", request.method, _route(request), ", ".join(where) or "invalid")
    in_path = any(e.get("loc", ("",))[0] == "path" for e in errors)
    return error_response(request, 404 if in_path else 400)


async def not_found(request: Request, exc: Exception) -> Response:
    """No such page: the Danish page; an API route that said 404 itself keeps its JSON answer (as NiceGUI does)."""
    endpoint = request.scope.get("endpoint")
    if endpoint is not None and not request.scope.get("nicegui_page_path") \
            and isinstance(exc, StarletteHTTPException):
        return await http_exception_handler(request, exc)
    return error_response(request, 404)


async def server_error(request: Request, exc: Exception) -> Response:
    """An unexpected failure: the Danish page; the trace goes to the server log (the server logs it), not the user."""
    return error_response(request, 500)


def install() -> None:
    """Answer malformed addresses, unknown pages and failures with the Danish pages (replacing NiceGUI's own)."""
    app.add_exception_handler(RequestValidationError, refused_parameter)
    app.add_exception_handler(404, not_found)
    app.add_exception_handler(Exception, server_error)
