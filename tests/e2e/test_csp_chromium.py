"""Sammen's pages work under its Content-Security-Policy: every role's pages load in Chromium with no violation."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import free_port

pytestmark = pytest.mark.e2e

Login = Callable[..., None]
# Reported by the page itself (the securitypolicyviolation event), from every document and frame, after navigations.
REPORTER = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} on ${e.documentURI}`);
});
"""


def _watch(page: Page) -> list[str]:
    """Collect every CSP violation the page's documents report, and Chromium's console lines about the policy."""
    seen: list[str] = []
    context: BrowserContext = page.context
    context.expose_binding("reportCsp", lambda _source, text: seen.append(str(text)))
    context.add_init_script(REPORTER)

    def console(message: Any) -> None:
        if "Content Security Policy" in message.text or "unsafe-eval" in message.text:
            seen.append(f"console: {message.text}")

    page.on("console", console)
    return seen


def _visit(page: Page, base_url: str, path: str) -> None:
    """Open a page and wait until NiceGUI has drawn it and its socket is connected."""
    page.goto(f"{base_url}{path}")
    expect(page.locator("#app")).to_be_visible()
    page.wait_for_function("() => window.socket && window.socket.connected")


def test_a_parent_on_a_phone_sees_every_page_and_the_suppliers_frame_without_a_violation(
        phone: Page, login: Login, base_url: str) -> None:
    seen = _watch(phone)
    login(phone, "demo-foraelder", "/overblik")  # /login and the development IdP's pages on the way
    frame = phone.frame_locator("iframe[sandbox]").first
    expect(frame.locator("h1")).to_contain_text("Hej forælder")  # the demo supplier, framed by Sammen
    for path in ("/beskeder", "/beskeder/ny", "/kalender", "/samtykker", "/profil"):
        _visit(phone, base_url, path)
    _visit(phone, base_url, "/overblik")
    expect(phone.get_by_text("Hej Mette")).to_be_visible()
    phone.locator(".q-page .q-card", has_text="Oscar Kristensen").click()  # the child's page, with its photo
    phone.wait_for_url(re.compile(r"/barn/\d+$"))
    expect(phone.locator(".q-card", has_text="Forløb 0–16 år")).to_be_visible()
    assert seen == []


def test_staff_on_a_tablet_see_the_board_without_a_violation(tablet: Page, login: Login, base_url: str) -> None:
    seen = _watch(tablet)
    login(tablet, "demo-laerer", "/personale")
    for path in ("/kommegaa", "/beskeder", "/opslag", "/kalender"):
        _visit(tablet, base_url, path)
    assert seen == []


def test_the_wall_screen_and_the_admin_pages_load_without_a_violation(
        desktop: Page, login: Login, base_url: str) -> None:
    seen = _watch(desktop)
    _visit(desktop, base_url, "/vaegskaerm")
    login(desktop, "demo-admin", "/kommune")
    for path in ("/kommune/import", "/kommune/widgets", "/kommune/samtykker", "/udrulning", "/kommune/revision"):
        _visit(desktop, base_url, path)
    assert seen == []


@contextmanager
def another_site_page(html: str) -> Iterator[str]:
    """A page served from another port of the same host (the same site for cookies), as a stranger's app would."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/ramme"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_on_another_port_of_the_same_host_cannot_frame_a_parents_page(
        phone: Page, login: Login, base_url: str) -> None:
    login(phone, "demo-foraelder", "/overblik")
    with another_site_page(f'<!doctype html><iframe src="{base_url}/overblik" width="390" height="600"></iframe>') \
            as evil:
        with phone.expect_event("framenavigated", lambda f: f.parent_frame is not None):
            phone.goto(evil)
        framed = phone.frames[1]
        framed.wait_for_load_state()
        assert framed.url.startswith("chrome-error:") and framed.locator("#app").count() == 0
