"""Remembered devices in the UI: the login page's "Husk denne enhed", the profile's device list with "Glem denne
enhed", "Log ud på alle enheder", and registering a passkey that unlocks this device."""

from __future__ import annotations

from nicegui import context, ui

from auth.form_token import form_token
from domain.clock import COPENHAGEN, utcnow
from domain.devices.model import DEVICE_COOKIE, DeviceKey, RememberedDeviceView
from domain.devices.service import do_forget_device, remembered_devices
from domain.identity.model import Actor, Role
from ui.components import attempt, confirm
from ui.i18n import fmt_short_date, t
from ui.identity.passkey_ui import passkey_button, passkey_script

LOGOUT_ALL_FORM = "sammen-logout-everywhere"


class RememberChoice:
    """The login page's "Husk denne enhed" checkbox and its hint, hidden while the device is marked shared."""

    def __init__(self, shared: bool) -> None:
        with ui.column().classes("w-full gap-0") as self.box:
            self.checkbox = ui.checkbox(t("device.remember")).mark("remember-device")
            ui.label(t("device.remember_hint")).classes("text-caption text-grey-7 q-pl-xl")
        self.box.set_visibility(not shared)

    @property
    def chosen(self) -> bool:
        """Ticked, on a device not marked shared."""
        return bool(self.checkbox.value) and self.box.visible

    def set_visibility(self, visible: bool) -> None:
        """Shown only for a personal device."""
        self.box.set_visibility(visible)


def remember_device_choice(shared: bool) -> RememberChoice:
    """The "Husk denne enhed" choice for the login page."""
    return RememberChoice(shared)


def _this_device_id() -> int | None:
    """The id in this browser's device cookie (only to mark "Denne enhed"; the server checks the secret itself)."""
    request = context.client.request
    key = DeviceKey.parse(request.cookies.get(DEVICE_COOKIE)) if request is not None else None
    return key.device_id if key else None


def _date(moment: object) -> str:
    return fmt_short_date(moment.astimezone(COPENHAGEN).date()) if hasattr(moment, "astimezone") else "—"


async def remembered_devices_card(actor: Actor) -> None:
    """The profile's card: remembered devices (a guardian's), each with "Glem denne enhed"; "Log ud på alle enheder"."""
    this_device = _this_device_id()
    passkey_script()

    @ui.refreshable
    async def device_list() -> None:
        devices = await remembered_devices(actor, this_device, utcnow())
        if not devices:
            ui.label(t("device.list_empty")).classes("text-grey-8").mark("devices-empty")
            return
        with ui.column().classes("w-full gap-2").mark("remembered-devices"):
            for device in devices:
                _device_row(device)

    def _device_row(device: RememberedDeviceView) -> None:
        with ui.card().classes("w-full q-pa-sm").props("flat bordered").mark(f"device-{device.id}"):
            with ui.row().classes("w-full items-baseline justify-between"):
                ui.label(device.label).classes("text-weight-medium")
                if device.this_device:
                    ui.badge(t("device.this_device"), color="blue-9").mark("this-device")
            ui.label(" · ".join((t("device.added", date=_date(device.created_at)),
                                 t("device.used", date=_date(device.last_used_at)),
                                 t("device.expires", date=_date(device.expires_at))))).classes("text-body2 text-grey-9")
            if device.has_passkey:
                with ui.row().classes("items-center gap-1"):
                    ui.icon("fingerprint", color="positive")
                    ui.label(t("device.has_passkey")).classes("text-body2")
            with ui.row().classes("gap-2"):
                if device.this_device and not device.has_passkey:
                    passkey_button(device_list.refresh)
                ui.button(t("device.forget"), icon="delete_outline", on_click=lambda d=device: forget(d)).props(
                    f'outline no-caps color=negative aria-label="{t("device.forget_named", label=device.label)}"'
                ).mark(f"forget-device-{device.id}")

    async def forget(device: RememberedDeviceView) -> None:
        if not await confirm(t("device.forget_confirm", label=device.label), t("device.forget"), "forget-confirm"):
            return
        if await attempt(do_forget_device(actor, device.id, utcnow()), done=t("device.forgotten")):
            device_list.refresh()

    async def log_out_everywhere() -> None:
        if await confirm(t("device.logout_all_confirm"), t("device.logout_all"), "logout-all-confirm"):
            ui.run_javascript(f"document.forms['{LOGOUT_ALL_FORM}'].submit()")

    with ui.card().classes("w-full gap-2").mark("devices-card"):
        if Role.PARENT in actor.roles:
            ui.label(t("device.list_title")).classes("text-subtitle1 text-weight-medium")
            ui.label(t("device.list_hint")).classes("text-grey-8")
            await device_list()
        with ui.element("form").props(f"method=post action=/auth/logout-everywhere name={LOGOUT_ALL_FORM}").classes(
                "hidden"):
            ui.element("input").props(f"type=hidden name=token value={form_token()}")
        ui.label(t("device.logout_all_hint")).classes("text-grey-8")
        ui.button(t("device.logout_all"), icon="logout", on_click=log_out_everywhere).props(
            "outline no-caps").mark("logout-all")
