"""The installable app's routes: content types, caching and policies, and the head every page carries."""

from __future__ import annotations

from nicegui.testing import User


async def test_the_manifest_worker_offline_page_and_icons_are_served_as_browsers_need(user: User) -> None:
    client = user.http_client
    manifest = await client.get("/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest.headers["content-type"] == "application/manifest+json"
    worker = await client.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"  # a new version reaches browsers at their next visit
    assert "script-src 'self';" in worker.headers["content-security-policy"]
    offline = await client.get("/ingen-forbindelse")
    assert offline.status_code == 200 and "Ingen forbindelse — Sammen prøver igen" in offline.text
    assert offline.headers["content-security-policy"].startswith("default-src 'none'; script-src 'sha256-")
    assert offline.headers["x-frame-options"] == "DENY"
    icon = await client.get("/pwa/icon-maskable-512.png")
    assert icon.headers["content-type"] == "image/png" and icon.content.startswith(b"\x89PNG")
    assert (await client.get("/pwa/../main.py")).status_code == 404
    assert (await client.get("/pwa/other.png")).status_code == 404


async def test_every_page_links_the_manifest_and_registers_the_worker_once(user: User) -> None:
    page = await user.http_client.get("/login")
    assert page.text.count('<link rel="manifest" href="/manifest.webmanifest">') == 1
    assert page.text.count("navigator.serviceWorker.register('/sw.js'") == 1
    assert '<meta name="theme-color" content="#1f5f8b">' in page.text
