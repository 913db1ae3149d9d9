"""The e-mail fallback through a real SMTP server (aiosmtpd): once per unread guardian, never twice, retried."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from domain.broadcast import mailer, service
from domain.clock import utcnow
from domain.rollout.model import Area
from domain.settings import SmtpSettings, load_smtp
from persistence.broadcast import BroadcastRecipient
from persistence.people import Person
from tests.broadcast_world import build_broadcast_world
from tests.smtp_support import Inbox, free_port, text_of
from tests.smtp_support import smtp_server as running_smtp

NOW = utcnow()
BODY = "Hemmelig-ikke, men lang tekst om lukningen"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("krise@sammenby.dk") as server:
        yield server


def test_smtp_settings_come_from_the_environment_and_email_is_off_without_a_host() -> None:
    assert load_smtp({}) is None
    smtp = load_smtp({"SMTP_HOST": "mail.kommune.dk", "SMTP_PORT": "2525", "SMTP_USER": "u", "SMTP_PASSWORD": "p",
                      "SMTP_FROM": "krise@kommune.dk", "SMTP_STARTTLS": "0"})
    assert smtp == SmtpSettings("mail.kommune.dk", 2525, "u", "p", "krise@kommune.dk", False)


async def test_unread_guardians_get_exactly_one_email_and_a_failure_is_retried(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], caplog: pytest.LogCaptureFixture) -> None:
    inbox, smtp = smtp_server
    bw = await build_broadcast_world()
    await Person.filter(id=bw.w.other_guardian.id).update(email="olga@example.dk")
    broadcast_id = await service.do_send_broadcast(
        bw.admin, title="Skolerne lukker", body=BODY, areas=[Area.SKOLE, Area.DAGTILBUD], institution_ids=[],
        email_after_minutes=30, now=NOW)
    await service.do_mark_read(bw.olga, broadcast_id, now=NOW + timedelta(minutes=5))
    public = "https://sammen.example.dk"
    assert await mailer.send_due_emails(smtp, public, now=NOW + timedelta(minutes=29)) == 0  # not yet due

    down = replace(smtp, port=free_port())
    with caplog.at_level(logging.INFO):
        assert await mailer.send_due_emails(down, public, now=NOW + timedelta(minutes=30)) == 0
    assert BODY not in caplog.text and "unavailable" in caplog.text
    assert not await BroadcastRecipient.filter(emailed_at__isnull=False).exists()  # given back for the next run

    assert await mailer.send_due_emails(smtp, public, now=NOW + timedelta(minutes=31)) == 1
    assert await mailer.send_due_emails(smtp, public, now=NOW + timedelta(minutes=32)) == 0
    assert [m["To"] for m in inbox.messages] == ["gitte@example.dk"]  # one e-mail for two institutions
    message = inbox.messages[0]
    text = text_of(message)
    assert "Skolerne lukker" in message["Subject"] and BODY in text and f"{public}/krise" in text
    assert await BroadcastRecipient.filter(broadcast_id=broadcast_id, emailed_at__isnull=False).count() == 2
