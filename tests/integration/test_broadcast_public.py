"""The public page /krise: escaped HTML from a cache rebuilt only on events, ETag and 304, 503 when too busy."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI, Request

from domain.broadcast import service
from domain.clock import utcnow
from domain.events import bus
from domain.rollout.model import Area
from tests.broadcast_world import build_broadcast_world
from ui.broadcast.public import PUBLIC, register_public


async def test_krise_is_served_from_a_cache_with_etag_304_and_load_shedding(sqlite_database: str) -> None:
    bw = await build_broadcast_world()
    bus.clear()
    app = FastAPI()
    register_public(app)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        empty = await client.get("/krise")
        assert empty.status_code == 200 and "ingen aktuelle krisebeskeder" in empty.text
        assert empty.headers["cache-control"] == "public, max-age=15"
        again = await client.get("/krise", headers={"If-None-Match": empty.headers["etag"]})
        assert again.status_code == 304 and again.headers["etag"] == empty.headers["etag"]

        broadcast_id = await service.do_send_broadcast(
            bw.admin, title="Skolerne lukker <script>alert(1)</script>", body="Fra mandag & indtil videre.",
            areas=[Area.SKOLE], institution_ids=[], email_after_minutes=None, now=utcnow())
        rebuilds = PUBLIC.rebuilds
        pages = [await client.get("/krise", headers={"If-None-Match": empty.headers["etag"]}) for _ in range(20)]
        assert {p.status_code for p in pages} == {200} and PUBLIC.rebuilds == rebuilds + 1  # one rebuild for all
        page = pages[0]
        assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "Fra mandag &amp; indtil videre." in page.text and page.headers["etag"] != empty.headers["etag"]

        PUBLIC.max_in_flight = 0
        try:
            busy = await client.get("/krise")
        finally:
            PUBLIC.max_in_flight = 1000
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"

        await service.do_end_broadcast(bw.admin, broadcast_id, now=utcnow())
        assert "Skolerne lukker" not in (await client.get("/krise")).text
    bus.clear()


async def test_krise_is_answered_in_front_of_every_middleware_and_other_requests_pass_through(
        sqlite_database: str) -> None:
    await build_broadcast_world()
    bus.clear()
    app = FastAPI()
    seen: list[str] = []

    @app.middleware("http")
    async def count(request: Request, call_next: Any) -> Any:
        seen.append(f"{request.method} {request.url.path}")
        return await call_next(request)

    @app.get("/other")
    async def other() -> dict[str, str]:
        return {"ok": "yes"}

    register_public(app)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        page = await client.get("/krise")
        head = await client.head("/krise")
        assert page.status_code == 200 and "Krisebeskeder fra kommunen" in page.text
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == page.headers["etag"]
        assert (await client.get("/other")).json() == {"ok": "yes"}
        assert (await client.post("/krise")).status_code == 405  # not the fast path's: the app refuses it
    assert seen == ["GET /other", "POST /krise"]  # the flood's GET and HEAD never reached the middleware
