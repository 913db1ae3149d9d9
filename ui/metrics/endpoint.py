"""GET /metrics in Prometheus's text format, for a scraper that sends the bearer token; anyone else gets 401."""

from __future__ import annotations

from collections import Counter

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from nicegui import Client
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from domain.clock import utcnow
from domain.health import database_pool
from domain.metrics_token import check_metrics_authorization, metrics_token
from domain.notifications.backlog import outbox_backlog
from domain.settings import Settings
from ui.metrics.instruments import CLIENTS, DB_POOL, OUTBOX_DEPTH, OUTBOX_OLDEST, REGISTRY

PATH = "/metrics"
KINDS = {"/kommegaa": "board", "/vaegskaerm": "wall", "/leder/kommegaa": "wall-admin", "/overblik": "parent-home"}
KNOWN_KINDS = (*KINDS.values(), "other-page")


def screen_kind(page_path: str | None) -> str:
    """A page's route as one of a few kinds of screen (a label must not grow with the number of routes)."""
    return KINDS.get(page_path or "", "other-page")


def count_clients() -> Counter[str]:
    """Open pages whose browser holds a socket, by kind."""
    counted: Counter[str] = Counter({kind: 0 for kind in KNOWN_KINDS})
    for client in list(Client.instances.values()):
        if client.has_socket_connection:
            counted[screen_kind(getattr(getattr(client, "page", None), "path", None))] += 1
    return counted


async def _refresh() -> None:
    """Set the gauges that are read at scrape time (one aggregate query for the outbox)."""
    for kind, count in count_clients().items():
        CLIENTS.labels(kind=kind).set(count)
    for state, count in database_pool().items():
        DB_POOL.labels(state=state).set(count)
    backlog = await outbox_backlog(utcnow())
    OUTBOX_DEPTH.set(backlog.depth)
    OUTBOX_OLDEST.set(backlog.oldest_seconds)


def install(app: FastAPI, settings: Settings) -> None:
    """Register the route; the token is read (or made) at the first scrape."""

    @app.get(PATH, include_in_schema=False)
    async def metrics(request: Request) -> Response:
        token = metrics_token(settings.metrics_token, settings.data_dir)
        if not check_metrics_authorization(request.headers.get("authorization"), token):
            return PlainTextResponse("401: Bearer token required\n", status_code=401,
                                     headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        await _refresh()
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST,
                        headers={"Cache-Control": "no-store"})
