"""Husk denne enhed on a 390x844 phone: past the idle limit still signed in at level 2, a følsom message asks for
MitID, and a passkey (Chromium's virtual authenticator over the DevTools protocol) unlocks the device after idling.

This module runs its own server on a clock the test moves (tests/movable_clock_main.py), so 31 idle minutes pass
at once on the server while the browser stays as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from domain import clock
from tests.e2e.conftest import (
    FOREIGN_ENV,
    FOREIGN_PREFIXES,
    LOGIN_BUTTON,
    PHONE,
    ROOT,
    STARTUP_TIMEOUT,
    SammenServer,
    _healthy,
    _stop,
    free_port,
)

GUARDIAN = "demo-foraelder"
SENSITIVE_NOTE = "Følsom besked — log ind med MitID for at læse den"


class MovableServer(SammenServer):
    """A Sammen server whose clock the test moves forward through a file."""

    clock_file: Path
    started_at: datetime
    started_real: float
    moved: timedelta

    def advance(self, delta: timedelta) -> None:
        """Move the server's clock on by delta (it keeps ticking from there)."""
        self.moved += delta
        now = self.started_at + timedelta(seconds=time.monotonic() - self.started_real) + self.moved
        self.clock_file.write_text(now.isoformat())
        time.sleep(0.4)  # the server reads the file every 50 ms

    def database(self) -> Path:
        return self.log.parent / "sammen.sqlite3"


@pytest.fixture(scope="module")
def moving_server(demo_template: Path, tmp_path_factory: pytest.TempPathFactory,
                  chromium_executable: str) -> Iterator[MovableServer]:
    """A Sammen server of this module's own on a copy of the seeded demo (scale 0.1), on a movable clock."""
    workdir = tmp_path_factory.mktemp("e2e-moving-clock")
    shutil.copy(demo_template, workdir / "sammen.sqlite3")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV and not k.startswith(FOREIGN_PREFIXES)}
    env.update({"SAMMEN_DATA_DIR": str(workdir), "NICEGUI_STORAGE_PATH": str(workdir / "nicegui"),
                "DATABASE_URL": f"sqlite://{workdir / 'sammen.sqlite3'}?journal_mode=WAL&busy_timeout=5000",
                "PORT": str(port), "PYTHONUNBUFFERED": "1"})
    clock_file = workdir / "clock.txt"
    started_at, started_real = clock.utcnow(), time.monotonic()
    log = workdir / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "tests.movable_clock_main", started_at.isoformat(),
                                    str(clock_file)], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = MovableServer(url=f"http://localhost:{port}", process=process, log=log)
    server.clock_file, server.started_at, server.started_real, server.moved = (
        clock_file, started_at, started_real, timedelta(0))
    try:
        deadline = time.monotonic() + 2 * STARTUP_TIMEOUT  # a busy machine
        while not _healthy(server.url):
            server.check_alive()
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not start:\n{server.output()}", pytrace=False)
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)


