"""Signed one-click unsubscribe links: HMAC-SHA256 over person and kind, with the app's secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from domain.notifications.model import UNSUBSCRIBE_PATH, EmailKind

# Domain separation: a MAC made with the same secret for anything else never passes as an unsubscribe token.
PURPOSE = "sammen/email-unsubscribe/v1"
TOKEN = re.compile(r"([1-9][0-9]{0,17})\.([a-z]{1,30})\.([A-Za-z0-9_-]{43})")


def _signature(secret: str, person_id: int, kind: EmailKind) -> str:
    mac = hmac.new(secret.encode(), f"{PURPOSE}/{person_id}/{kind.value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def require_secret(secret: str) -> None:
    """Refuse to go on without a secret (a sender checks before it claims anything it could not then send)."""
    if not secret:
        raise ValueError("no secret to sign unsubscribe links with (SmtpSettings.link_secret)")


def make_token(secret: str, person_id: int, kind: EmailKind) -> str:
    """The token that turns `kind` off for one person: '<person id>.<kind>.<signature>'."""
    require_secret(secret)
    return f"{person_id}.{kind.value}.{_signature(secret, person_id, kind)}"


def read_token(secret: str, token: str) -> tuple[int, EmailKind] | None:
    """The person and kind a token names, or None when it is not one this secret signed."""
    found = TOKEN.fullmatch(token) if secret else None
    if found is None or found.group(2) not in {k.value for k in EmailKind}:
        return None
    person_id, kind = int(found.group(1)), EmailKind(found.group(2))
    # Constant time: how much of a guess matched must not show in how long the answer takes.
    if not hmac.compare_digest(_signature(secret, person_id, kind).encode(), found.group(3).encode()):
        return None
    return person_id, kind


def unsubscribe_url(public_url: str, secret: str, person_id: int, kind: EmailKind) -> str:
    """The one-click link for a bulk e-mail's List-Unsubscribe header and footer."""
    return f"{public_url.rstrip('/')}{UNSUBSCRIBE_PATH}/{make_token(secret, person_id, kind)}"
