"""End-to-end fixtures: one real Sammen server per run, Debian's Chromium via sync Playwright, one context per test.

The server runs as a subprocess (migrate, seed --demo --scale 0.1, serve) on a free port with its own SQLite file and
NiceGUI storage in a temporary directory. Tests use the sync Playwright API in plain (non-async) test functions.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.clocks import main_command

ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
IN_CI = os.environ.get("CI") == "true"
STARTUP_TIMEOUT = 60.0
STEP_TIMEOUT = 120.0
DEFAULT_TIMEOUT_MS = 10_000

PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TABLET: dict[str, Any] = {"viewport": {"width": 1024, "height": 768}}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1440, "height": 900}}

# Variables that would point the server elsewhere than its private database and embedded identity provider.
FOREIGN_ENV = ("DATABASE_URL", "REDIS_URL", "OIDC_ISSUER", "PUBLIC_URL", "PORT", "SAMMEN_DATA_DIR")
# PYTEST_CURRENT_TEST makes ui.run() believe it runs under NiceGUI's screen fixture; NICEGUI_* steer NiceGUI too.
FOREIGN_PREFIXES = ("PYTEST_", "NICEGUI_")


# --- markers and reports ------------------------------------------------------------------------------------------

@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an e2e test (so `-m "not e2e"` leaves them out), all on one xdist worker."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            # One worker runs them all, so the session's server and browser start once.
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Keep each phase's report on the item, so fixtures can tell a failed test in their teardown."""
    report: pytest.TestReport = yield
    setattr(item, f"e2e_report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "e2e_report_call", None)
    return report is None or report.failed


def screenshot_path(test_name: str, label: str = "") -> Path:
    """test-artifacts/screenshots/<test name>[-<label>].png, with characters unsafe in file names replaced."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name + (f"-{label}" if label else ""))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{stem}.png"


# --- the browser ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; skipped outside CI and a failure in CI when it is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing (apt-get install chromium); e2e tests need it"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


# Playwright and the browser live per test module (starting them takes ~0.3 s): between sync calls the sync API marks
# its event loop as running in the main thread, so a session-wide instance would break every async test that runs
# after the e2e folder ("package" scope does not help: tests/e2e has no __init__.py, so it acts as "session").
@pytest.fixture(scope="module")
def playwright_instance(chromium_executable: str) -> Iterator[Playwright]:
    """The sync Playwright driver, started once per test module."""
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright, chromium_executable: str) -> Iterator[Browser]:
    """One headless Chromium per test module; each test gets its own context."""
    browser = playwright_instance.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


def _page(browser: Browser, request: pytest.FixtureRequest, options: dict[str, Any]) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(**options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        if _failed(request) and not page.is_closed():
            try:
                page.screenshot(path=screenshot_path(request.node.name, "failure"), full_page=True)
            except Exception as exc:  # a broken page must not hide the test's own failure
                sys.stderr.write(f"failure screenshot not taken: {exc}\n")
        context.close()


@pytest.fixture
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh 390x844 touch phone context."""
    yield from _page(browser, request, PHONE)


@pytest.fixture
def tablet(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh 1024x768 tablet context."""
    yield from _page(browser, request, TABLET)


@pytest.fixture
def desktop(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh 1440x900 desktop context."""
    yield from _page(browser, request, DESKTOP)


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """Save a full-page screenshot named after the running test (plus a label)."""

    def take(page: Page, label: str = "") -> Path:
        path = screenshot_path(request.node.name, label)
        page.screenshot(path=path, full_page=True)
        return path

    return take


# --- the server ----------------------------------------------------------------------------------------------------

@dataclass
class SammenServer:
    """A running Sammen subprocess and where its output goes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self, limit: int = 6000) -> str:
        """The tail of the server's combined stdout and stderr."""
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no server output)"
        return text[-limit:]

    def check_alive(self) -> None:
        """Fail with the server's output when it has died."""
        code = self.process.poll()
        if code is not None:
            pytest.fail(f"Sammen server exited with code {code}; its output:\n{self.output()}", pytrace=False)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_step(args: list[str], env: dict[str, str]) -> None:
    """Run a one-shot main.py command (migrate, seed) and fail with its output when it does not succeed."""
    command = main_command(*args)
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`main.py {' '.join(args)}` took longer than {STEP_TIMEOUT:.0f} s:\n{exc.stderr or ''!s}",
                    pytrace=False)
    if done.returncode != 0:
        pytest.fail(f"`main.py {' '.join(args)}` failed with code {done.returncode}:\n"
                    f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}", pytrace=False)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:  # noqa: S310 (local http URL)
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def sammen_server(tmp_path_factory: pytest.TempPathFactory, chromium_executable: str) -> Iterator[SammenServer]:
    """One real Sammen server for the run: migrated, seeded (demo, scale 0.1), serving on a free port."""
    workdir = tmp_path_factory.mktemp("e2e-server")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV and not k.startswith(FOREIGN_PREFIXES)}
    env.update({
        "SAMMEN_DATA_DIR": str(workdir),
        "DATABASE_URL": f"sqlite://{workdir / 'sammen.sqlite3'}?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL",
        "NICEGUI_STORAGE_PATH": str(workdir / "nicegui"),
        "PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    })
    _run_step(["migrate"], env)
    _run_step(["seed", "--demo", "--scale", "0.1"], env)

    url = f"http://localhost:{port}"  # the public URL the app derives from PORT; cookies and redirects use it
    log = workdir / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(main_command(), cwd=ROOT, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT)
    server = SammenServer(url=url, process=process, log=log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(url):
            server.check_alive()
            if time.monotonic() > deadline:
                pytest.fail(f"Sammen did not answer {url}/api/health within {STARTUP_TIMEOUT:.0f} s; its output:\n"
                            f"{server.output()}", pytrace=False)
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)


@pytest.fixture
def base_url(sammen_server: SammenServer) -> Iterator[str]:
    """The server's URL; the test fails with the server's output if the server died before or during it."""
    sammen_server.check_alive()
    yield sammen_server.url
    sammen_server.check_alive()


# --- logging in ----------------------------------------------------------------------------------------------------

LOGIN_BUTTON = "Log ind med MitID / UNI-Login"


@pytest.fixture
def login(base_url: str) -> Callable[..., None]:
    """Log a page in as a demo user through /login and the embedded identity provider; waits for the home page."""

    def do_login(page: Page, subject: str, home: str, acr: str | None = None) -> None:
        page.goto(f"{base_url}/login")
        page.get_by_role("button", name=LOGIN_BUTTON).click()
        page.wait_for_url(re.compile(r"/dev-idp/authorize"))
        if acr is not None:
            page.locator(f'input[name="acr"][value="{acr}"]').check()
        page.locator(f'button[name="subject"][value="{subject}"]').click()
        page.wait_for_url(f"{base_url}{home}")
        expect(page.locator("header")).to_be_visible()

    return do_login
