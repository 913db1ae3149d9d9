"""A one-time note for the next page after a login round trip (a cancelled or unreached step-up)."""

from __future__ import annotations

from typing import Any

from nicegui import app

NOTICE_KEY = "login_notice"


def set_login_notice(key: str, retry: str | None = None) -> None:
    """Leave a note (a text key, and where "Prøv igen" leads) for the next page this browser opens."""
    app.storage.user[NOTICE_KEY] = {"key": key, "retry": retry}


def take_login_notice() -> dict[str, Any] | None:
    """The waiting note, once: reading it removes it."""
    notice = app.storage.user.pop(NOTICE_KEY, None)
    return notice if isinstance(notice, dict) and isinstance(notice.get("key"), str) else None
