"""An aiosmtpd server that refuses some addresses at RCPT time, as a real server refuses an unknown mailbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.controller import Controller

from domain.settings import SmtpSettings
from tests.smtp_support import LINK_SECRET, Inbox, free_port


class Refusing(Inbox):
    """An inbox whose server answers 550 to the listed recipients and takes every other."""

    def __init__(self, refused: set[str]) -> None:
        super().__init__()
        self.refused = refused

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        """Refuse the listed addresses for good (550); take the rest."""
        if address in self.refused:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@contextmanager
def refusing_server(refused: set[str]) -> Iterator[tuple[Refusing, SmtpSettings]]:
    """Run such a server for the block; yields its inbox and the settings Sammen uses to reach it."""
    inbox = Refusing(refused)
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, SmtpSettings(host="127.0.0.1", port=port, sender="Sammen <noreply@sammenby.dk>",
                                  starttls=False, link_secret=LINK_SECRET)
    finally:
        controller.stop()
