"""The handlers the delivery worker sends with: push always, e-mail and the daily summary when SMTP is set up."""

from __future__ import annotations

from pathlib import Path

from domain.notifications.delivery_types import Handler
from domain.notifications.email_channel import digest_handler, email_handler
from domain.notifications.push import PushSender, subject_for
from domain.notifications.vapid import load_or_create
from domain.settings import SmtpSettings


def channel_handlers(data_dir: Path, public_url: str, smtp: SmtpSettings | None) -> dict[str, Handler]:
    """One handler per channel; a channel without one (e-mail with no SMTP) stays queued, unclaimed."""
    handlers: dict[str, Handler] = {"push": PushSender(load_or_create(data_dir), subject_for(public_url))}
    if smtp is not None:
        handlers["email"] = email_handler(smtp, public_url)
        handlers["digest"] = digest_handler(smtp, public_url)
    return handlers
