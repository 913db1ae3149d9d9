"""Page-load admission: beyond the limit a page load gets the self-reloading busy page at once, nothing else waits."""

from __future__ import annotations

import asyncio
from typing import Any

from ui.front import MAX_PAGE_BUILDS, PageAdmission

HTML = [(b"accept", b"text/html,application/xhtml+xml")]


def _scope(path: str, headers: list[tuple[bytes, bytes]], method: str = "GET", kind: str = "http") -> dict[str, Any]:
    return {"type": kind, "method": method, "path": path, "headers": headers}


async def _call(admission: PageAdmission, scope: dict[str, Any]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await admission(scope, receive, send)
    return sent


async def test_page_loads_beyond_the_limit_get_the_busy_page_and_others_pass() -> None:
    release = asyncio.Event()
    reached: list[str] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        reached.append(scope["path"])
        if scope["path"] == "/slow":
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"page"})

    admission = PageAdmission(app, limit=MAX_PAGE_BUILDS)
    building = [asyncio.create_task(_call(admission, _scope("/slow", HTML))) for _ in range(MAX_PAGE_BUILDS)]
    await asyncio.sleep(0)
    assert admission.in_flight == MAX_PAGE_BUILDS
    busy = await _call(admission, _scope("/overblik", HTML))
    assert busy[0]["status"] == 503 and admission.turned_away == 1
    headers = dict(busy[0]["headers"])
    assert 2 <= int(headers[b"retry-after"]) <= 8 and headers[b"cache-control"] == b"no-store"
    body = busy[1]["body"].decode()
    assert "Sammen har travlt lige nu" in body and 'http-equiv="refresh"' in body and "Sammen is busy" in body
    # Not page loads: an API call, a websocket, an asset, a form post and a download still reach the app.
    for scope in (_scope("/api/health", HTML), _scope("/_nicegui/client/x", HTML),
                  _scope("/ws", HTML, kind="websocket"), _scope("/beskeder/fil/1", [(b"accept", b"*/*")]),
                  _scope("/x", HTML, method="POST")):
        if scope["type"] == "http":
            assert (await _call(admission, scope))[0]["status"] == 200
        else:
            await _call(admission, scope)
    assert "/overblik" not in reached and admission.turned_away == 1
    release.set()
    await asyncio.gather(*building)
    assert admission.in_flight == 0
    assert (await _call(admission, _scope("/overblik", HTML)))[0]["status"] == 200  # room again


def test_the_crisis_page_bucket_allows_its_rate_and_refills_with_time() -> None:
    from ui.broadcast.public import TokenBucket

    bucket = TokenBucket(5.0)
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]  # a second's worth at once, then nothing
    bucket.at -= 0.4  # as if 0.4 s had passed: two more
    assert [bucket.take() for _ in range(3)] == [True, True, False]
    bucket.at -= 60  # a long quiet spell refills only up to one second's worth
    assert sum(bucket.take() for _ in range(10)) == 5
