"""Push on this device: the profile card (turn on, list, remove) and the endpoint a browser posts its subscription to.

The browser asks for permission and subscribes in the click itself (Safari and Firefox allow the question only
there), posts the subscription with the page's form token, and tells the page how it went.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from nicegui import app, ui
from nicegui.events import GenericEventArguments

from auth.form_token import form_token_matches
from auth.session import actor_or_redirect
from auth.shared_device import is_shared_device
from domain.clock import COPENHAGEN, utcnow
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.notifications.devices import DeviceView, do_remove_device, do_renew, do_subscribe, list_devices
from domain.notifications.vapid import load_or_create
from domain.settings import Settings
from ui.components import attempt, confirm
from ui.i18n import current_language, error_text, fmt_short_date, t
from ui.logout_form import FORM_NAME

SUBSCRIBE = "/api/push/enheder"
RENEW = "/api/push/fornyet"  # the service worker's, when the browser replaces a subscription
DONE_EVENT = "sammen_push_done"
MAX_BODY = 4096  # a subscription is a few hundred bytes

# (pattern in the User-Agent, name): the first that matches names the browser; order matters (Edge says Chrome too).
BROWSERS = (("Edg/", "Edge"), ("EdgA/", "Edge"), ("SamsungBrowser/", "Samsung Internet"), ("OPR/", "Opera"),
            ("FxiOS/", "Firefox"), ("Firefox/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
           ("Windows", "Windows"), ("Macintosh", "Mac"), ("Linux", "Linux"))

SCRIPT = f"""<script>window.sammenPush = async (key) => {{
  const done = (answer) => emitEvent('{DONE_EVENT}', answer);
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window))
    return done({{state: 'unsupported'}});
  try {{
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return done({{state: permission === 'denied' ? 'denied' : 'dismissed'}});
    await navigator.serviceWorker.register('/sw.js', {{scope: '/'}});
    const registration = await navigator.serviceWorker.ready;
    const raw = atob(key.replace(/-/g, '+').replace(/_/g, '/'));
    const serverKey = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    let subscription = await registration.pushManager.getSubscription();
    const held = subscription && subscription.options.applicationServerKey;
    if (held && btoa(String.fromCharCode(...new Uint8Array(held))) !== btoa(raw)) {{
      await subscription.unsubscribe();  // made for another key (the server's was replaced)
      subscription = null;
    }}
    subscription = subscription || await registration.pushManager.subscribe(
      {{userVisibleOnly: true, applicationServerKey: serverKey}});
    const json = subscription.toJSON();
    const answer = await fetch('{SUBSCRIBE}', {{method: 'POST', credentials: 'same-origin',
      headers: {{'Content-Type': 'application/json'}},
      body: JSON.stringify({{token: document.forms['{FORM_NAME}'].elements.token.value, endpoint: json.endpoint,
                            p256dh: json.keys.p256dh, auth: json.keys.auth}})}});
    const body = await answer.json().catch(() => ({{}}));
    return done(answer.ok ? {{state: 'subscribed', id: body.id}} : {{state: 'refused', message: body.message || ''}});
  }} catch (failed) {{
    return done({{state: 'failed'}});
  }}
}};</script>"""


def device_label(user_agent: str) -> str:
    """'Chrome på Android' from a User-Agent (stored in Danish; shown in English as 'Chrome on Android')."""
    browser = next((name for mark, name in BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in SYSTEMS if mark in user_agent), "")
    if not browser:
        return t("push.label.unknown", "da")
    return t("push.label.on", "da", browser=browser, system=system) if system else browser


def shown_label(label: str) -> str:
    """A stored label in the reader's language."""
    if not label:
        return t("push.label.unknown")
    match = re.fullmatch(r"(.+) på (.+)", label)
    return t("push.label.on", browser=match[1], system=match[2]) if match and current_language() == "en" else label


def local_day(moment: datetime) -> date:
    """The day in Copenhagen (a device added at 00:30 is added that day, not the UTC day before)."""
    return moment.astimezone(COPENHAGEN).date()


def _refused(key: str, status: int) -> JSONResponse:
    return JSONResponse({"message": t(key)}, status_code=status, headers={"Cache-Control": "no-store"})


