"""kill -9 of the process a tablet talks to: through nginx the board carries on on the survivor and loses nothing."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, Response, expect

from tests.e2e.cluster_support import cluster_env, login, prepare_database, processes
from tests.e2e.conftest import free_port
from tests.e2e.failover_support import FAILOVER_PG_URL, need_nginx, nginx, query, served_by

# A check-in starts from these statuses; the board at night and in the afternoon has children in one of them.
CHECKABLE = re.compile("Ikke kommet|Gået hjem")
RELOAD_TIMEOUT_MS = 30_000  # socket.io retries with a back-off of up to 5 s; the page then reloads


def _port(url: str) -> int:
    return int(url.rpartition(":")[2])


def _connected(tablet: Page) -> None:
    # NiceGUI drops a tap made before the page's socket has shaken hands (nicegui.js emits only after the handshake).
    tablet.wait_for_function("() => window.did_handshake === true", timeout=RELOAD_TIMEOUT_MS)


def _check_in(tablet: Page, tile_selector: str) -> None:
    _connected(tablet)
    tablet.locator(tile_selector).click()
    panel = tablet.locator(".q-dialog").last
    panel.get_by_role("button", name="Tjek ind", exact=True).click()
    expect(tablet.locator(tile_selector)).to_contain_text("Til stede")


def _check_out(tablet: Page, tile_selector: str) -> None:
    _connected(tablet)
    tablet.locator(tile_selector).click()
    # The first check-out button is the planned pickup (or a plain one); either confirms in one tap.
    tablet.locator(".q-dialog").last.locator("button").filter(has_text="Tjek ud").first.click()
    expect(tablet.locator(tile_selector)).to_contain_text("Gået hjem")


def _assert_no_error_page(tablet: Page, documents: list[Response]) -> None:
    failed = [f"{r.status} {r.url}" for r in documents if r.status >= 400]
    assert not failed, f"the browser was shown an error page: {failed}"
    body = tablet.locator("body").text_content() or ""
    assert "Traceback" not in body and "Internal Server Error" not in body, body[:2000]


def test_a_tablet_carries_on_on_the_surviving_process_when_its_own_is_killed(tablet: Page, tmp_path: Path) -> None:
    need_nginx()
    nginx_port = free_port()
    public = f"http://localhost:{nginx_port}"  # redirects and the embedded identity provider go through nginx
    env = cluster_env(tmp_path, FAILOVER_PG_URL, {"PUBLIC_URL": public})
    prepare_database(env)
    documents: list[Response] = []
    tablet.on("response", lambda r: documents.append(r) if r.request.resource_type == "document" else None)
    console: list[str] = []
    tablet.on("console", lambda m: console.append(m.text))
    (run := tmp_path / "nginx").mkdir()

    with processes(tmp_path, env, ("a", "b")) as servers, \
            nginx(run, nginx_port, [_port(s.url) for s in servers]) as proxy:
        login(tablet, public, "demo-paedagog-bfo", "/personale")
        tablet.goto(f"{public}/kommegaa")
        candidate = tablet.locator("[data-child]:visible").filter(has_text=CHECKABLE).first
        expect(candidate).to_be_visible()
        child_id = int(candidate.get_attribute("data-child") or "")
        tile = f'[data-child="{child_id}"]'
        last_change = query(FAILOVER_PG_URL, "SELECT coalesce(max(id), 0) AS id FROM presence_change")[0]["id"]
        _check_in(tablet, tile)  # confirmed on the board: the change is committed in PostgreSQL

        route = next(c["value"] for c in tablet.context.cookies() if c["name"] == "sammen_route")
        victim = next(s for s in servers if _port(s.url) == served_by(proxy.access_log, route))
        survivor = next(s for s in servers if s is not victim)
        tablet.evaluate("window.sammenBeforeKill = true")  # gone once the page has reloaded
        victim.process.kill()  # SIGKILL: no goodbye to the websocket, no flushing of anything
        victim.process.wait(timeout=10)

        try:
            tablet.wait_for_function("() => window.sammenBeforeKill === undefined", timeout=RELOAD_TIMEOUT_MS)
        except Exception as exc:
            raise AssertionError(f"the page did not reload after the kill; console: {console}\n{proxy.output()}") \
                from exc
        # The survivor knows the session (Redis) and renders the board from the database: the check-in is there.
        expect(tablet, "the failover cost the session").to_have_url(f"{public}/kommegaa")
        expect(tablet.locator(tile)).to_contain_text("Til stede")

        assert served_by(proxy.access_log, route) == _port(survivor.url)  # the reload (websockets log when closed)

        _check_out(tablet, tile)
        changes = query(FAILOVER_PG_URL, "SELECT action, to_status, day FROM presence_change "
                        "WHERE person_id = $1 AND id > $2 AND NOT undone ORDER BY id", child_id, last_change)
        assert [(c["action"], c["to_status"]) for c in changes] == [("tjek_ind", "til_stede"), ("tjek_ud", "hentet")]
        day = query(FAILOVER_PG_URL, "SELECT status FROM presence_day WHERE person_id = $1 AND day = $2", child_id,
                    changes[-1]["day"])
        assert [d["status"] for d in day] == ["hentet"]
        _assert_no_error_page(tablet, documents)
        survivor.check_alive()
