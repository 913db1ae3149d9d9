"""The logout form every signed-in page carries (a POST with the browser's token), and the note after a login."""

from __future__ import annotations

from nicegui import ui

from auth.form_token import form_token
from auth.notice import take_login_notice
from ui.i18n import t

FORM_NAME = "sammen-logout"
# The user menu's "Log ud" and the idle timer both submit the form; a link could be planted by another site.
SUBMIT_JS = f"document.forms['{FORM_NAME}'].submit()"


def logout_form() -> None:
    """A hidden form posting to /auth/logout with the token; `reason` becomes "expired" when the idle timer fires."""
    with ui.element("form").props(f"method=post action=/auth/logout name={FORM_NAME}").classes("hidden"):
        ui.element("input").props(f"type=hidden name=token value={form_token()}").mark("logout-token")
        ui.element("input").props("type=hidden name=reason value=logged_out")


def login_notice() -> None:
    """The note a login round trip left (a cancelled or unreached step-up), with "Prøv igen" where it helps."""
    notice = take_login_notice()
    if notice is None:
        return
    with ui.card().classes("w-full bg-amber-1").props('flat bordered role="status"').mark("login-notice"):
        with ui.row().classes("items-center no-wrap"):
            ui.icon("info", color="warning", size="md")
            ui.label(t(notice["key"]))
        retry = notice.get("retry")
        if isinstance(retry, str) and retry.startswith("/auth/login?"):
            ui.button(t("login.try_again"), icon="verified_user",
                      on_click=lambda: ui.navigate.to(retry)).props("no-caps").mark("login-retry")