def register(settings: Settings) -> None:
    """The endpoint this browser's subscription is posted to: a signed-in person, with the page's form token."""
    local_http = settings.dev_idp_enabled  # a local push service over plain http only in development and tests

    @app.post(SUBSCRIBE, include_in_schema=False)
    async def subscribe(request: Request) -> JSONResponse:
        actor = await actor_or_redirect(request)
        if not isinstance(actor, Actor):
            return _refused("push.error.session", 401)
        raw = await request.body()
        try:
            body: Any = json.loads(raw) if len(raw) <= MAX_BODY else None
        except ValueError:
            body = None
        if not isinstance(body, dict) or not form_token_matches(body.get("token")):
            return _refused("push.error.token", 403)
        if is_shared_device(request):
            # A shared tablet would keep showing the next person the titles of this person's notifications.
            return _refused("push.error.shared", 400)
        endpoint, p256dh, secret = (body.get(name) for name in ("endpoint", "p256dh", "auth"))
        if not (isinstance(endpoint, str) and isinstance(p256dh, str) and isinstance(secret, str)):
            return _refused("push.error.keys", 400)
        try:
            device = await do_subscribe(actor, endpoint, p256dh, secret,
                                        device_label(request.headers.get("user-agent", "")), utcnow(),
                                        local_http=local_http)
        except DomainError as error:
            return JSONResponse({"message": error_text(error)}, status_code=400, headers={"Cache-Control": "no-store"})
        return JSONResponse({"id": device.id}, headers={"Cache-Control": "no-store"})

    @app.post(RENEW, include_in_schema=False)
    async def renew(request: Request) -> JSONResponse:
        # No session (the worker may run with none): the old address proves the device. JSON only, so another
        # site's page cannot post it without a CORS preflight this route never grants.
        raw = await request.body()
        try:
            body: Any = json.loads(raw) if len(raw) <= MAX_BODY else None
        except ValueError:
            body = None
        values = [body.get(name) for name in ("old", "endpoint", "p256dh", "auth")] if isinstance(body, dict) else []
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json" \
                or len(values) != 4 or not all(isinstance(v, str) for v in values):
            return _refused("push.error.keys", 400)
        try:
            renewed = await do_renew(*[str(v) for v in values], local_http=local_http)
        except DomainError as error:
            return JSONResponse({"message": error_text(error)}, status_code=400, headers={"Cache-Control": "no-store"})
        return JSONResponse({"renewed": renewed}, status_code=200 if renewed else 404,
                            headers={"Cache-Control": "no-store"})


async def _remove(actor: Actor, device: DeviceView, listing: Any) -> None:
    label = shown_label(device.label)
    if not await confirm(t("push.remove_confirm", label=label), t("push.remove"), "push-remove-yes"):
        return
    if await attempt(do_remove_device(actor, device.id), done=t("push.removed")):
        await listing.refresh()


async def push_devices_card(actor: Actor) -> None:
    """The card: turn push on for this device, and the person's devices, each removable."""
    key = load_or_create().public_b64url
    this_device: dict[str, int] = {}
    ui.add_body_html(SCRIPT)

    @ui.refreshable
    async def listing() -> None:
        devices = await list_devices(actor)
        if not devices:
            ui.label(t("push.devices_empty")).classes("text-grey-8").mark("push-devices-empty")
            return
        with ui.list().props("separator").classes("w-full sammen-push-devices").mark("push-devices"):
            for device in devices:
                label = shown_label(device.label)
                with ui.item().classes("q-px-none"):
                    with ui.item_section():
                        ui.item_label(label + (f" · {t('push.this_device')}"
                                               if this_device.get("id") == device.id else "")).classes("sammen-wrap")
                        used = t("push.used", date=fmt_short_date(local_day(device.last_used_at))) \
                            if device.last_used_at else t("push.never_used")
                        ui.item_label(f"{t('push.added', date=fmt_short_date(local_day(device.created_at)))} · {used}"
                                      ).props("caption")
                    with ui.item_section().props("side"):
                        ui.button(t("push.remove"), icon="delete_outline",
                                  on_click=lambda d=device: _remove(actor, d, listing)).props(
                            f'flat no-caps color=negative aria-label="{t("push.remove_named", label=label)}"'
                        ).mark(f"push-remove-{device.id}")

    async def finished(event: GenericEventArguments) -> None:
        answer = event.args if isinstance(event.args, dict) else {}
        state = answer.get("state")
        if state == "subscribed":
            this_device["id"] = int(answer.get("id") or 0)
            status.set_text(t("push.enabled"))  # a live region: said where focus stays, shown beside the button
            await listing.refresh()
            return
        message = str(answer.get("message") or "") if state == "refused" else \
            t({"unsupported": "push.unsupported", "denied": "push.denied", "dismissed": "push.dismissed"}.get(
                str(state), "push.failed"))
        status.set_text(message)

    ui.on(DONE_EVENT, finished)
    with ui.card().classes("w-full gap-2").mark("push-card"):
        ui.label(t("push.card.title")).classes("text-subtitle1 text-weight-medium")
        ui.label(t("push.card.hint")).classes("text-grey-8")
        ui.button(t("push.enable"), icon="notifications_active").props("no-caps").on(
            "click", js_handler=f"() => window.sammenPush({json.dumps(key)})").mark("push-enable")
        status = ui.label().props('role="status" aria-live="polite"').classes("text-body2 sammen-push-status").mark(
            "push-status")
        await listing()
