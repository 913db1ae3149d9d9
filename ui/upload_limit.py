"""Request bodies end at their limit: refused by Content-Length up front, and cut off while streaming past it."""

from __future__ import annotations

import json
import re

from fastapi import FastAPI
from nicegui import Client, ui
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.front import send_response, wrap_outermost
from ui.i18n import t

# NiceGUI's ui.upload posts its files here; the element itself says how large they may be.
UPLOAD_PATH = re.compile(r"/_nicegui/client/([^/]+)/upload/(\d+)")
DEFAULT_UPLOAD_BYTES = 10 * 1024 * 1024  # an upload whose element declares no size
# Several files in one request without a declared total: a whole import set is five files.
FILES_PER_REQUEST = 8
# Multipart boundaries and part headers around the files themselves.
ENVELOPE_BYTES = 64 * 1024
# Every other request body (forms, pings): small. The websocket's long-polling fallback has its own limit.
OTHER_BODY_BYTES = 1024 * 1024
UNLIMITED_PREFIXES = ("/_nicegui_ws/",)


def _mb(size: int) -> str:
    return f"{max(1, round(size / (1024 * 1024)))} MB"


def declared_limit(client_id: str, element_id: int) -> int:
    """The file bytes an upload element accepts in one request, as it told the browser (max-total or max-file size)."""
    client = Client.instances.get(client_id)
    element = client.elements.get(element_id) if client else None
    if element is None:
        return DEFAULT_UPLOAD_BYTES
    props = element.props
    if props.get("max-total-size"):
        return int(props["max-total-size"])
    per_file = int(props.get("max-file-size") or DEFAULT_UPLOAD_BYTES)
    if props.get("multiple"):
        return per_file * int(props.get("max-files") or FILES_PER_REQUEST)
    return per_file


def limit_for(scope: Scope) -> tuple[int, str, str | None]:
    """The body limit of a request (with the envelope), the size to name in the refusal, and the upload's client."""
    match = UPLOAD_PATH.fullmatch(scope["path"])
    if match is None:
        return OTHER_BODY_BYTES, _mb(OTHER_BODY_BYTES), None
    files = declared_limit(match.group(1), int(match.group(2)))
    return files + ENVELOPE_BYTES, _mb(files), match.group(1)


def refusal(size_text: str) -> str:
    """The Danish message for a body over its limit."""
    return t("upload.too_large", "da", limit=size_text)


def _tell_the_page(client_id: str | None, message: str) -> None:
    """Show the refusal on the page that uploaded, as its own upload errors are shown."""
    client = Client.instances.get(client_id) if client_id else None
    if client is None or client.id not in Client.instances:
        return
    with client:
        ui.notify(message, type="negative")


class BodyTooLarge(Exception):
    """Raised into the route that was reading the body: it stops there and stores nothing."""


async def _refuse(send: Send, client_id: str | None, size_text: str) -> None:
    _tell_the_page(client_id, refusal(size_text))
    body = json.dumps({"detail": refusal(size_text)}, ensure_ascii=False).encode()
    # Connection: close, so the server stops taking in the rest of an oversized body.
    await send_response(send, 413, {"Content-Type": "application/json; charset=utf-8", "Connection": "close"}, body)


class UploadLimit:
    """Answers 413 to a body over its limit before reading it, or as soon as streaming passes the limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNLIMITED_PREFIXES):
            await self.app(scope, receive, send)
            return
        limit, size_text, client_id = limit_for(scope)
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _refuse(send, client_id, size_text)
            return
        read, refused, started = 0, False, False

        async def counted() -> Message:
            nonlocal read, refused
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > limit and not started:
                    refused = True
                    await _refuse(send, client_id, size_text)
                    raise BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the refusal has been sent; whatever the interrupted route answers is dropped
            started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            # The route (and any middleware in between, however it wraps the error) was stopped by the refusal.
            if not refused:
                raise


def install(app: FastAPI) -> None:
    """Limit every request body (uploads to what their element declares), outside every other middleware."""
    wrap_outermost(app, UploadLimit)
