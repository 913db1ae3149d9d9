"""GET /metrics: Prometheus's text for the bearer token only, with the live screens and the pages built."""

from __future__ import annotations

import re

import pytest
from nicegui.testing import User
from prometheus_client.parser import text_string_to_metric_families

from tests.ui.conftest import login

TOKEN = "metrics-test-token-0123456789"


@pytest.fixture(autouse=True)
def metrics_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMMEN_METRICS_TOKEN", TOKEN)


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample by name and labels, parsed by Prometheus's own parser."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def test_without_the_token_nothing_is_told(user: User) -> None:
    client = user.http_client
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        answer = await client.get("/metrics", headers=headers)
        assert answer.status_code == 401, headers
        assert answer.headers["www-authenticate"] == 'Bearer realm="metrics"'
        assert "sammen_" not in answer.text


async def test_the_scraper_sees_live_screens_page_builds_pool_and_outbox(user: User) -> None:
    assert await login(user, "demo-foraelder") == "/"
    await user.open("/overblik")
    answer = await user.http_client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-type"].startswith("text/plain; version=")
    samples = _samples(answer.text)
    assert samples[("sammen_connected_clients", (("kind", "parent-home"),))] >= 1
    assert samples[("sammen_connected_clients", (("kind", "board"),))] == 0
    assert samples[("sammen_page_build_seconds_count", (("page", "/overblik"),))] >= 1
    assert samples[("sammen_db_pool_connections", (("state", "size"),))] == 1  # SQLite: one connection
    assert ("sammen_notification_outbox_depth", ()) in samples
    for name in ("sammen_loop_lag_seconds_count", "sammen_event_fanout_seconds_count",
                 "sammen_loop_lag_longest_seconds"):
        assert (name, ()) in samples, name
    # Labels are kinds, route templates, states and generations: nothing about a person can reach the scraper.
    labels = {(k, v) for _, pairs in samples for k, v in pairs if k != "le"}
    assert {k for k, _ in labels} <= {"kind", "page", "state", "generation"}
    assert all(re.fullmatch(r"(/[a-zæøå{}_/-]*|[a-z_-]+|\d)", v) for _, v in labels), labels
