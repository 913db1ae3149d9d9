"""A PostgreSQL restart seen from the browser: a "forbinder igen" page and banner meanwhile, the normal page after."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nicegui.testing import User

from domain.clock import today_local
from persistence import db
from persistence.people import Person
from persistence.presence import PresenceDay
from tests.conftest import TODAY, fresh_database
from tests.tcp_proxy import TcpProxy
from tests.ui.conftest import login

pytestmark = pytest.mark.postgres
SOFIE = "demo-paedagog-bfo"


@pytest.fixture
async def proxy(app_environment: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[TcpProxy]:
    """The demo municipality on the test PostgreSQL, which the app reaches only through a proxy the test can cut."""
    from demo.seed import seed_demo

    url = await fresh_database("postgres", tmp_path)
    await db.open_database(url)
    try:
        await seed_demo(today=TODAY, scale=0.1)
    finally:
        await db.close_database()
    tcp = await TcpProxy.in_front_of(url)
    monkeypatch.setenv("DATABASE_URL", tcp.url)
    yield tcp
    await tcp.close()


async def test_a_page_load_during_an_outage_gets_the_forbinder_igen_page_and_the_page_itself_after_restore(
        proxy: TcpProxy, user: User) -> None:
    await login(user, "demo-foraelder")
    client = user.http_client
    assert (await client.get("/overblik")).status_code == 200

    for hang in (False, True):  # refused (the server is down) and a black hole (connect times out)
        await proxy.cut(hang=hang)
        page = await client.get("/overblik")
        assert page.status_code == 503, page.text[:300]
        assert page.headers["retry-after"] == "5"
        assert "Sammen forbinder igen…" in page.text
        assert '<meta http-equiv="refresh" content="5">' in page.text
        assert "Traceback" not in page.text
        health = await client.get("/api/health")
        assert health.status_code == 503
        assert health.json()["database"]["status"] == "unavailable"
        await proxy.restore()

    page = await client.get("/overblik")
    assert page.status_code == 200
    assert "Overblik · Sammen" in page.text
    # NiceGUI's own overlay, for when the server process itself is gone, speaks Danish too.
    assert "<span>Forbinder igen…</span>" in page.text
    assert (await client.get("/api/health")).status_code == 200


async def test_an_open_board_says_forbinder_igen_when_a_tap_hits_the_outage_and_works_again_after_restore(
        proxy: TcpProxy, user: User) -> None:
    await login(user, SOFIE)
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    await PresenceDay.filter(person_id=oscar.id, day=today_local()).delete()
    await user.open("/kommegaa")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker=f"panel-{oscar.id}", retries=20)

    await proxy.cut()
    user.find(marker="action-tjek_ind").click()
    await user.should_see(marker="db-reconnecting", retries=40)
    await user.should_see("Forbinder igen…")
    await user.should_not_see(marker=f"status-{oscar.id}-til_stede")

    await proxy.restore()
    await user.should_not_see(marker="db-reconnecting", retries=60)
    await user.should_see("Forbindelsen er tilbage.")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker="action-tjek_ind", retries=20)
    user.find(marker="action-tjek_ind").click()
    await user.should_see(marker=f"status-{oscar.id}-til_stede", retries=20)
