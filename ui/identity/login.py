"""The login page and the refused-login page."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from auth.remembered_device import presented_device
from auth.shared_device import SHARED_DEVICE_COOKIE, SHARED_DEVICE_MAX_AGE, is_shared_device
from domain.clock import utcnow
from domain.settings import Settings
from ui.components import page_heading
from ui.frame import theme, toggle_language
from ui.guard import public_page
from ui.i18n import t
from ui.identity.remembered_devices import remember_device_choice
from ui.logout_form import login_notice
from ui.statement_link import statement_link

REASONS = ("expired", "logged_out", "required", "cancelled")
REFUSALS = ("login.refused.unknown", "login.refused.inactive", "login.refused.no_role", "login.refused.failed",
            "login.refused.provider", "login.refused.too_many")


def _centered_card() -> ui.card:
    theme()
    with ui.column().classes("w-full items-center q-pa-md"):
        return ui.card().classes("w-full max-w-md q-pa-lg gap-4")


def _remember_shared_device(shared: bool) -> None:
    """Mark (or unmark) this browser as a shared device, in a cookie of its own that outlives every login."""
    value = f"1; max-age={SHARED_DEVICE_MAX_AGE}" if shared else "; max-age=0"
    ui.run_javascript(f"document.cookie='{SHARED_DEVICE_COOKIE}={value}; path=/; samesite=lax'"
                      "+(location.protocol==='https:'?'; secure':'')")


@public_page("/login")
async def login_page(settings: Settings, request: Request, reason: str = "", next: str = "/",
                     state: str = "") -> RedirectResponse | None:
    """The login page: one button to the identity provider, and why the person is here (expired, required).

    After a logout at the provider, the reason comes back as the logout's `state`. When the idle timer ended the
    session on a remembered device, the device carries on (through its passkey, when it has one).
    """
    reason = reason or state
    if reason == "expired" and await presented_device(request, utcnow()) is not None:
        return RedirectResponse("/", status_code=303)
    ui.page_title(f"{t('login.title')} · Sammen")
    with _centered_card():
        with ui.row().classes("items-center justify-between w-full"):
            page_heading(t("app.name")).classes("text-h4 text-primary text-weight-bold",
                                                remove="text-h5 text-weight-medium")
            ui.button(t("nav.language"), on_click=toggle_language).props("flat dense no-caps")
        ui.label(t("app.tagline")).classes("text-grey-8")
        if reason in REASONS:
            ui.label(t(f"login.reason.{reason}")).classes("bg-blue-1 q-pa-sm rounded-borders w-full").mark(
                "login-reason")
        login_notice()
        ui.label(t("login.intro"))
        target = quote(next if next.startswith("/") and not next.startswith("//") else "/", safe="/")
        remember = remember_device_choice(shared=is_shared_device(request))
        ui.button(t("login.button"), icon="login", on_click=lambda: ui.navigate.to(
            f"/auth/login?next={target}" + ("&remember=1" if remember.chosen else ""))).props(
            "no-caps unelevated size=lg").classes("w-full").mark("login-button")

        def shared_changed(shared: bool) -> None:
            _remember_shared_device(shared)
            remember.set_visibility(not shared)  # a shared device is never remembered

        ui.switch(t("login.shared_device"), value=is_shared_device(request),
                  on_change=lambda e: shared_changed(bool(e.value))).mark("shared-device")
        ui.label(t("login.shared_device_hint")).classes("text-caption text-grey-7")
        if settings.dev_idp_enabled:
            ui.label(t("login.dev_hint")).classes("text-caption text-grey-7")
        statement_link()
    return None


@public_page("/afvist")
def refused_page(reason: str = "login.refused.failed", minutes: str = "") -> None:
    """Why a login was refused, and a way back."""
    ui.page_title(f"{t('login.refused.title')} · Sammen")
    key = reason if reason in REFUSALS else "login.refused.failed"
    with _centered_card().mark("refused"):
        with ui.row().classes("items-center no-wrap"):
            ui.icon("gpp_bad", color="negative", size="lg")
            page_heading(t("login.refused.title"))
        # Only the rate limit's text takes a number: the minutes to wait, read as digits only.
        ui.label(t(key, minutes=int(minutes) if minutes.isascii() and minutes.isdigit() and len(minutes) < 4 else 1))
        ui.button(t("login.try_again"), on_click=lambda: ui.navigate.to("/login")).props("no-caps")
