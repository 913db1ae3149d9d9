"""A real SMTP server for tests (aiosmtpd on a free port) that keeps every message it receives."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage, Message
from email.parser import BytesParser
from typing import Any, cast

from aiosmtpd.controller import Controller

from domain.settings import DEV_STORAGE_SECRET, SmtpSettings

# The secret of the app the UI tests build (STORAGE_SECRET unset), so a link in a test e-mail opens in that app.
LINK_SECRET = DEV_STORAGE_SECRET


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.raw: list[bytes] = []  # exactly what went over the wire, for parsers of every strictness

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Keep the message and accept it."""
        self.raw.append(envelope.content)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def strict(self) -> list[EmailMessage]:
        """Every message parsed with the strict policy: any defect raises instead of being repaired quietly."""
        return [strict_parse(raw) for raw in self.raw]


def strict_parse(raw: bytes) -> EmailMessage:
    """One message parsed with email.policy.strict (raises on any defect, in the headers or the MIME structure)."""
    return cast(EmailMessage, BytesParser(policy=email.policy.strict).parsebytes(raw))


def text_of(message: Message, subtype: str = "plain") -> str:
    """The decoded text/plain (or text/<subtype>) part of a message, with the wire's CRLF read as newlines."""
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8").replace("\r\n", "\n")
    raise AssertionError(f"no text/{subtype} part")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server(sender: str) -> Iterator[tuple[Inbox, SmtpSettings]]:
    """Run a server for the block; yields its inbox and the settings Sammen uses to reach it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, SmtpSettings(host="127.0.0.1", port=port, sender=sender, starttls=False, link_secret=LINK_SECRET)
    finally:
        controller.stop()
