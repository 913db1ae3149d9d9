"""Every kind of e-mail through a real SMTP server, read back in strict mode; who turned a kind off gets none of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import pytest

from domain.broadcast import mailer
from domain.broadcast import service as broadcasts
from domain.calendar import reminders as calendar_reminders
from domain.calendar import service as calendar
from domain.clock import today_local
from domain.conferences import reminders as conference_reminders
from domain.conferences import service as conferences
from domain.conferences.service import RoundInput
from domain.conferences.slots import BreakInput, DayInput, local_moment, parse_time
from domain.errors import DomainError
from domain.identity.model import Role
from domain.notifications import email_settings
from domain.notifications.links import make_token, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.rollout.model import Area
from domain.settings import SmtpSettings
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.conferences import ConferenceSlot
from persistence.notifications import EmailOptOut
from persistence.organisation import Municipality
from persistence.people import Person
from tests.broadcast_world import build_broadcast_world
from tests.calendar_world import aware, build_calendar_world, local
from tests.clocks import TestClock
from tests.factory import build_world
from tests.messages_world import actor_of
from tests.smtp_support import LINK_SECRET, Inbox, free_port, text_of
from tests.smtp_support import smtp_server as running_smtp

PUBLIC = "https://sammen.sammenby.dk"
FOOTER = "Vil du ikke have flere e-mails af denne slags, kan du slå dem fra her: {link}\n"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("Sammenby Kommune <noreply@sammenby.dk>") as server:
        yield server


@pytest.fixture
def still(clock: TestClock) -> datetime:
    """The clock stands still at the run's instant, so the Date header can be checked to the second."""
    return clock.at(clock.start, ticking=False)


def read_strictly(inbox: Inbox, now: datetime) -> list[EmailMessage]:
    """Every e-mail the server took, parsed in strict mode, with the headers every e-mail must have checked."""
    messages = inbox.strict()
    for message in messages:
        assert all(not part.defects for part in message.walk())
        assert all(not getattr(value, "defects", ()) for _, value in message.items())
        assert parsedate_to_datetime(str(message["Date"])) == now.replace(microsecond=0)
        message_id = str(message["Message-ID"])
        assert message_id.startswith("<") and message_id.endswith("@sammenby.dk>")
        assert message["Auto-Submitted"] == "auto-generated"
        assert message.get_content_type() == "multipart/alternative"
        assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
        assert '<html lang="da">' in text_of(message, "html")
    assert len({str(m["Message-ID"]) for m in messages}) == len(messages)
    return messages


def one_click(message: EmailMessage, person_id: int, kind: EmailKind) -> str:
    """The message's List-Unsubscribe link, checked to be this person's for this kind, with its one-click header."""
    link = unsubscribe_url(PUBLIC, LINK_SECRET, person_id, kind)
    assert message["List-Unsubscribe"] == f"<{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return link


