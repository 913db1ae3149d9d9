"""The token that a state-changing form (logout) carries, so another site cannot submit it for the user."""

from __future__ import annotations

import secrets

from nicegui import app

FORM_TOKEN_KEY = "form_token"  # noqa: S105 - a storage key, not a secret


def form_token() -> str:
    """This browser's form token, made on first use and kept in its server-side storage."""
    token = app.storage.user.get(FORM_TOKEN_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        app.storage.user[FORM_TOKEN_KEY] = token
    return token


def form_token_matches(presented: object) -> bool:
    """Whether a submitted form carries this browser's token (a missing token on either side never matches)."""
    stored = app.storage.user.get(FORM_TOKEN_KEY)
    return (isinstance(presented, str) and isinstance(stored, str) and bool(stored)
            and secrets.compare_digest(presented, stored))
