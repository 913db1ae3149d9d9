"""The installable app in Chromium: manifest and installability, the service worker, offline, push and its click.

Installability needs a real (not incognito) profile, so these tests use a persistent context in a fresh folder each.
"""

from __future__ import annotations

import base64
import io
import json
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from PIL import Image
from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright, expect

from domain.notifications import push
from domain.notifications.delivery_types import DeliveryJob
from tests.e2e.conftest import CHROMIUM_ARGS, DEFAULT_TIMEOUT_MS, LOGIN_BUTTON, PHONE

OFFLINE_TITLE = "Ingen forbindelse — Sammen prøver igen"
ENABLE = "Slå notifikationer til på denne enhed"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def app_context(playwright_instance: Playwright, chromium_executable: str, tmp_path: Path,
                request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """A phone-sized Chromium with its own profile on disk, allowed to show notifications."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=chromium_executable, args=CHROMIUM_ARGS,
        permissions=["notifications"], **PHONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def _signed_in(context: BrowserContext, base_url: str, subject: str = "demo-foraelder",
               home: str = "/overblik") -> Page:
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(f"{base_url}/login")
    page.get_by_role("button", name=LOGIN_BUTTON).click()
    page.wait_for_url(re.compile(r"/dev-idp/authorize"))
    page.locator(f'button[name="subject"][value="{subject}"]').click()
    page.wait_for_url(f"{base_url}{home}")
    expect(page.locator("header")).to_be_visible()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page


def _registration(cdp: CDPSession, page: Page) -> str:
    """The worker's registration id, as the DevTools protocol reports it."""
    found: list[dict[str, object]] = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: found.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 5
    while not found and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    live = [r for r in found if not r["isDeleted"]]
    assert live, "no service worker registration reported"
    return str(live[0]["registrationId"])


def test_sammen_is_installable_with_a_valid_manifest_linked_from_every_page(app_context: BrowserContext,
                                                                            base_url: str) -> None:
    page = app_context.new_page()
    page.goto(f"{base_url}/login")
    for where in ("/login", None):
        if where is None:
            page = _signed_in(app_context, base_url)
        assert page.locator('link[rel="manifest"]').get_attribute("href") == "/manifest.webmanifest"
        assert page.locator('meta[name="theme-color"]').get_attribute("content") == "#1f5f8b"
        assert page.locator('link[rel="apple-touch-icon"]').count() == 1
    answer = page.request.get(f"{base_url}/manifest.webmanifest")
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = answer.json()
    assert (manifest["name"], manifest["lang"], manifest["display"], manifest["start_url"], manifest["id"]) == (
        "Sammen", "da", "standalone", "/", "/")
    for icon in manifest["icons"]:
        png = page.request.get(base_url + icon["src"])
        assert png.headers["content-type"] == "image/png"
        assert f"{Image.open(io.BytesIO(png.body())).width}x{Image.open(io.BytesIO(png.body())).height}" \
            == icon["sizes"]
    assert {(i["sizes"], i["purpose"]) for i in manifest["icons"]} >= {("192x192", "any"), ("512x512", "any"),
                                                                       ("512x512", "maskable")}
    cdp = app_context.new_cdp_session(page)
    parsed = cdp.send("Page.getAppManifest")
    assert parsed["errors"] == [] and parsed["url"] == f"{base_url}/manifest.webmanifest"
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    # "/" is the start URL: it sends a signed-in parent to her own home.
    page.goto(f"{base_url}/")
    page.wait_for_url(f"{base_url}/overblik")


def test_the_worker_controls_every_page_and_caches_no_page_and_no_api(app_context: BrowserContext,
                                                                      base_url: str) -> None:
    page = _signed_in(app_context, base_url)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == f"{base_url}/sw.js"
    for path in ("/beskeder", "/kalender", "/profil"):
        page.goto(base_url + path)
        expect(page.locator("header")).to_be_visible()
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")
    assert "/ingen-forbindelse" in cached and "/pwa/icon-192.png" in cached
    allowed = re.compile(r"^(/ingen-forbindelse|/pwa/[a-z0-9-]+\.png|/_nicegui/[0-9][^/]*/"
                         r"(static|libraries|components|esm)/.+)$")
    assert [url for url in cached if not allowed.match(url)] == []


def test_offline_a_page_shows_the_danish_offline_page_and_reloads_when_back(app_context: BrowserContext,
                                                                            base_url: str,
                                                                            screenshot: Callable[..., Path]) -> None:
    page = _signed_in(app_context, base_url)
    app_context.set_offline(True)
    page.goto(f"{base_url}/kalender")
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFLINE_TITLE)
    expect(page.get_by_role("heading", name="No connection — Sammen is trying again")).to_be_visible()
    assert page.url == f"{base_url}/kalender"
    screenshot(page, "offline")
    page.evaluate(AXE_SCRIPT)
    found = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [v["id"] for v in found["violations"]] == []
    app_context.set_offline(False)
    # Nobody clicks: the page notices the connection and opens the calendar it was asked for.
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender", timeout=30_000)
    expect(page.locator("header")).to_be_visible()