async def test_the_urgent_email_reads_back_exactly_in_strict_mode(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    bw = await build_broadcast_world()
    # With this name the email package's own folding put the space before "vandværket" between two encoded words
    await Municipality.filter(id=bw.w.school.municipality_id).update(name="Sammenby Kommune")
    title = "Kog drikkevandet – vandværket er forurenet"
    body = "Kog vandet i 5 minutter.\nSe mere på https://sammenby.dk/vand."
    await broadcasts.do_send_broadcast(bw.admin, title=title, body=body, areas=[Area.SKOLE], institution_ids=[],
                                       email_after_minutes=30, now=still)
    assert await mailer.send_due_emails(smtp, PUBLIC, now=still + timedelta(minutes=30)) == 1  # Gitte has e-mail
    (message,) = read_strictly(inbox, still)
    assert message["Subject"] == "Vigtig besked fra Sammenby Kommune: Kog drikkevandet – vandværket er forurenet"
    assert message["To"] == "gitte@example.dk"
    link = one_click(message, bw.w.guardian.id, EmailKind.URGENT)
    assert text_of(message) == (
        "Kære forælder\n\nSammenby Kommune har sendt en vigtig besked til dig i Sammen, som du endnu ikke har læst.\n\n"
        "Kog drikkevandet – vandværket er forurenet\n\nKog vandet i 5 minutter.\nSe mere på https://sammenby.dk/vand."
        f"\n\nDu kan også læse beskeden uden at logge ind: {PUBLIC}/krise\n\nMed venlig hilsen\nSammenby Kommune\n\n"
        + FOOTER.format(link=link))
    html = text_of(message, "html")
    assert "<p>Kog vandet i 5 minutter.<br>\nSe mere på " \
           '<a href="https://sammenby.dk/vand">https://sammenby.dk/vand</a>.</p>' in html
    assert f'<a href="{link}">{link}</a>' in html


async def test_a_conference_reminder_reads_back_exactly_in_strict_mode(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    w = await build_world()
    await Person.filter(id=w.guardian.id).update(email="gitte@example.dk")
    teacher, gitte = await actor_of(w.teacher, Role.STAFF), await actor_of(w.guardian, Role.PARENT)
    day = today_local(still) + timedelta(days=7)
    round_id = await conferences.do_create_round(teacher, RoundInput(
        group_id=w.class_2a.id, title="Skole-hjem-samtaler i 2.A – efterår", place="Klasselokalet på 1. sal",
        slot_minutes=15, days=[DayInput(day, "14:00", "15:00")], breaks=[BreakInput("14:30", "14:45")],
        booking_deadline=local_moment(day - timedelta(days=2), parse_time("12:00")), reminder_hours=24), now=still)
    slot = await ConferenceSlot.filter(round_id=round_id).order_by("starts_at").first()
    assert slot is not None
    await conferences.do_book(gitte, slot_id=slot.id, child_id=w.child.id, now=still)
    assert await conference_reminders.send_due_reminders(smtp, PUBLIC, now=slot.starts_at - timedelta(hours=24)) == 1
    (message,) = read_strictly(inbox, still)
    when = conference_reminders.when_text(slot.starts_at)
    assert message["Subject"] == f"Påmindelse: Skole-hjem-samtaler i 2.A – efterår {when}"
    link = one_click(message, w.guardian.id, EmailKind.REMINDERS)
    assert text_of(message) == (
        f"Kære forælder\n\nHusk samtalen om Anna {when}.\n\nSkole-hjem-samtaler i 2.A – efterår\n"
        f"Sted: Klasselokalet på 1. sal\n\nSe eller ændr tiden i Sammen: {PUBLIC}/kalender/samtaler/{round_id}\n\n"
        "Med venlig hilsen\nTina Testesen\n\n" + FOOTER.format(link=link))


async def test_a_calendar_reminder_reads_back_exactly_in_strict_mode(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    cw = await build_calendar_world()
    await Person.filter(id=cw.w.guardian.id).update(email="gitte@example.dk")
    day = today_local(still) + timedelta(days=3)
    title = "Tandlæge – Ærø Tandklinik, husk sygesikringskortet og de nye briller til kontrollen bagefter"
    await calendar.do_create_event(cw.guardian, scope="person", title=title, description="Annas rodbehandling",
                                   place="Søndergade 1, Ærøskøbing", all_day=False, start=local(day, 9),
                                   end=local(day, 10), reminder_minutes=24 * 60, private=True, now=still)
    assert await calendar_reminders.send_due_reminders(smtp, PUBLIC, now=aware(day, 9) - timedelta(hours=23)) == 1
    (message,) = read_strictly(inbox, still)
    assert message["Subject"] == f"Påmindelse: {title}"
    link = one_click(message, cw.w.guardian.id, EmailKind.REMINDERS)
    assert text_of(message) == (f"{title}\n{calendar_reminders.when_text(aware(day, 9), False)}\n"
                                f"Sted: Søndergade 1, Ærøskøbing\n\nSe kalenderen i Sammen: {PUBLIC}/kalender\n\n"
                                + FOOTER.format(link=link))
    assert "rodbehandling" not in text_of(message) and "rodbehandling" not in text_of(message, "html")


async def test_a_guardian_who_turned_urgent_email_off_still_sees_the_broadcast_but_gets_no_email(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    bw = await build_broadcast_world()
    olga = bw.w.other_guardian.id
    await Person.filter(id=olga).update(email="olga@example.dk")
    assert await email_settings.do_set_email(bw.olga, EmailKind.URGENT, on=False, now=still)
    assert not await email_settings.do_set_email(bw.olga, EmailKind.URGENT, on=False, now=still)  # already off
    broadcast_id = await broadcasts.do_send_broadcast(
        bw.admin, title="Skolerne lukker", body="I morgen.", areas=[Area.SKOLE, Area.DAGTILBUD], institution_ids=[],
        email_after_minutes=30, now=still)
    assert [b.id for b in await broadcasts.unread_for_guardian(bw.olga)] == [broadcast_id]  # still in the app

    assert await mailer.send_due_emails(replace(smtp, port=free_port()), PUBLIC, now=still + timedelta(minutes=30)) == 0
    assert not await BroadcastRecipient.filter(emailed_at__isnull=False).exists()  # Gitte's given back, Olga's never
    assert await mailer.send_due_emails(smtp, PUBLIC, now=still + timedelta(minutes=31)) == 1
    assert await mailer.send_due_emails(smtp, PUBLIC, now=still + timedelta(minutes=32)) == 0
    assert [m["To"] for m in inbox.messages] == ["gitte@example.dk"]
    assert not await BroadcastRecipient.filter(guardian_id=olga, emailed_at__isnull=False).exists()
    assert (await Broadcast.get(id=broadcast_id)).emailed_at is not None  # done: nobody is left waiting for one
    assert [b.id for b in await broadcasts.unread_for_guardian(bw.olga)] == [broadcast_id]


async def test_a_guardian_who_turned_reminders_off_gets_no_conference_reminder_and_the_slot_is_not_retried(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    w = await build_world()
    await Person.filter(id=w.guardian.id).update(email="gitte@example.dk")
    await Person.filter(id=w.other_guardian.id).update(email="olga@example.dk")
    await email_settings.do_opt_out(w.other_guardian.id, EmailKind.REMINDERS, now=still)
    await email_settings.do_opt_out(w.guardian.id, EmailKind.URGENT, now=still)  # another kind changes nothing here
    teacher = await actor_of(w.teacher, Role.STAFF)
    day = today_local(still) + timedelta(days=7)
    round_id = await conferences.do_create_round(teacher, RoundInput(
        group_id=w.class_2a.id, title="Skole-hjem-samtaler", place="Klasselokalet", slot_minutes=15,
        days=[DayInput(day, "14:00", "14:30")], breaks=[],
        booking_deadline=local_moment(day - timedelta(days=2), parse_time("12:00")), reminder_hours=24), now=still)
    first, second = await ConferenceSlot.filter(round_id=round_id).order_by("starts_at")
    await conferences.do_book(await actor_of(w.guardian, Role.PARENT), slot_id=first.id, child_id=w.child.id,
                              now=still)
    await conferences.do_book(await actor_of(w.other_guardian, Role.PARENT), slot_id=second.id,
                              child_id=w.other_child.id, now=still)
    due = second.starts_at - timedelta(hours=24)
    assert await conference_reminders.send_due_reminders(smtp, PUBLIC, now=due) == 1
    assert await conference_reminders.send_due_reminders(smtp, PUBLIC, now=due + timedelta(minutes=1)) == 0
    assert [m["To"] for m in inbox.messages] == ["gitte@example.dk"]
    assert await ConferenceSlot.filter(round_id=round_id, reminded_at__isnull=True).count() == 0


async def test_a_calendar_reminder_leaves_out_who_turned_reminders_off_and_carries_the_one_click_link(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    cw = await build_calendar_world()
    await Person.filter(id=cw.w.guardian.id).update(email="gitte@example.dk")
    await Person.filter(id=cw.w.other_guardian.id).update(email="olga@example.dk")
    await email_settings.do_opt_out(cw.w.other_guardian.id, EmailKind.REMINDERS, now=still)
    day = today_local(still) + timedelta(days=3)
    await calendar.do_create_event(cw.teacher, scope="group", group_id=cw.w.class_2a.id, title="Forældremøde",
                                   place="Lokale 12", all_day=False, start=local(day, 17), end=local(day, 19),
                                   invite=True, reminder_minutes=60, private=False, now=still)
    assert await calendar_reminders.send_due_reminders(smtp, PUBLIC, now=aware(day, 16)) == 1
    (message,) = read_strictly(inbox, still)
    assert message["To"] == "gitte@example.dk"
    one_click(message, cw.w.guardian.id, EmailKind.REMINDERS)


async def test_a_link_names_one_person_and_kind_and_turns_only_that_off(database: str, still: datetime) -> None:
    w = await build_world()
    token = make_token(LINK_SECRET, w.guardian.id, EmailKind.REMINDERS)
    assert await email_settings.check_link(LINK_SECRET, token) == (w.guardian.id, EmailKind.REMINDERS)
    assert await email_settings.do_unsubscribe(LINK_SECRET, token, now=still) is EmailKind.REMINDERS
    assert await email_settings.do_unsubscribe(LINK_SECRET, token, now=still) is EmailKind.REMINDERS  # twice: fine
    assert await EmailOptOut.filter(person_id=w.guardian.id).values_list("kind", flat=True) == ["reminders"]
    assert await email_settings.opted_out([w.guardian.id, w.other_guardian.id], EmailKind.REMINDERS) == {w.guardian.id}
    assert await email_settings.opted_out([w.guardian.id], EmailKind.URGENT) == set()
    for bad in (token[:-1], token.replace("reminders", "urgent"), make_token("another secret", w.guardian.id,
                EmailKind.URGENT), make_token(LINK_SECRET, 99_999_999, EmailKind.URGENT), "", "../../etc", "1.x.y"):
        with pytest.raises(DomainError, match="email.link.invalid"):
            await email_settings.do_unsubscribe(LINK_SECRET, bad, now=still)
    assert await EmailOptOut.all().count() == 1
    assert await email_settings.do_set_email(await actor_of(w.guardian, Role.PARENT), EmailKind.REMINDERS, on=True,
                                             now=still)
    assert not await EmailOptOut.exists()
