"""'Send påmindelse' from a never-logged-in list: a message each, or an e-mail each through a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

import pytest

from domain.clock import today_local
from domain.errors import AccessDenied, DomainError
from domain.gdpr.export_people import accounts_file
from domain.identity.model import Actor, Role
from domain.notifications.model import EmailKind
from domain.rollout import reminders
from domain.rollout.missing import LoginList
from domain.rollout.reminder_mail import send_due_login_reminders
from domain.rollout.reminders import Channel, Skip
from domain.settings import SmtpSettings
from persistence.audit import AuditEntry
from persistence.messages import Message, Participant, Thread
from persistence.notifications import EmailOptOut
from persistence.people import Person
from persistence.rollout_reminders import AdoptionReminder
from tests.clocks import TestClock
from tests.logins_world import build
from tests.smtp_support import Inbox, text_of
from tests.smtp_support import smtp_server as running_smtp

PUBLIC = "https://sammen.sammenby.dk"
SUBJECT = "Husk at logge ind i Sammen"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("Sammenby Kommune <noreply@sammenby.dk>") as server:
        yield server


@pytest.fixture
def morning(clock: TestClock) -> datetime:
    """Ten in the morning of the run's day, standing still (so 'today' and the Date header are known)."""
    return clock.at_local(10, ticking=False)


async def ids(*first_names: str) -> list[int]:
    """Person ids by first name."""
    return [p.id for p in await Person.filter(first_name__in=first_names).order_by("first_name")]


async def test_a_leader_reminds_the_whole_school_by_message_one_thread_each(database: str, morning: datetime) -> None:
    s = await build()
    result = await reminders.do_send_reminder(s.school_leader, s.w.school.id, None, None, Channel.MESSAGE,
                                              subject=SUBJECT, text="Hej\n\nLog ind i Sammen.", now=morning)
    assert (result.sent, result.skipped) == (7, ())
    assert await Thread.all().count() == 7
    for thread in await Thread.all():
        seats = await Participant.filter(thread_id=thread.id).values_list("person_id", flat=True)
        assert len(seats) == 2 and s.school_leader.person_id in seats  # nobody sees who else was reminded
    assert {m.sender_id for m in await Message.all()} == {s.school_leader.person_id}
    entry = await AuditEntry.filter(action="rollout.remind").get()
    assert "channel=message sent=7" in entry.detail and "Hej" not in entry.detail


async def test_a_person_is_reminded_at_most_once_a_day_and_told_so(database: str, clock: TestClock,
                                                                  morning: datetime) -> None:
    s = await build()
    aase, = await ids("Åse")
    first = await reminders.do_send_reminder(s.teacher, s.w.school.id, s.w.class_2a.id, [aase], Channel.MESSAGE,
                                             subject=SUBJECT, text="Husk det", now=morning)
    assert first.sent == 1
    plan = await reminders.check_reminder(s.school_leader, s.w.school.id, None, None, Channel.MESSAGE)
    assert ("Åse Testesen", Skip.REMINDED_TODAY) in plan.skipped and aase not in plan.recipients
    again = await reminders.do_send_reminder(s.school_leader, s.w.school.id, None, [aase], Channel.EMAIL,
                                             subject=SUBJECT, text="Husk det", now=clock.advance(hours=2))
    assert again.sent == 0 and again.skipped == (("Åse Testesen", Skip.REMINDED_TODAY),)
    tomorrow = clock.advance(days=1)
    later = await reminders.do_send_reminder(s.teacher, s.w.school.id, s.w.class_2a.id, [aase], Channel.MESSAGE,
                                             subject=SUBJECT, text="Husk det", now=tomorrow)
    assert later.sent == 1 and await AdoptionReminder.filter(person_id=aase).count() == 2
    # Her own data export says when she was reminded, how and by whom (never another person's reminders).
    exported = (await accounts_file(aase))["login_reminders"]
    assert [(r["channel"], r["sent_by_name"]) for r in exported] == [("message", s.teacher.name), ("message",
                                                                                                   s.teacher.name)]


async def test_the_project_team_reaches_staff_by_message_and_guardians_only_by_email(database: str,
                                                                                      morning: datetime) -> None:
    s = await build()
    plan = await reminders.check_reminder(s.team, s.w.school.id, None, None, Channel.MESSAGE)
    assert sorted(plan.recipients) == sorted(await ids("Bente", "Tina"))
    assert {why for _, why in plan.skipped} == {Skip.OUT_OF_REACH}


