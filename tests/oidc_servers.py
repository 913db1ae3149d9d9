"""Identity providers for tests that run over real HTTP: oidc-provider-mock, and a misbehaving one."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI, Request, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from auth.dev_idp import DevUser, create_dev_idp_router
from auth.dev_idp.keys import SigningKey

EXT_SECRET = "ext-secret"  # noqa: S105 - the standalone provider's test client secret


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TamperWithIdToken(BaseHTTPMiddleware):
    """Rewrites the ID token's payload on its way out, leaving the old signature in place."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        if not request.url.path.endswith("/token") or response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        data = json.loads(body)
        header, payload, signature = data["id_token"].split(".")
        forged = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
        data["id_token"] = ".".join([header, forged, signature])
        return Response(json.dumps(data), media_type="application/json")


@contextmanager
def serve_app(app: FastAPI, port: int) -> Iterator[None]:
    """Serve an ASGI app on a local port in a thread until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=5)


async def _users() -> list[DevUser]:
    return [DevUser("demo-foraelder", "Mette Kristensen", "Forælder")]


@contextmanager
def hostile_provider(tamper: bool = False, *, client_secret: str = EXT_SECRET,
                     acr_claims: Mapping[str, str] | None = None, key: SigningKey | None = None) -> Iterator[str]:
    """A standalone provider (another key, another process's view) that can forge its ID tokens; `key` lets a test
    switch its signing key or algorithm while it runs, `acr_claims` what it puts in `acr` for levels 2 and 3."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    app = FastAPI()
    app.include_router(create_dev_idp_router(issuer=issuer, client_id="sammen-ext", client_secret=client_secret,
                                             list_users=_users, acr_claims=acr_claims, key=key))
    if tamper:
        app.add_middleware(TamperWithIdToken)
    with serve_app(app, port):
        yield issuer
