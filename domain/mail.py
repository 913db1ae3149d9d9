"""Plain-text e-mail through the municipality's SMTP server: compose one, send many over one connection."""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping
from email.message import EmailMessage
from typing import TypeVar

import aiosmtplib

from domain.settings import SmtpSettings

log = logging.getLogger(__name__)
SMTP_TIMEOUT = 20.0
K = TypeVar("K", bound=Hashable)


def plain(smtp: SmtpSettings, to: str, subject: str, text: str) -> EmailMessage:
    """One plain-text e-mail from the configured sender."""
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    return message


async def deliver(smtp: SmtpSettings, messages: Mapping[K, EmailMessage]) -> set[K]:
    """Send over one connection; returns the keys whose e-mail did not go out (nothing of the text is logged)."""
    if not messages:
        return set()
    failed: set[K] = set()
    client = aiosmtplib.SMTP(hostname=smtp.host, port=smtp.port, username=smtp.user or None,
                             password=smtp.password or None, start_tls=smtp.starttls, timeout=SMTP_TIMEOUT)
    try:
        async with client:
            for key, message in messages.items():
                try:
                    await client.send_message(message)
                except aiosmtplib.SMTPException as exc:
                    log.warning("e-mail %s refused: %s", key, type(exc).__name__)
                    failed.add(key)
    except (aiosmtplib.SMTPException, OSError) as exc:
        log.warning("SMTP server %s:%s unavailable: %s", smtp.host, smtp.port, type(exc).__name__)
        return set(messages)
    return failed
