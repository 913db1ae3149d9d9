"""Survey invitations and reminders by Sammen message and by e-mail through a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from domain.errors import AccessDenied, DomainError
from domain.identity.model import Actor, Role
from domain.notifications import email_settings
from domain.notifications.model import EmailKind
from domain.rollout.survey_mailer import send_survey_emails
from domain.rollout.survey_reach import Channel, SendKind, do_send_survey, sendings
from domain.rollout.surveys import do_answer, do_create_survey
from domain.settings import SmtpSettings
from persistence.messages import Message, Participant, Thread
from persistence.people import Person
from persistence.survey_reach import SurveyEmail, SurveySending
from tests.clocks import TestClock
from tests.factory import World, build_world
from tests.smtp_support import Inbox, text_of
from tests.smtp_support import smtp_server as running_smtp
from tests.survey_world import actor_for, draft, more_guardians, project_team, question_ids

PUBLIC = "https://sammen.sammenby.dk"
BOTH = frozenset({Channel.MESSAGE, Channel.EMAIL})


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("Sammenby Kommune <noreply@sammenby.dk>") as server:
        yield server


@pytest.fixture
def still(clock: TestClock) -> datetime:
    """The clock stands still, so the Date header can be checked to the second."""
    return clock.at(clock.start, ticking=False)


async def kindergarten_parents(w: World, now: datetime, anonymous: bool = True) -> tuple[Actor, int, list[Actor]]:
    """A survey of the kindergarten's guardians: Gitte and six more, each with an e-mail address."""
    team = await project_team(w)
    survey_id = await do_create_survey(team, draft(w, anonymous=anonymous), now)
    parents = [await actor_for(w.guardian, Role.PARENT), *await more_guardians(w, w.sibling, 6, "Bosmor")]
    for p in parents:
        await Person.filter(id=p.person_id).update(email=f"p{p.person_id}@example.dk")
    return team, survey_id, parents


async def seats(person_id: int) -> int:
    """Threads this person sits in."""
    return await Participant.filter(person_id=person_id).count()


async def test_an_invitation_reaches_everyone_by_message_and_email(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    w = await build_world()
    team, survey_id, parents = await kindergarten_parents(w, still)
    await email_settings.do_opt_out(parents[-1].person_id, EmailKind.SURVEYS, now=still)
    seen: list[tuple[int, int]] = []

    sent = await do_send_survey(team, survey_id, SendKind.INVITATION, BOTH, now=still,
                                progress=lambda done, of: seen.append((done, of)))

    assert (sent.messages, sent.emails) == (7, 6)  # the one who turned survey e-mails off gets the message only
    assert seen == [(7, 7)]
    assert all([await seats(p.person_id) == 1 for p in parents])
    # The notices come from no one's account: the team member sits in none of them, so no list of names is hers.
    assert await seats(team.person_id) == 0
    assert await Message.filter(sender_id__isnull=True).count() == 7
    thread = await Thread.filter(participants__person_id=parents[0].person_id).first()
    assert thread is not None and thread.subject == "Evaluering: Evaluering af Sammen"
    message = await Message.get(thread_id=thread.id)
    assert "/evaluering" in message.body and "Dine svar er anonyme." in message.body

    assert await send_survey_emails(smtp, PUBLIC, now=still) == 6
    assert await send_survey_emails(smtp, PUBLIC, now=still) == 0  # each e-mail once
    assert await SurveyEmail.all().count() == 0  # sent e-mails leave no row naming who got them
    mails = inbox.strict()
    assert sorted(str(m["To"]) for m in mails) == sorted(f"p{p.person_id}@example.dk" for p in parents[:-1])
    for mail in mails:
        assert parsedate_to_datetime(str(mail["Date"])) == still.replace(microsecond=0)
        assert str(mail["Message-ID"]).endswith("@sammenby.dk>")
        assert [part.get_content_type() for part in mail.iter_parts()] == ["text/plain", "text/html"]
        assert mail["Subject"] == "Evaluering: Evaluering af Sammen"
        assert f"Svar her: {PUBLIC}/evaluering" in text_of(mail)
        assert f'href="{PUBLIC}/evaluering"' in text_of(mail, "html")
        assert str(mail["List-Unsubscribe"]).startswith(f"<{PUBLIC}/email/afmeld/")
    with pytest.raises(DomainError, match="already_invited"):
        await do_send_survey(team, survey_id, SendKind.INVITATION, BOTH, now=still)


async def test_a_reminder_reaches_only_those_who_have_not_answered_and_tells_no_small_count(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    w = await build_world()
    team, survey_id, parents = await kindergarten_parents(w, still)
    q1, q2, _ = await question_ids(survey_id)
    for p in parents[:2]:
        await do_answer(p, survey_id, {q1: 3, q2: 4}, still)

    sent = await do_send_survey(team, survey_id, SendKind.REMINDER, BOTH, now=still)

    # Five were reminded, but 7 asked minus 5 reminded would tell that 2 answered an anonymous survey.
    assert (sent.messages, sent.emails) == (None, None)
    [round_] = (await sendings(team, [survey_id]))[survey_id]
    assert (round_.kind, round_.messages, round_.emails) == (SendKind.REMINDER, None, None)
    assert [await seats(p.person_id) for p in parents] == [0, 0, 1, 1, 1, 1, 1]
    assert await seats(team.person_id) == 0
    assert await send_survey_emails(smtp, PUBLIC, now=still) == 5
    assert {str(m["To"]) for m in inbox.strict()} == {f"p{p.person_id}@example.dk" for p in parents[2:]}
    assert all(str(m["Subject"]) == "Påmindelse: Evaluering af Sammen" for m in inbox.strict())

    # One reminder a day; the next day, with five answers, the count may be told.
    with pytest.raises(DomainError, match="reminded_today"):
        await do_send_survey(team, survey_id, SendKind.REMINDER, BOTH, now=still)
    for p in parents[2:5]:
        await do_answer(p, survey_id, {q1: 3, q2: 4}, still)
    again = await do_send_survey(team, survey_id, SendKind.REMINDER, frozenset({Channel.MESSAGE}),
                                 now=still + timedelta(days=1))
    assert (again.messages, again.emails) == (2, 0)
    assert [r.messages for r in (await sendings(team, [survey_id]))[survey_id]] == [5, 2]


async def test_what_cannot_be_sent_is_refused_and_nothing_is_stored(database: str, still: datetime) -> None:
    w = await build_world()
    team, survey_id, parents = await kindergarten_parents(w, still, anonymous=False)
    with pytest.raises(DomainError, match="no_channel"):
        await do_send_survey(team, survey_id, SendKind.REMINDER, frozenset(), now=still)
    with pytest.raises(AccessDenied):
        await do_send_survey(parents[0], survey_id, SendKind.REMINDER, BOTH, now=still)
    with pytest.raises(DomainError, match="closed"):
        await do_send_survey(team, survey_id, SendKind.REMINDER, BOTH, now=still + timedelta(days=30))
    assert await SurveySending.all().count() == 0 and await Thread.all().count() == 0


async def test_emails_for_a_survey_that_has_closed_are_dropped(
        database: str, smtp_server: tuple[Inbox, SmtpSettings], still: datetime) -> None:
    inbox, smtp = smtp_server
    w = await build_world()
    team, survey_id, _ = await kindergarten_parents(w, still)
    await do_send_survey(team, survey_id, SendKind.INVITATION, frozenset({Channel.EMAIL}), now=still)
    assert await send_survey_emails(smtp, PUBLIC, now=still + timedelta(days=30)) == 0
    assert inbox.raw == [] and await SurveyEmail.all().count() == 0
