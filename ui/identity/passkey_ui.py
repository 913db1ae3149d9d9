"""Passkeys on a remembered device: "Lås op med fingeraftryk eller ansigt" on the profile, and the unlock page.

The browser runs the WebAuthn ceremonies (navigator.credentials.create/get); this module's JSON routes hand out
each ceremony's options with a fresh challenge (kept server-side, used once) and check the answers in
domain.devices.passkeys. Every route needs the page's form token in a header, so another site cannot start one.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse
from nicegui import app, ui

from auth.form_token import form_token, form_token_matches
from auth.remembered_device import UNLOCK_PATH, presented_device
from auth.session import session_data, start_session
from domain.clock import utcnow
from domain.devices.model import DeviceCheck
from domain.devices.passkeys import (
    PasskeyRefused,
    RelyingParty,
    do_register_passkey,
    do_unlock,
    registration_options,
    unlock_options,
)
from domain.devices.service import do_renew_session
from domain.settings import Settings
from ui.components import page_heading
from ui.frame import theme
from ui.guard import public_page
from ui.i18n import t

REGISTER_OPTIONS, REGISTER = "/api/enhed/adgangsnoegle/valg", "/api/enhed/adgangsnoegle"
UNLOCK_OPTIONS, UNLOCK = "/api/enhed/laas-op/valg", "/api/enhed/laas-op"
CHALLENGE_KEY = "passkey_challenge"
MAX_BODY = 16_384

SCRIPT = f"""<script>window.sammenPasskey = {{
  async call(url, token, body) {{
    const answer = await fetch(url, {{method: 'POST', credentials: 'same-origin',
      headers: {{'Content-Type': 'application/json', 'X-Form-Token': token}}, body: JSON.stringify(body || {{}})}});
    const json = await answer.json().catch(() => ({{}}));
    return Object.assign({{}}, json, {{ok: answer.ok}});
  }},
  async register(token) {{
    try {{
      const start = await this.call('{REGISTER_OPTIONS}', token);
      if (!start.ok) return start;
      const made = await navigator.credentials.create(
        {{publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(start.options)}});
      return await this.call('{REGISTER}', token, {{credential: made.toJSON()}});
    }} catch (failed) {{ return {{ok: false, message: ''}}; }}
  }},
  async unlock(token, next) {{
    try {{
      const start = await this.call('{UNLOCK_OPTIONS}', token);
      if (!start.ok) return start;
      const proof = await navigator.credentials.get(
        {{publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(start.options)}});
      const done = await this.call('{UNLOCK}', token, {{credential: proof.toJSON()}});
      if (done.ok) window.location.assign(next);
      return done;
    }} catch (failed) {{ return {{ok: false, message: ''}}; }}
  }},
}};</script>"""


def _refused(key: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": key, "message": t(key)}, status_code=status)


def _keep_challenge(kind: str, device: DeviceCheck, challenge: bytes) -> None:
    app.storage.user[CHALLENGE_KEY] = {"kind": kind, "device": device.device_id,
                                       "value": base64.urlsafe_b64encode(challenge).decode("ascii")}


def _take_challenge(kind: str, device: DeviceCheck) -> bytes | None:
    """The ceremony's challenge, once: a second answer to the same challenge finds none."""
    held = app.storage.user.pop(CHALLENGE_KEY, None)
    if not isinstance(held, dict) or held.get("kind") != kind or held.get("device") != device.device_id:
        return None
    return base64.urlsafe_b64decode(str(held["value"]))


async def _credential(request: Request) -> str | None:
    body = await request.body()
    if len(body) > MAX_BODY:
        return None
    try:
        credential = json.loads(body)["credential"]
    except (ValueError, KeyError, TypeError):
        return None
    return json.dumps(credential) if isinstance(credential, dict) else None