async def test_reminder_emails_go_out_strictly_formed_to_those_with_an_address(
        database: str, morning: datetime, smtp_server: tuple[Inbox, SmtpSettings]) -> None:
    inbox, smtp = smtp_server
    s = await build()
    aase, tina = await ids("Åse", "Tina")
    ole, = await ids("Olga")
    await Person.filter(id=aase).update(email="aase@example.dk")
    await Person.filter(id=tina).update(email="tina@skolen.dk")
    await Person.filter(id=ole).update(email="olga@example.dk")
    await EmailOptOut.create(person_id=ole, kind=EmailKind.REMINDERS.value, at=morning)
    text = "Kære forælder\n\nVi savner dig i Sammen – log ind og se ugeplanen for 2.A.\n\nHilsen Hanne"
    result = await reminders.do_send_reminder(s.school_leader, s.w.school.id, s.w.class_2a.id, None, Channel.EMAIL,
                                              subject="Påmindelse: log ind i Sammen", text=text, now=morning)
    assert result.sent == 2
    assert dict(result.skipped) == {"Gitte Testesen": Skip.NO_EMAIL, "Olga Testesen": Skip.EMAIL_OFF,
                                    "Ærling Testesen": Skip.NO_EMAIL}
    assert inbox.raw == []  # the mail job sends them
    assert await send_due_login_reminders(smtp, PUBLIC, now=morning) == 2
    assert await send_due_login_reminders(smtp, PUBLIC, now=morning) == 0  # claimed once
    messages = inbox.strict()
    assert sorted(str(m["To"]) for m in messages) == ["aase@example.dk", "tina@skolen.dk"]
    for message in messages:
        assert all(not part.defects for part in message.walk())
        assert str(message["Subject"]) == "Påmindelse: log ind i Sammen"
        assert parsedate_to_datetime(str(message["Date"])) == morning.replace(microsecond=0)
        assert str(message["Message-ID"]).endswith("@sammenby.dk>")
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        plain = text_of(message)
        assert plain.startswith(text) and f"Log ind i Sammen her: {PUBLIC}/" in plain
        assert "ugeplanen for 2.A" in text_of(message, "html")
        assert message["List-Unsubscribe"].startswith(f"<{PUBLIC}/email/afmeld/")
    # Once out, only the fact that a reminder went is kept.
    assert set(await AdoptionReminder.all().values_list("text", flat=True)) == {""}


async def test_a_refused_email_is_given_back_for_the_next_run(database: str, morning: datetime) -> None:
    s = await build()
    aase, = await ids("Åse")
    await Person.filter(id=aase).update(email="aase@example.dk")
    await reminders.do_send_reminder(s.school_leader, s.w.school.id, None, [aase], Channel.EMAIL,
                                     subject=SUBJECT, text="Hej", now=morning)
    nobody = SmtpSettings(host="127.0.0.1", port=9, sender="noreply@sammenby.dk", starttls=False,
                          link_secret="x" * 32)
    assert await send_due_login_reminders(nobody, PUBLIC, now=morning) == 0
    row = await AdoptionReminder.get(person_id=aase)
    assert row.emailed_at is None and row.text == "Hej"


async def test_staff_cannot_remind_another_class(database: str, morning: datetime) -> None:
    s = await build()
    with pytest.raises(AccessDenied):
        await reminders.do_send_reminder(s.teacher, s.w.school.id, s.class_2b.id, None, Channel.MESSAGE,
                                         subject=SUBJECT, text="Hej", now=morning)
    with pytest.raises(AccessDenied):
        await reminders.do_send_reminder(s.other_leader, s.w.school.id, None, None, Channel.EMAIL,
                                         subject=SUBJECT, text="Hej", now=morning)
    assert await AdoptionReminder.all().count() == 0 and await Thread.all().count() == 0


@pytest.mark.parametrize(("subject", "text", "key"), [
    (SUBJECT, "Dit CPR 010180-1234 er registreret", "rollout.remind.cpr"),
    (SUBJECT, "   ", "rollout.remind.text_required"),
    ("x" * 121, "Hej", "rollout.remind.too_long"),
])
async def test_a_bad_reminder_text_is_refused_and_nothing_is_sent(database: str, morning: datetime, subject: str,
                                                                  text: str, key: str) -> None:
    s = await build()
    with pytest.raises(DomainError) as refused:
        await reminders.do_send_reminder(s.school_leader, s.w.school.id, None, None, Channel.MESSAGE,
                                         subject=subject, text=text, now=morning)
    assert refused.value.key == key
    assert await AdoptionReminder.all().count() == 0 and await Thread.all().count() == 0


async def test_only_people_on_the_list_can_be_chosen(database: str, morning: datetime) -> None:
    s = await build()
    zakarias, = await ids("Zakarias")  # logged in: not on the list
    with pytest.raises(DomainError) as refused:
        await reminders.do_send_reminder(s.school_leader, s.w.school.id, None, [zakarias], Channel.MESSAGE,
                                         subject=SUBJECT, text="Hej", now=morning)
    assert refused.value.key == "rollout.remind.not_on_list"


def test_the_default_text_names_the_institution_and_the_sender_and_no_child() -> None:
    login_list = LoginList(1, "Testskolen", None, "", today_local(), (), 0, 0, (), True)
    text = reminders.default_text(login_list, Actor(1, "Hanne Hansen", Role.LEADER, frozenset({Role.LEADER})))
    assert "Testskolen" in text and "Hanne Hansen" in text and "{" not in text
