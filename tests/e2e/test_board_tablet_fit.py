"""The KommeGå board as a working surface on a tablet, in Chromium: a one-row app bar, at least 20 whole tiles on
load (4 rows of 5 at 1024×768), and counts and alerts that stay in view while the tiles scroll.

The session's shared server holds too few children (scale 0.1), so this module starts its own, seeded at a chosen
Monday 14:30 with enough children that the board's default view ("Her og forventet") has more than 20 tiles.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import (
    DEFAULT_TIMEOUT_MS,
    FOREIGN_ENV,
    FOREIGN_PREFIXES,
    LOGIN_BUTTON,
    ROOT,
    STARTUP_TIMEOUT,
    STEP_TIMEOUT,
    SammenServer,
    _healthy,
    _stop,
    free_port,
)

INSTANT = "2026-12-07T14:30:00+01:00"  # a Monday afternoon: most children here, some still expected
SCALE = "0.4"  # Skovlyskolens BFO ~70 children, Solsikken ~40
HOMES = {"demo-paedagog-bfo": "/personale", "demo-leder": "/leder"}
LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 768, "height": 1024}
MEASURE = """() => {
  const header = document.querySelector('header').getBoundingClientRect();
  const summary = document.querySelector('.board-sticky').getBoundingClientRect();
  const tiles = [...document.querySelectorAll('.board-tile')].filter(e => e.offsetParent !== null)
    .map(e => e.getBoundingClientRect());
  const whole = tiles.filter(r => r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth);
  return {header: header.height, summaryTop: summary.top, summaryBottom: summary.bottom, tiles: tiles.length,
          whole: whole.length, firstTop: tiles.length ? tiles[0].top : null,
          scrollWidth: document.documentElement.scrollWidth};
}"""


def _main(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.clocked_main", INSTANT, *args]


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory: pytest.TempPathFactory, chromium_executable: str) -> Iterator[SammenServer]:
    """A server of its own on a Monday afternoon with a bigger demo municipality."""
    workdir: Path = tmp_path_factory.mktemp("e2e-board-fit")
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV and not k.startswith(FOREIGN_PREFIXES)}
    env.update({"SAMMEN_DATA_DIR": str(workdir), "NICEGUI_STORAGE_PATH": str(workdir / "nicegui"),
                "DATABASE_URL": f"sqlite://{workdir / 'sammen.sqlite3'}?journal_mode=WAL&busy_timeout=5000",
                "PORT": str(free_port()), "PYTHONUNBUFFERED": "1", "SAMMEN_RUN_JOBS": "0"})
    for step in (["migrate"], ["seed", "--demo", "--scale", SCALE]):
        done = subprocess.run(_main(*step), cwd=ROOT, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT,
                              check=False)
        assert done.returncode == 0, f"{step}: {done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    log = workdir / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(_main(), cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = SammenServer(url=f"http://localhost:{env['PORT']}", process=process, log=log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(server.url):
            server.check_alive()
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)


def board(browser: Browser, server: SammenServer, subject: str, viewport: dict[str, Any]) -> Page:
    """A fresh tablet context, logged in, on the board once its tiles are drawn."""
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[arg-type]
    page.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page.goto(f"{server.url}/login")
    page.get_by_role("button", name=LOGIN_BUTTON).click()
    page.wait_for_url(re.compile(r"/dev-idp/authorize"))
    page.locator(f'button[name="subject"][value="{subject}"]').click()
    page.wait_for_url(f"{server.url}{HOMES[subject]}")
    page.goto(f"{server.url}/kommegaa")
    expect(page.locator(".board-tile:visible").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("subject", list(HOMES))
@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_board_fits_a_tablet_with_20_tiles_and_counts_that_stay(
        browser: Browser, busy_server: SammenServer, subject: str, viewport: dict[str, Any]) -> None:
    page = board(browser, busy_server, subject, viewport)
    try:
        loaded = page.evaluate(MEASURE)
        assert loaded["header"] <= 64, loaded  # one row: the app bar does not wrap
        assert loaded["tiles"] > 20, loaded  # enough children in the default view for the check to mean something
        assert loaded["whole"] >= 20, loaded  # 4 rows of 5 (5 rows of 4 upright) above the fold
        assert loaded["scrollWidth"] <= viewport["width"], loaded
        page.mouse.wheel(0, 400)
        page.wait_for_function("scrollY >= 200")
        scrolled = page.evaluate(MEASURE)
        assert scrolled["firstTop"] <= loaded["firstTop"] - 200, (loaded, scrolled)  # the tiles scrolled
        # The counts and alerts did not: they sit right under the app bar.
        assert abs(scrolled["summaryTop"] - scrolled["header"]) <= 6, scrolled
        expect(page.locator(".board-sticky").get_by_text("Forventet i dag")).to_be_in_viewport()
    finally:
        page.context.close()