def register(settings: Settings) -> None:
    """The four JSON routes of the ceremonies; the relying party is the app's public URL."""
    rp = RelyingParty.of(settings.public_url)

    async def own_device(request: Request) -> DeviceCheck | JSONResponse:
        """The signed-in guardian's own remembered device in this browser (for registering a passkey)."""
        if not form_token_matches(request.headers.get("x-form-token")):
            return _refused("logout.refused", 403)
        data = session_data()
        device = await presented_device(request, utcnow())
        if data is None or device is None or device.person_id != data.get("person_id"):
            return _refused("device.passkey.no_device", 403)
        return device

    async def locked_device(request: Request) -> DeviceCheck | JSONResponse:
        """This browser's remembered device that has a passkey (for unlocking it)."""
        if not form_token_matches(request.headers.get("x-form-token")):
            return _refused("logout.refused", 403)
        device = await presented_device(request, utcnow())
        return device if device is not None and device.has_passkey else _refused("device.passkey.no_device", 403)

    @app.post(REGISTER_OPTIONS, include_in_schema=False)
    async def passkey_options(request: Request) -> JSONResponse:
        device = await own_device(request)
        if isinstance(device, JSONResponse):
            return device
        options, challenge = registration_options(rp, device, str((session_data() or {}).get("name", "Sammen")))
        _keep_challenge("register", device, challenge)
        return JSONResponse({"options": json.loads(options)})

    @app.post(REGISTER, include_in_schema=False)
    async def passkey_register(request: Request) -> JSONResponse:
        device = await own_device(request)
        if isinstance(device, JSONResponse):
            return device
        credential = await _credential(request)
        challenge = _take_challenge("register", device)
        try:
            await do_register_passkey(rp, device, credential or "{}", challenge, utcnow())
        except PasskeyRefused as refused:
            return _refused(refused.key)
        return JSONResponse({"ok": True, "message": t("device.passkey_added")})

    @app.post(UNLOCK_OPTIONS, include_in_schema=False)
    async def unlock_start(request: Request) -> JSONResponse:
        device = await locked_device(request)
        if isinstance(device, JSONResponse):
            return device
        options, challenge = await unlock_options(rp, device)
        _keep_challenge("unlock", device, challenge)
        return JSONResponse({"options": json.loads(options)})

    @app.post(UNLOCK, include_in_schema=False)
    async def unlock(request: Request) -> JSONResponse:
        device = await locked_device(request)
        if isinstance(device, JSONResponse):
            return device
        credential = await _credential(request)
        challenge = _take_challenge("unlock", device)
        now = utcnow()
        try:
            await do_unlock(rp, device, credential or "{}", challenge, now)
        except PasskeyRefused as refused:
            return _refused(refused.key)
        grant = await do_renew_session(device, now=now, client_address=request.client.host if request.client else "")
        if grant is None:
            return _refused("device.passkey.no_device", 403)
        start_session(grant, now)
        return JSONResponse({"ok": True})


def passkey_script() -> None:
    """The ceremonies' script, once in the page's head."""
    ui.add_head_html(SCRIPT)


def passkey_button(on_done: Callable[[], Awaitable[None] | None]) -> None:
    """"Lås op med fingeraftryk eller ansigt" for this remembered device (the page carries passkey_script())."""
    token = form_token()

    async def add() -> None:
        answer: Any = await ui.run_javascript(f"return await window.sammenPasskey.register('{token}')", timeout=90)
        ok = isinstance(answer, dict) and answer.get("ok")
        message = answer.get("message") if isinstance(answer, dict) else ""
        ui.notify(message or t("device.passkey_added" if ok else "device.passkey_failed"),
                  type="positive" if ok else "negative", multi_line=True)
        if ok:
            result = on_done()
            if result is not None:
                await result

    ui.button(t("device.passkey_add"), icon="fingerprint", on_click=add).props("unelevated no-caps").mark(
        "passkey-add")
    ui.label(t("device.passkey_add_hint")).classes("text-caption text-grey-8 w-full")


@public_page(UNLOCK_PATH)
async def unlock_page(request: Request, next: str = "/") -> RedirectResponse | None:
    """Ask for the passkey before a remembered device's session is renewed (as Aula's app asks for its PIN)."""
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    device = await presented_device(request, utcnow())
    if device is None or not device.has_passkey:
        return RedirectResponse(f"/login?reason=expired&next={quote(target)}", status_code=303)
    theme()
    ui.add_head_html(SCRIPT)
    ui.page_title(f"{t('device.unlock_title')} · Sammen")
    token = form_token()
    with ui.column().classes("w-full items-center q-pa-md"), ui.card().classes("w-full max-w-md q-pa-lg gap-4"):
        with ui.row().classes("items-center no-wrap"):
            ui.icon("fingerprint", color="primary", size="lg")
            page_heading(t("device.unlock_title"))
        ui.label(t("device.unlock_text"))
        problem = ui.label("").classes("text-negative").props('role="alert"').mark("unlock-problem")

        async def unlock() -> None:
            answer: Any = await ui.run_javascript(
                f"return await window.sammenPasskey.unlock('{token}', {json.dumps(target)})", timeout=90)
            if isinstance(answer, dict) and answer.get("ok"):
                return
            message = answer.get("message") if isinstance(answer, dict) else ""
            problem.set_text(message or t("device.unlock_failed"))

        ui.button(t("device.unlock"), icon="fingerprint", on_click=unlock).props(
            "unelevated no-caps size=lg autofocus").classes("w-full").mark("unlock")
        ui.link(t("device.unlock_mitid"), f"/auth/login?next={quote(target, safe='/')}").mark("unlock-mitid")
    return None