@pytest.fixture
def handset(moving_server: MovableServer, browser: Browser) -> Iterator[Page]:
    """A fresh 390x844 phone."""
    context = browser.new_context(**PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def _remembered_login(page: Page, url: str, screenshot: Callable[[Page, str], Path], acr: str = "3") -> None:
    page.goto(f"{url}/login")
    remember = page.get_by_role("checkbox", name="Husk denne enhed")
    remember.click()
    expect(remember).to_be_checked()
    screenshot(page, "login-husk-denne-enhed")
    page.get_by_role("button", name=LOGIN_BUTTON).click()
    page.wait_for_url(re.compile(r"/dev-idp/authorize"))
    page.locator(f'input[name="acr"][value="{acr}"]').check()
    page.locator(f'button[name="subject"][value="{GUARDIAN}"]').click()
    page.wait_for_url(f"{url}/overblik")
    expect(page.locator("header")).to_be_visible()


def _sensitive_thread(server: MovableServer) -> int:
    with sqlite3.connect(server.database()) as db:
        row = db.execute(
            "SELECT t.id FROM message_thread t JOIN message_participant p ON p.thread_id = t.id "
            "JOIN user_account a ON a.person_id = p.person_id WHERE t.sensitive AND a.oidc_subject = ? "
            "ORDER BY t.id LIMIT 1", (GUARDIAN,)).fetchone()
    assert row, "the demo gives the guardian a følsom thread"
    return int(row[0])


def test_a_remembered_phone_stays_signed_in_at_level_2_and_a_folsom_message_asks_for_mitid(
        handset: Page, moving_server: MovableServer, screenshot: Callable[[Page, str], Path]) -> None:
    url = moving_server.url
    _remembered_login(handset, url, screenshot)
    device = [c for c in handset.context.cookies() if c["name"] == "sammen_device"]
    assert device and device[0]["httpOnly"] and device[0]["sameSite"] == "Lax"

    moving_server.advance(timedelta(minutes=31))
    handset.reload()
    expect(handset.locator("header")).to_be_visible()
    assert handset.url == f"{url}/overblik"  # no login page: the remembered device renewed the session

    thread = _sensitive_thread(moving_server)
    handset.goto(f"{url}/beskeder/{thread}")
    expect(handset.get_by_text(SENSITIVE_NOTE).first).to_be_visible()  # level 2 only: the login at level 3 is gone
    screenshot(handset, "folsom-asks-for-mitid")

    handset.goto(f"{url}/profil")
    card = handset.locator(".q-card", has_text="Huskede enheder")
    expect(card.get_by_text("Denne enhed", exact=True)).to_be_visible()
    expect(card.get_by_text("Chrome · Android").or_(card.get_by_text("Chrome · Linux"))).to_be_visible()
    card.scroll_into_view_if_needed()
    screenshot(handset, "profile-remembered-devices")

    card.get_by_role("button", name=re.compile("^Glem ")).click()
    dialog = handset.get_by_role("dialog")
    expect(dialog).to_contain_text("Næste gang skal du logge ind med MitID")
    dialog.get_by_role("button", name="Glem denne enhed").click()
    expect(handset.get_by_text("Ingen huskede enheder.")).to_be_visible()
    moving_server.advance(timedelta(minutes=31))
    handset.goto(f"{url}/overblik")
    handset.wait_for_url(re.compile(r"/login\?reason=expired"))


def _virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})


def test_a_passkey_unlocks_a_remembered_phone_after_the_idle_limit_and_a_replay_is_refused(
        handset: Page, moving_server: MovableServer, screenshot: Callable[[Page, str], Path]) -> None:
    url = moving_server.url
    _virtual_authenticator(handset)
    _remembered_login(handset, url, screenshot, acr="2")
    handset.goto(f"{url}/profil")
    handset.get_by_role("button", name="Lås op med fingeraftryk eller ansigt").click()
    expect(handset.get_by_text("Adgangsnøglen er gemt på denne enhed.")).to_be_visible()
    expect(handset.get_by_text("Låses op med fingeraftryk eller ansigt")).to_be_visible()
    screenshot(handset, "passkey-registered")

    moving_server.advance(timedelta(minutes=31))
    handset.goto(f"{url}/overblik")
    handset.wait_for_url(re.compile(r"/enhed/laas-op\?next=%2Foverblik|/enhed/laas-op\?next=/overblik"))
    expect(handset.get_by_role("heading", name="Lås Sammen op")).to_be_visible()
    screenshot(handset, "unlock-page")
    with handset.expect_request(lambda r: r.url.endswith("/api/enhed/laas-op") and r.method == "POST") as sent:
        handset.get_by_role("button", name="Lås op").click()
    handset.wait_for_url(f"{url}/overblik")
    expect(handset.locator("header")).to_be_visible()
    screenshot(handset, "unlocked")

    # The same signed answer, sent again, is refused with a clear message (its challenge was used once).
    again = handset.request.post(f"{url}/api/enhed/laas-op", data=sent.value.post_data or "{}", headers={
        "Content-Type": "application/json", "X-Form-Token": sent.value.headers["x-form-token"]})
    assert again.status == 400
    assert again.json()["error"] == "device.passkey.replayed"
    assert "allerede brugt" in again.json()["message"]