def test_a_push_shows_a_notification_whose_click_opens_the_thread(app_context: BrowserContext,
                                                                  base_url: str) -> None:
    page = _signed_in(app_context, base_url)
    page.goto(f"{base_url}/beskeder")
    expect(page.locator('main a[href^="/beskeder/"]').first).to_be_visible()
    hrefs = page.locator('main a[href^="/beskeder/"]').evaluate_all("links => links.map(a => a.getAttribute('href'))")
    thread = next(h for h in hrefs if re.fullmatch(r"/beskeder/\d+", h))
    page.goto(f"{base_url}/overblik")
    cdp = app_context.new_cdp_session(page)
    registration = _registration(cdp, page)
    # The first is what the push sender (domain.notifications.push) encrypts for a device: the worker reads its shape.
    job = DeliveryJob(id=1, notification_id=1, person_id=1, channel="push", device_id=1, category="message",
                      title="Ny besked fra Anne Holm", body="Tur i skoven", link=thread, sensitive=False,
                      created_at=datetime(2026, 12, 7, 13, 0, tzinfo=UTC), attempts=0)
    payloads = [push.payload(job),
                {"title": "Fremmed", "body": "", "link": "https://evil.example/login", "tag": "n2"},
                {"title": "Skjult", "body": "", "link": "//evil.example/x", "tag": "n3"}]
    for payload in payloads:
        cdp.send("ServiceWorker.deliverPushMessage", {"origin": f"{base_url}/", "registrationId": registration,
                                                       "data": json.dumps(payload)})
    worker = app_context.service_workers[0]
    shown: list[dict[str, object]] = []
    deadline = time.monotonic() + 10
    while len(shown) < len(payloads) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        shown = worker.evaluate("""self.registration.getNotifications().then(all => all.map(n => (
            {title: n.title, body: n.body, tag: n.tag, link: n.data.link, icon: n.icon})))""")
    by_tag = {n["tag"]: n for n in shown}
    assert by_tag["n1"] == {"title": "Ny besked fra Anne Holm", "body": "Tur i skoven", "tag": "n1", "link": thread,
                            "icon": f"{base_url}/pwa/icon-192.png"}
    assert by_tag["n2"]["link"] == "/" and by_tag["n3"]["link"] == "/"  # another site's address is never opened
    # Headless Chromium cannot click a system notification: the test calls the click handler's own function
    # (self.sammenOpenLink, what 'notificationclick' runs) with the shown notification's link.
    worker.evaluate("""self.registration.getNotifications({tag: 'n1'}).then(([n]) => self.sammenOpenLink(
        n.data.link))""")
    page.wait_for_url(f"{base_url}{thread}")
    expect(page.locator("header")).to_be_visible()


