"""The e-mail channels through a real SMTP server (aiosmtpd), read back strictly: headers, parts, no følsom text."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import pytest

from domain.notifications.delivery_types import DeliveryJob, Outcome
from domain.notifications.email_channel import digest_handler, email_handler
from domain.notifications.email_settings import do_opt_out
from domain.notifications.links import unsubscribe_url
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.people import Person
from tests.messages_world import MessagesWorld, build_messages_world
from tests.smtp_refusing import Refusing, refusing_server
from tests.smtp_support import LINK_SECRET, Inbox, free_port, text_of

PUBLIC = "https://sammen.sammenby.dk"
NOW = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # 17:00 in Copenhagen, the default summary time
SECRET_TEXT = "Oscar har fået medicin for astma"  # what a følsom message said: must never leave the server
CPR = "010203-1234"


@pytest.fixture
def server() -> Iterator[tuple[Refusing, SmtpSettings]]:
    with refusing_server({"forkert@example.dk"}) as running:
        yield running


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    world = await build_messages_world()
    await Person.filter(id=world.guardian.person_id).update(email="gitte@example.dk")
    await Person.filter(id=world.other_guardian.person_id).update(email="forkert@example.dk")
    await Person.filter(id=world.teacher.person_id).update(email="anne@example.dk")
    return world


def job(id_: int, person_id: int, *, channel: str = "email", title: str = "Ny besked fra Anne Holm",
        body: str = "Emne: Tur i skoven", sensitive: bool = False, minutes: int = 0, category: str = "message",
        link: str = "/beskeder/7") -> DeliveryJob:
    return DeliveryJob(id=id_, notification_id=100 + id_, person_id=person_id, channel=channel, device_id=None,
                       category=category, title=title, body=body, link=link, sensitive=sensitive,
                       created_at=NOW - timedelta(hours=5) + timedelta(minutes=minutes), attempts=0)


def strictly(inbox: Inbox) -> list[EmailMessage]:
    """Every e-mail parsed with email.policy.strict, with what every e-mail must carry checked."""
    messages = inbox.strict()
    for message in messages:
        assert all(not part.defects for part in message.walk())
        assert parsedate_to_datetime(str(message["Date"])) == NOW
        assert str(message["Message-ID"]).endswith("@sammenby.dk>")
        assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert len({str(m["Message-ID"]) for m in messages}) == len(messages)
    return messages


def whole(message: EmailMessage) -> str:
    """Everything a reader (or a mail provider) sees: headers and both parts, decoded."""
    return "\n".join(f"{k}: {v}" for k, v in message.items()) + text_of(message) + text_of(message, "html")


async def test_one_email_per_notification_with_its_link_and_nothing_følsom(
        mw: MessagesWorld, server: tuple[Refusing, SmtpSettings]) -> None:
    inbox, smtp = server
    gitte = mw.guardian.person_id
    følsom = job(2, gitte, title="Ny følsom besked fra Skovlyskolen — log ind med MitID for at læse",
                 body=f"{SECRET_TEXT} {CPR}", sensitive=True, link="/beskeder/8")
    outcomes = await email_handler(smtp, PUBLIC, LINK_SECRET)([job(1, gitte), følsom], NOW)
    assert outcomes == [Outcome(1, ok=True), Outcome(2, ok=True)]
    first, second = strictly(inbox)
    assert first["Subject"] == "Ny besked fra Anne Holm" and first["To"] == "gitte@example.dk"
    assert text_of(first).startswith("Ny besked fra Anne Holm\nEmne: Tur i skoven\n\nÅbn den i Sammen: "
                                     f"{PUBLIC}/beskeder/7\n")
    assert f'<a href="{PUBLIC}/beskeder/7">' in text_of(first, "html")
    assert second["Subject"] == "Ny følsom besked fra Skovlyskolen — log ind med MitID for at læse"
    assert f"{PUBLIC}/beskeder/8" in text_of(second)
    for message in (first, second):
        assert "List-Unsubscribe" not in message and "List-Unsubscribe-Post" not in message
    assert SECRET_TEXT not in whole(second) and CPR not in whole(second)
    assert all(SECRET_TEXT.encode() not in raw and CPR.encode() not in raw for raw in inbox.raw)


async def test_a_refused_address_fails_for_good_and_the_rest_of_the_batch_goes_out(
        mw: MessagesWorld, server: tuple[Refusing, SmtpSettings], caplog: pytest.LogCaptureFixture) -> None:
    inbox, smtp = server
    olga, gitte, anne = mw.other_guardian.person_id, mw.guardian.person_id, mw.teacher.person_id
    nobody = mw.former.person_id  # no address at all
    with caplog.at_level(logging.INFO):
        outcomes = await email_handler(smtp, PUBLIC)([job(1, olga), job(2, gitte), job(3, nobody), job(4, anne)], NOW)
    assert outcomes == [Outcome(1, ok=False, retry=False, error="refused"), Outcome(2, ok=True),
                        Outcome(3, ok=False, error="no-address"), Outcome(4, ok=True)]
    assert [m["To"] for m in strictly(inbox)] == ["gitte@example.dk", "anne@example.dk"]
    ours = " ".join(r.getMessage() for r in caplog.records if r.name.startswith("domain"))  # not aiosmtpd's own
    assert "refused" in ours and "forkert@example.dk" not in ours and "Anne Holm" not in ours


async def test_no_connection_is_retried_later(mw: MessagesWorld, server: tuple[Refusing, SmtpSettings]) -> None:
    _, smtp = server
    down = replace(smtp, port=free_port())
    outcomes = await email_handler(down, PUBLIC)([job(1, mw.guardian.person_id)], NOW)
    assert outcomes == [Outcome(1, ok=False, retry=True, error="unavailable")]
    outcomes = await digest_handler(down, PUBLIC)([job(2, mw.guardian.person_id, channel="digest")], NOW)
    assert outcomes == [Outcome(2, ok=False, retry=True, error="unavailable")]


async def test_one_summary_per_person_with_every_line_and_a_one_click_unsubscribe(
        mw: MessagesWorld, server: tuple[Refusing, SmtpSettings]) -> None:
    inbox, smtp = server
    gitte, anne, olga = mw.guardian.person_id, mw.teacher.person_id, mw.other_guardian.person_id
    batch = [job(1, gitte, channel="digest", minutes=30, title="Vigtigt opslag fra 2.A: Juleklip", link="/opslag/3"),
             job(2, gitte, channel="digest", title="Ny følsom besked fra Skovlyskolen — log ind med MitID for at læse",
                 body=SECRET_TEXT, sensitive=True),
             job(3, anne, channel="digest", title="Ny besked fra Gitte Hansen"),
             job(4, olga, channel="digest")]
    outcomes = await digest_handler(smtp, PUBLIC, LINK_SECRET)(batch, NOW)
    assert outcomes == [Outcome(1, ok=True), Outcome(2, ok=True), Outcome(3, ok=True),
                        Outcome(4, ok=False, retry=False, error="refused")]
    summaries = {str(m["To"]): m for m in strictly(inbox)}
    assert sorted(summaries) == ["anne@example.dk", "gitte@example.dk"]
    mine = summaries["gitte@example.dk"]
    assert mine["Subject"] == "Sammen: 2 nye notifikationer"
    assert summaries["anne@example.dk"]["Subject"] == "Sammen: 1 ny notifikation"
    link = unsubscribe_url(PUBLIC, LINK_SECRET, gitte, EmailKind.DIGEST)
    assert mine["List-Unsubscribe"] == f"<{link}>"
    assert mine["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = text_of(mine)
    # Oldest first, in Copenhagen time (12:00 and 12:30 on 7.12.)
    assert text.index("7.12. kl. 12:00 – Ny følsom besked") < text.index("7.12. kl. 12:30 – Vigtigt opslag fra 2.A")
    assert f"{PUBLIC}/opslag/3" in text and link in text
    assert SECRET_TEXT not in whole(mine)


async def test_a_person_who_turned_the_summary_off_gets_none(
        mw: MessagesWorld, server: tuple[Refusing, SmtpSettings]) -> None:
    inbox, smtp = server
    gitte = mw.guardian.person_id
    await do_opt_out(gitte, EmailKind.DIGEST, now=NOW)
    outcomes = await digest_handler(smtp, PUBLIC)([job(1, gitte, channel="digest")], NOW)
    assert outcomes == [Outcome(1, ok=False, error="opted-out")] and inbox.raw == []
