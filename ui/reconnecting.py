"""While the database is unreachable: a "forbinder igen" page for page loads, a banner on open pages, Danish overlay.

Every page gets this from one place: the web app's exception handler answers a page GET that hit DatabaseUnavailable,
and NiceGUI's app-wide exception handler puts the banner on the page whose callback hit it. One app-level watcher
probes the database while it is gone and tells every waiting page when it answers again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import suppress

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from nicegui import Client, Event, app, background_tasks, context, ui
from nicegui.translations import translations

from domain.errors import DatabaseUnavailable
from domain.health import health
from ui.front import status_page
from ui.i18n import t

log = logging.getLogger("sammen.reconnecting")
RETRY_SECONDS = 5  # the 503 page reloads itself and Retry-After says the same to other clients
PROBE_SECONDS = 1.0  # how often the watcher asks the database whether it is back
BANNER = "db-reconnecting"
database_back: Event[[]] = Event()

def unavailable_in(exc: BaseException) -> DatabaseUnavailable | None:
    """The DatabaseUnavailable behind an exception, if any (directly, as a cause, or inside a group)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, DatabaseUnavailable):
            return current
        todo += [current.__cause__, current.__context__, *getattr(current, "exceptions", ())]
    return None


async def unavailable_response(request: Request, exc: Exception) -> Response:
    """A 503 that says "forbinder igen" and asks to be retried, instead of a 500 with a trace."""
    headers = {"Retry-After": str(RETRY_SECONDS), "Cache-Control": "no-store"}
    _outage_seen(exc)
    if request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"status": "unavailable", "retry_after": RETRY_SECONDS}, 503, headers=headers)
    body = status_page(RETRY_SECONDS, BANNER, "db.page.title", "db.page.detail", retry="db.page.retry")
    return HTMLResponse(body, 503, headers=headers)


def _on_exception(exc: Exception) -> None:
    """NiceGUI's app-wide handler: a callback that hit the outage shows the banner on its own page."""
    if unavailable_in(exc) is None:
        return
    _outage_seen(exc)
    try:
        client = context.client
    except RuntimeError:  # a background job without a page: the watcher and the log line are all there is to do
        return
    show_banner(client)


def show_banner(client: Client) -> None:
    """Put the persistent "Forbinder igen…" banner on a page, once, until the database answers again."""
    if client.is_deleted or client.storage.get(BANNER):
        return
    with client.content:
        with ui.row().classes("fixed-top z-max items-center justify-center no-wrap gap-3 q-pa-sm bg-warning "
                              "text-black shadow-2").props('role=status aria-live=polite').mark(BANNER) as banner:
            ui.spinner(size="sm", color="black")
            with ui.column().classes("gap-0"):
                ui.label(t("db.reconnecting")).classes("text-weight-bold")
                ui.label(t("db.reconnecting.detail")).classes("text-caption")
    client.storage[BANNER] = True

    def back() -> None:
        database_back.unsubscribe(back)
        client.storage.pop(BANNER, None)
        banner.delete()
        ui.notify(t("db.back"), type="positive")

    with client.content:
        database_back.subscribe(back)  # dropped with the client, so a closed tab is not called back


class _Watcher:
    """One probe loop per process while the database is gone, however many pages are waiting."""

    def __init__(self) -> None:
        self.task: asyncio.Task[None] | None = None

    def start(self, cause: str) -> None:
        loop = asyncio.get_running_loop()
        if self.task is not None and not self.task.done() and self.task.get_loop() is loop:
            return
        log.warning("database unavailable (%s): pages say 'forbinder igen' until it answers", cause)
        self.task = background_tasks.create(self._probe(time.monotonic()), name="database reconnect watcher")

    async def _probe(self, since: float) -> None:
        while True:
            await asyncio.sleep(PROBE_SECONDS)
            ok, _ = await health()
            if ok:
                log.warning("database answers again after %.0f s", time.monotonic() - since)
                database_back.emit()
                return


watcher = _Watcher()


def _outage_seen(exc: BaseException) -> None:
    found = unavailable_in(exc)
    with suppress(RuntimeError):  # no running loop: nothing to watch from
        watcher.start(found.cause if found else type(exc).__name__)


class _QuietOutage(logging.Filter):
    """NiceGUI logs every callback exception with its trace; an outage gets the watcher's one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None and isinstance(record.msg, BaseException):
            exc = record.msg
        return exc is None or unavailable_in(exc) is None


def _danish_overlay() -> None:
    """NiceGUI has no Danish texts for its "connection lost" overlay; without them a Danish page shows English."""
    translations["da"] = {key: t(f"ws.{key}", "da") for key in (
        "connection_lost", "trying_to_reconnect", "message_too_long", "message_too_long_body")}


def install() -> None:
    """Wire the outage answers into the web app (again on every test run, never twice per app)."""
    app.add_exception_handler(DatabaseUnavailable, unavailable_response)
    app.on_exception(_on_exception)
    nicegui_log = logging.getLogger("nicegui")
    if not any(isinstance(f, _QuietOutage) for f in nicegui_log.filters):
        nicegui_log.addFilter(_QuietOutage())
    _danish_overlay()
