"""Calendar reminders through a real SMTP server (aiosmtpd): once per occurrence, no private text, retried."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from email.header import decode_header, make_header
from email.message import Message

import pytest

from domain.calendar import invitations, reminders, service
from domain.settings import SmtpSettings
from persistence.calendar import CalendarEvent
from persistence.people import Person
from tests.calendar_world import NOW, aware, build_calendar_world, local
from tests.smtp_support import Inbox, free_port, text_of
from tests.smtp_support import smtp_server as running_smtp

PUBLIC = "https://sammen.example.dk"


def subject(mail: Message) -> str:
    return str(make_header(decode_header(str(mail["Subject"]))))
DAY = date(2026, 12, 7)


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("kalender@sammenby.dk") as server:
        yield server


async def test_invitees_who_did_not_say_no_get_one_reminder_per_occurrence(
        database: str, smtp_server: tuple[Inbox, SmtpSettings]) -> None:
    inbox, smtp = smtp_server
    cw = await build_calendar_world()
    w = cw.w
    await Person.filter(id__in=[w.guardian.id, w.other_guardian.id]).update(email="foraelder@example.dk")
    event_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Forældremøde", description="Om Carls trivsel",
        place="Lokale 12", all_day=False, start=local(DAY, 17), end=local(DAY, 19), repeat="weekly",
        repeat_until=date(2026, 12, 21), invite=True, reminder_minutes=60, private=False, now=NOW)
    await invitations.do_answer(cw.other_guardian, event_id, "nej", now=NOW)
    start = aware(DAY, 17)
    assert await reminders.send_due_reminders(smtp, PUBLIC, now=start - timedelta(minutes=61)) == 0

    down = replace(smtp, port=free_port())
    assert await reminders.send_due_reminders(down, PUBLIC, now=start - timedelta(minutes=59)) == 0
    assert (await CalendarEvent.get(id=event_id)).reminded_through is None  # given back for the next run

    assert await reminders.send_due_reminders(smtp, PUBLIC, now=start - timedelta(minutes=58)) == 1
    assert await reminders.send_due_reminders(smtp, PUBLIC, now=start - timedelta(minutes=30)) == 0
    (mail,) = inbox.messages
    body = text_of(mail)
    assert subject(mail) == "Påmindelse: Forældremøde" and "mandag 7. december 2026 kl. 17:00" in body
    assert "Lokale 12" in body and "Carl" not in body and f"{PUBLIC}/kalender" in body
    # the next week's occurrence is reminded in its own turn
    assert await reminders.send_due_reminders(smtp, PUBLIC, now=start + timedelta(days=7, minutes=-45)) == 1
    assert len(inbox.messages) == 2


async def test_a_person_event_reminds_its_owner_only(database: str, smtp_server: tuple[Inbox, SmtpSettings]) -> None:
    inbox, smtp = smtp_server
    cw = await build_calendar_world()
    await Person.filter(id=cw.w.guardian.id).update(email="gitte@example.dk")
    await service.do_create_event(cw.guardian, scope="person", title="Tandlæge", description="Annas rodbehandling",
                                  all_day=False, start=local(DAY, 9), end=local(DAY, 10), reminder_minutes=24 * 60,
                                  private=True, now=NOW)
    assert await reminders.send_due_reminders(smtp, PUBLIC, now=aware(DAY, 9) - timedelta(hours=23)) == 1
    (mail,) = inbox.messages
    assert mail["To"] == "gitte@example.dk" and "rodbehandling" not in text_of(mail)
