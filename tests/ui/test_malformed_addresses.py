"""Malformed addresses get a Danish page, never a 500 or a trace: on SQLite and on PostgreSQL.

Ids too large for the database used to give a 500 page with PostgreSQL's own text ("value out of int32 range"),
"/barn/abc" English JSON, and an unknown page NiceGUI's "HTTPException: 404". The walk tries every GET route with
huge, negative, non-numeric and NUL values in each of its path and query parameters.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast, get_args
from urllib.parse import quote

import httpx
import pytest
from fastapi.routing import APIRoute
from nicegui import core
from nicegui.testing import User

from persistence import db
from tests.conftest import TODAY, fresh_database
from tests.ui.conftest import login
from ui.guard import PAGES

# One demo login per role, to open each page as someone who may (so its builder runs on the malformed value).
SUBJECTS = {"parent": "demo-foraelder", "staff": "demo-laerer", "leader": "demo-leder", "admin": "demo-admin",
            "project_team": "demo-projektgruppe", "child": "demo-barn-klub", "ppr": "demo-ppr"}
BAD = ("99999999999999999999", "2147483648", "-1", "0", "abc", "%00", "1%00", "%C2%B2", "1.5")
NOT_FOUND, BAD_REQUEST = "Siden findes ikke", "Adressen kan ikke bruges"


@pytest.fixture(params=["sqlite", "postgres"])
async def backend(request: pytest.FixtureRequest, app_environment: None, monkeypatch: pytest.MonkeyPatch,
                  tmp_path: Path) -> AsyncIterator[str]:
    """The demo municipality on SQLite (the UI tests' copy) or seeded on the test PostgreSQL."""
    if request.param == "postgres":
        from demo.seed import seed_demo

        url = await fresh_database("postgres", tmp_path)
        await db.open_database(url)
        try:
            await seed_demo(today=TODAY, scale=0.1)
        finally:
            await db.close_database()
        monkeypatch.setenv("DATABASE_URL", url)
    yield request.param


def browser() -> httpx.AsyncClient:
    """A browser of its own (its own cookies) that sees a 500 as a response instead of the app's exception."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(core.app, raise_app_exceptions=False),
                             base_url="http://test", headers={"accept": "text/html"})


async def signed_in(subject: str) -> httpx.AsyncClient:
    client = browser()
    await login(cast(User, SimpleNamespace(http_client=client)), subject)
    return client


def api_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every route with its full path, also those of included routers (the login, the development provider)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # FastAPI keeps an included router as one entry
            yield from api_routes(route.original_router.routes, prefix + route.include_context.prefix)


def get_routes() -> list[tuple[str, APIRoute]]:
    return [(path, r) for path, r in api_routes(core.app.routes) if "GET" in (r.methods or ())
            and not path.startswith("/_nicegui") and (r.dependant.path_params or r.dependant.query_params)]


def is_int(field: Any) -> bool:
    annotation = field.field_info.annotation
    return annotation is int or int in get_args(annotation)


def fill(path: str, values: dict[str, str]) -> str:
    """The route's pattern with its parameters filled in ("{name}" and "{name:path}" alike)."""
    return re.sub(r"\{(\w+)(:[^}]*)?\}", lambda m: values[m.group(1)], path)


def addresses(path: str, route: APIRoute) -> Iterator[tuple[str, str, bool]]:
    """(address, where the bad value is, whether that parameter is an int) for each parameter and bad value."""
    plain = {f.name: "1" for f in route.dependant.path_params}
    for field in route.dependant.path_params:
        for value in BAD:
            yield fill(path, {**plain, field.name: value}), "path", is_int(field)
    for field in route.dependant.query_params:
        for value in BAD:
            yield f"{fill(path, plain)}?{quote(field.name)}={value}", "query", is_int(field)


async def walk(clients: dict[str, httpx.AsyncClient]) -> list[str]:
    """Every GET route with each bad value; returns what went wrong."""
    wrong: list[str] = []
    for path, route in get_routes():
        spec = PAGES.get(path)
        role = "anonymous" if spec is None or spec.public else next(
            (r.value for r in sorted(spec.roles, key=lambda r: r.value) if r.value in SUBJECTS), "anonymous")
        client = clients.get(role) or clients["leader"]
        for address, where, int_param in addresses(path, route):
            answer = await client.get(address, follow_redirects=False)
            text = answer.text
            if answer.status_code >= 500 or "Traceback" in text or "HTTPException" in text or "int32" in text:
                wrong.append(f"{answer.status_code} {address}")
            elif int_param and (answer.status_code, NOT_FOUND if where == "path" else BAD_REQUEST) not in (
                    (404, NOT_FOUND if NOT_FOUND in text else ""), (400, BAD_REQUEST if BAD_REQUEST in text else "")):
                wrong.append(f"{answer.status_code} {address} (expected the Danish {where} refusal)")
    return wrong


def post_routes() -> list[tuple[str, APIRoute]]:
    return [(path, r) for path, r in api_routes(core.app.routes) if "POST" in (r.methods or ())
            and not path.startswith("/_nicegui")]


async def walk_undeclared(clients: dict[str, httpx.AsyncClient]) -> list[str]:
    """Every GET route, also those that read the query themselves (the development provider), with NUL-laden values."""
    query = "&".join(f"{name}=1%00" for name in ("client_id", "redirect_uri", "response_type", "scope", "state",
                                                  "code", "nonce", "code_challenge", "next", "token", "widget"))
    wrong: list[str] = []
    for path, route in api_routes(core.app.routes):
        if "GET" not in (route.methods or ()) or path.startswith("/_nicegui"):
            continue
        address = f"{fill(path, {f.name: '1' for f in route.dependant.path_params})}?{query}"
        answer = await clients["parent"].get(address, follow_redirects=False)
        if answer.status_code >= 500 or "Traceback" in answer.text:
            wrong.append(f"{answer.status_code} GET {address}")
    return wrong


async def walk_posts(clients: dict[str, httpx.AsyncClient]) -> list[str]:
    """Every POST route with bad path values and a form of NUL-laden fields; returns the answers of 500 or more."""
    form = {name: "1\x00" for name in ("token", "code", "state", "subject", "acr", "client_id", "grant_type",
                                        "redirect_uri", "code_verifier", "csrf", "next", "x")}
    wrong: list[str] = []
    for path, route in post_routes():
        plain = {f.name: "1" for f in route.dependant.path_params}
        targets = [fill(path, {**plain, f.name: v}) for f in route.dependant.path_params for v in BAD]
        for address in targets or [path]:
            for client in (clients["anonymous"], clients["parent"]):
                answer = await client.post(address, data=form, follow_redirects=False)
                if answer.status_code >= 500 or "Traceback" in answer.text:
                    wrong.append(f"{answer.status_code} POST {address}")
    return wrong


async def test_every_route_answers_malformed_ids_and_values_with_a_danish_page_and_no_trace(
        backend: str, user: User, caplog: pytest.LogCaptureFixture) -> None:
    await user.open("/login")  # the app is built
    clients = {"anonymous": browser(), **{role: await signed_in(s) for role, s in SUBJECTS.items()}}
    caplog.clear()
    caplog.set_level(logging.WARNING)
    walked = {path for path, _ in get_routes()}
    assert {"/barn/{child_id}", "/foto/{child_id}", "/auth/login", "/afvist"} <= walked
    assert len(walked) >= 25, walked
    assert await walk(clients) == []
    assert {"/auth/logout", "/dev-idp/token"} <= {path for path, _ in post_routes()}
    assert await walk_posts(clients) == []
    assert await walk_undeclared(clients) == []
    for client in clients.values():
        await client.aclose()
    traces = [f"{r.name}: {r.getMessage()[:80]}" for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert traces == []  # a refused address is one warning line, never a logged exception


async def test_a_huge_id_gets_the_danish_not_found_page_and_one_log_line_without_the_value(
        backend: str, user: User, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="sammen.input")
    await login(user, "demo-foraelder")
    for address in ("/barn/99999999999999999999", "/beskeder/2147483648", "/foto/99999999999999999999",
                    "/kalender/begivenhed/99999999999999999999.ics"):
        answer = await user.http_client.get(address, headers={"accept": "text/html"})
        assert answer.status_code == 404, address
        assert "<title>Siden findes ikke · Sammen</title>" in answer.text and 'lang="da"' in answer.text
        assert "int32" not in answer.text and "Error" not in answer.text
    lines = [r.getMessage() for r in caplog.records if r.name == "sammen.input"]
    assert lines[0] == "refused address GET /barn/{child_id}: path child_id"
    assert len(lines) == 4 and not any("99999" in line or "2147483648" in line for line in lines)


async def test_a_bad_id_in_the_query_is_a_danish_400(user: User) -> None:
    await login(user, "demo-foraelder")
    answer = await user.http_client.get("/beskeder?mappe=99999999999999999999", headers={"accept": "text/html"})
    assert answer.status_code == 400 and "Adressen kan ikke bruges" in answer.text


async def test_an_unknown_page_says_so_in_danish_without_httpexception(user: User) -> None:
    answer = await user.http_client.get("/findes-ikke", headers={"accept": "text/html"})
    assert answer.status_code == 404
    assert "Siden findes ikke" in answer.text and "This page does not exist" in answer.text
    assert "HTTPException" not in answer.text and "Til forsiden" in answer.text


async def test_a_page_that_fails_shows_a_danish_500_without_the_exception_text(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("hemmelig detalje fra databasen")

    await user.open("/login")
    monkeypatch.setattr(importlib.import_module("ui.identity.login"), "login_notice", broken)
    async with browser() as client:
        answer = await client.get("/login")
    assert answer.status_code == 500
    assert "Noget gik galt" in answer.text and "kommunens support" in answer.text
    assert "hemmelig" not in answer.text and "RuntimeError" not in answer.text
