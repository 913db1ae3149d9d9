"""Every route of the app answers with the security headers: CSP with frame-ancestors, nosniff, referrer policy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from nicegui import app
from nicegui.testing import User
from starlette.routing import Mount, Route

from domain.settings import load_settings
from tests.ui.conftest import login
from ui.security_headers import policy_for

PARAM = re.compile(r"\{([^}:]+)(:path)?\}")
# Answers that may legitimately take the Sammen page's place in a frame: only the demo supplier, framed by Sammen.
FRAMED_BY_SAMMEN = {"/demo-widget"}


def _concrete(path: str) -> str:
    """The route's path with each parameter filled in (1 for ids, a word for paths)."""
    return PARAM.sub(lambda m: "x" if m.group(2) else "1", path)


def _walk(routes: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    """(method, path) for the HTTP routes and mounts, inside included routers too (FastAPI keeps those apart)."""
    found: list[tuple[str, str]] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            found += _walk(included.routes, prefix + route.include_context.prefix)
        elif isinstance(route, APIRoute | Route):
            methods = sorted(route.methods or {"GET"})
            found.append(("GET" if "GET" in methods else methods[0], _concrete(prefix + route.path)))
        elif isinstance(route, Mount) and not route.path.startswith("/_nicegui_ws"):
            found.append(("GET", _concrete(prefix + route.path) + "/x"))
    return found


def _every_route() -> list[tuple[str, str]]:
    """(method, path) for every HTTP route and mount of the built app."""
    return sorted(set(_walk(list(app.routes))))


def _check(method: str, path: str, headers: dict[str, str]) -> list[str]:
    problems = []
    csp = headers.get("content-security-policy", "")
    ancestors = "frame-ancestors 'self'" if path in FRAMED_BY_SAMMEN else "frame-ancestors 'none'"
    if ancestors not in csp:
        problems.append(f"{method} {path}: CSP {csp!r} lacks {ancestors}")
    if "default-src" not in csp:
        problems.append(f"{method} {path}: CSP {csp!r} has no default-src")
    if headers.get("x-content-type-options") != "nosniff":
        problems.append(f"{method} {path}: no nosniff")
    if headers.get("referrer-policy") not in ("same-origin", "no-referrer"):
        problems.append(f"{method} {path}: referrer policy {headers.get('referrer-policy')!r}")
    if "strict-transport-security" in headers:
        problems.append(f"{method} {path}: HSTS over plain http in development")
    return problems


async def test_every_route_answers_with_the_security_headers_signed_in_or_not(user: User) -> None:
    await user.open("/login")  # the app is built
    routes = _every_route()
    assert len(routes) > 60 and ("GET", "/overblik") in routes and ("GET", "/dev-idp/authorize") in routes
    problems: list[str] = []
    for signed_in in (False, True):
        if signed_in:
            await login(user, "demo-foraelder")
        for method, path in routes:
            answer = await user.http_client.request(method, path, follow_redirects=False)
            problems += _check(method, path, dict(answer.headers))
    assert problems == []


async def test_a_route_with_its_own_stricter_policy_keeps_it_but_cannot_be_framed(user: User) -> None:
    await user.open("/login")
    krise = await user.http_client.get("/krise")
    assert krise.headers["content-security-policy"].startswith("default-src 'none'")
    assert krise.headers["content-security-policy"].count("frame-ancestors") == 1
    widget = await user.http_client.get("/demo-widget")
    assert "frame-ancestors 'self' http://localhost:8080" in widget.headers["content-security-policy"]
    assert "frame-ancestors *" not in widget.headers["content-security-policy"]
    page = await user.http_client.get("/login")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline' 'unsafe-eval'" in csp and "object-src 'none'" in csp
    assert "frame-src 'self' https: http://127.0.0.1:* http://localhost:*" in csp  # http frames: development only


@pytest.fixture
def production_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sammen behind https with the municipality's identity provider (set before main.py runs)."""
    monkeypatch.setenv("PUBLIC_URL", "https://sammen.kommune.dk")
    monkeypatch.setenv("OIDC_ISSUER", "https://login.kommune.dk")


async def test_https_sends_hsts_and_allows_https_frames_only(production_urls: None, user: User) -> None:
    page = await user.http_client.get("/login")
    assert page.headers["strict-transport-security"] == "max-age=31536000"
    assert "frame-src 'self' https:;" in page.headers["content-security-policy"]


def test_the_policy_follows_the_settings() -> None:
    development = policy_for(load_settings({"PORT": "8080"}))
    production = policy_for(load_settings({"PUBLIC_URL": "https://sammen.kommune.dk",
                                           "OIDC_ISSUER": "https://login.kommune.dk"}))
    assert not development.hsts and production.hsts
    assert "http://localhost:*" in development.app_csp and "http:" not in production.app_csp
    assert production.own_origins == "'self' https://sammen.kommune.dk"