def _browser_keys() -> tuple[str, str]:
    """A real P-256 public key and auth secret, as a browser's subscription would carry them."""
    public = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return (base64.urlsafe_b64encode(public).rstrip(b"=").decode(),
            base64.urlsafe_b64encode(bytes(range(16))).rstrip(b"=").decode())


def _tab_to(page: Page, name: str, limit: int = 60) -> None:
    """Press Tab until a button whose name (aria-label, else its text less the icon's ligature) is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("""(() => { const e = document.activeElement;
            if (!e || e.tagName !== 'BUTTON') return '';
            return e.getAttribute('aria-label')
                || [...e.querySelectorAll('.block')].map(b => b.textContent).join(''); })()""")
        if focused.strip() == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_parent_turns_on_push_on_the_profile_by_keyboard_and_removes_the_device(
        app_context: BrowserContext, base_url: str, screenshot: Callable[..., Path],
        playwright_instance: Playwright) -> None:
    # Chromium here has no route to a push service (FCM), so subscribe() would wait forever: the page's
    # PushManager answers with what a browser gives, for a local push address (allowed in development only).
    p256dh, auth = _browser_keys()
    endpoint = f"http://127.0.0.1:9/push/{p256dh[:12]}"
    app_context.add_init_script("PushManager.prototype.subscribe = async function (options) { return {options, "
                                f"toJSON: () => ({{endpoint: '{endpoint}', keys: {{p256dh: '{p256dh}', "
                                f"auth: '{auth}'}}}})}}; }};")
    page = _signed_in(app_context, base_url)
    page.goto(f"{base_url}/profil")
    expect(page.get_by_text("Ingen af dine enheder får notifikationer endnu.")).to_be_visible()
    _tab_to(page, ENABLE, limit=200)  # past the section links, contact details and every notification switch
    page.keyboard.press("Enter")
    expect(page.locator('.sammen-push-status')).to_have_text("Notifikationer er slået til på denne enhed.")
    device = page.locator('.sammen-push-devices')
    expect(device).to_contain_text(re.compile(r"Chrome på Linux · denne enhed"))
    expect(device).to_contain_text(re.compile(r"Tilføjet \d{1,2}\.\d{1,2}\.\d{4} · Ikke brugt endnu"))
    screenshot(page, "profile-push")
    # The endpoint wants the signed-in session and this page's form token.
    body = {"endpoint": endpoint, "p256dh": p256dh, "auth": auth}
    assert page.request.post(f"{base_url}/api/push/enheder", data={**body, "token": "forged"}).status == 403
    assert app_context.request.post(f"{base_url}/api/push/enheder", data=body).status == 403
    signed_out = playwright_instance.request.new_context()
    assert signed_out.post(f"{base_url}/api/push/enheder", data={**body, "token": "x"}).status == 401
    signed_out.dispose()
    _tab_to(page, "Fjern Chrome på Linux")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Fjern Chrome på Linux? Enheden får ikke flere notifikationer fra Sammen.")
    # Quasar moves the focus into the dialog when its opening transition ends: a Tab before that walks the page.
    page.wait_for_function("document.activeElement && document.activeElement.closest('[role=dialog]') !== null")
    _tab_to(page, "Fjern", limit=5)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ingen af dine enheder får notifikationer endnu.")).to_be_visible()


def test_a_browser_that_refuses_notifications_is_told_how_to_allow_them(phone: Page, login: Callable[..., None],
                                                                       base_url: str) -> None:
    # A plain (incognito) context has not allowed notifications: Chromium answers the question itself.
    login(phone, "demo-foraelder", "/overblik")
    phone.goto(f"{base_url}/profil")
    phone.get_by_role("button", name=ENABLE).click()
    expect(phone.locator(".sammen-push-status")).to_have_text(re.compile(
        r"^(Browseren har blokeret notifikationer fra Sammen\.|Du svarede ikke på, om Sammen må vise)"))
    expect(phone.get_by_text("Ingen af dine enheder får notifikationer endnu.")).to_be_visible()
