"""From a person's choice to the inbox: the outbox, the delivery worker and the e-mail handlers over real SMTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain.events import Outbox
from domain.notifications.centre import Category, Channel, NewNotification
from domain.notifications.channels import channel_handlers
from domain.notifications.delivery import run_once
from domain.notifications.links import unsubscribe_url
from domain.notifications.model import EmailKind
from domain.notifications.outbox import do_enqueue
from domain.notifications.preferences import do_set_choice, do_set_digest_time
from domain.settings import SmtpSettings
from persistence.notifications import NotificationDelivery
from persistence.people import Person
from tests.messages_world import MessagesWorld, build_messages_world
from tests.smtp_refusing import Refusing, refusing_server
from tests.smtp_support import LINK_SECRET, text_of

PUBLIC = "https://sammen.sammenby.dk"
AFTERNOON = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen
SUMMARY = datetime(2026, 12, 7, 17, 0, tzinfo=UTC)  # 18:00: Anne's chosen summary time


@pytest.fixture
def server() -> Iterator[tuple[Refusing, SmtpSettings]]:
    with refusing_server({"forkert@example.dk"}) as running:
        yield running


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    world = await build_messages_world()
    for actor, address in ((world.guardian, "gitte@example.dk"), (world.other_guardian, "forkert@example.dk"),
                           (world.teacher, "anne@example.dk")):
        await Person.filter(id=actor.person_id).update(email=address)
    return world


def _note(person_id: int, source: str, title: str = "Ny besked fra Anne Holm") -> NewNotification:
    return NewNotification(person_id, Category.MESSAGE, title, "/beskeder/1", source, body="Emne: Tur i skoven")


async def test_choices_decide_the_email_and_the_summary_and_a_refused_address_does_not_stop_the_rest(
        mw: MessagesWorld, server: tuple[Refusing, SmtpSettings], tmp_path: Path) -> None:
    inbox, smtp = server
    gitte, olga, anne = mw.guardian, mw.other_guardian, mw.teacher
    await do_set_choice(gitte, Category.MESSAGE, Channel.EMAIL, on=True)
    await do_set_choice(olga, Category.MESSAGE, Channel.EMAIL, on=True)
    await do_set_digest_time(anne, "18:00")  # a teacher gets the summary by default
    await do_enqueue([_note(p.person_id, "message:1") for p in (gitte, olga, anne)]
                     + [_note(anne.person_id, "message:2", "Ny besked fra Gitte Hansen")], Outbox(), now=AFTERNOON)
    handlers = channel_handlers(tmp_path, PUBLIC, smtp)

    assert await run_once(handlers, AFTERNOON) == 2  # the two e-mails at once; the summary is not due yet
    messages = inbox.strict()
    assert [m["To"] for m in messages] == ["gitte@example.dk"]
    refused = await NotificationDelivery.get(notification__person_id=olga.person_id)
    assert (refused.failed, refused.error, refused.sent_at) == (True, "refused", None)  # given up, not retried

    assert await run_once(handlers, SUMMARY - timedelta(minutes=1)) == 0
    assert await run_once(handlers, SUMMARY) == 2  # Anne's two lines, in one e-mail
    summary = inbox.strict()[-1]
    assert summary["To"] == "anne@example.dk" and summary["Subject"] == "Sammen: 2 nye notifikationer"
    link = unsubscribe_url(PUBLIC, LINK_SECRET, anne.person_id, EmailKind.DIGEST)
    assert summary["List-Unsubscribe"] == f"<{link}>"
    assert "Ny besked fra Gitte Hansen" in text_of(summary)
    assert "List-Unsubscribe" not in messages[0]

    assert await run_once(handlers, SUMMARY + timedelta(hours=1)) == 0  # nothing twice
    assert len(inbox.raw) == 2
    assert await NotificationDelivery.filter(sent_at__isnull=False).count() == 3
