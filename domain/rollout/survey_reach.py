"""Invitations and reminders that reach a survey's audience: a Sammen message, an e-mail, or both.

A reminder goes only to those who have not answered (survey_participant knows, also in an anonymous survey). The
team chooses the channels and learns how many were reached, never who: the messages are notices the sender keeps
no seat in, and the e-mails wait in survey_email for the mail job, which deletes each row once it is sent. In an
anonymous survey with 1-4 answers even the count is withheld, since invited minus reminded would tell it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from tortoise.functions import Count

from domain import access
from domain.audit import service as audit
from domain.clock import day_start, today_local
from domain.dates import show_day
from domain.errors import DomainError, NotFound
from domain.events import Event, committing
from domain.identity.model import Actor
from domain.messages.notices import Progress, send_notices
from domain.notifications.email_settings import opted_out
from domain.notifications.model import EmailKind
from domain.rollout.model import SURVEYS_TOPIC, Audience, too_few
from persistence.db import transaction
from persistence.people import Custody, Employment, Person
from persistence.queries import active_on, ints
from persistence.rollout import Survey, SurveyInstitution, SurveyParticipant
from persistence.survey_reach import SurveyEmail, SurveySending

ANSWER_PATH = "/evaluering"
SENDER = "Projektteamet i Sammen"


class SendKind(StrEnum):
    """The first word to the audience, or a later one to those who have not answered."""

    INVITATION = "invitation"
    REMINDER = "reminder"


class Channel(StrEnum):
    """How a sending reaches people. The notification centre, when it lands, is one more channel here and one more
    writer in do_send_survey beside send_notices and the e-mail queue."""

    MESSAGE = "message"
    EMAIL = "email"


@dataclass(frozen=True)
class SendingView:
    """A sending as the team sees it: counts are None where an anonymous survey has too few answers to tell."""

    kind: SendKind
    sent_at: datetime
    channels: frozenset[Channel]
    messages: int | None
    emails: int | None


@dataclass(frozen=True)
class SurveySent(Event):
    """The team sent invitations or reminders; open survey lists show the new round."""

    survey_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """Delivered to the team's survey list."""
        return (SURVEYS_TOPIC,)


# --- who is reached -------------------------------------------------------------------------------------------------


async def audience_ids(survey: Survey, day: date) -> set[int]:
    """Everyone the survey asks today: staff of its institutions, or guardians of children enrolled there."""
    places = ints(await SurveyInstitution.filter(survey_id=survey.id).values_list("institution_id", flat=True))
    if Audience(survey.audience) is Audience.STAFF:
        rows = await Employment.filter(active_on(day), institution_id__in=places, person__active=True).values_list(
            "person_id", flat=True)
    else:
        enrolled = active_on(day, "child__enrolments__start", "child__enrolments__end")
        rows = await Custody.filter(active_on(day, "valid_from", "valid_to"), enrolled, guardian__active=True,
                                    child__active=True, child__enrolments__institution_id__in=places).values_list(
            "guardian_id", flat=True)
    return set(ints(rows))


async def not_answered(survey: Survey, day: date) -> list[int]:
    """The audience minus those who have answered, in id order."""
    answered = set(ints(await SurveyParticipant.filter(survey_id=survey.id).values_list("person_id", flat=True)))
    return sorted(await audience_ids(survey, day) - answered)


async def _counts_hidden(survey: Survey) -> bool:
    """Whether a count of those reached would tell how many answered an anonymous survey (1-4)."""
    return bool(survey.anonymous) and too_few(await SurveyParticipant.filter(survey_id=survey.id).count())


async def _email_ids(person_ids: list[int]) -> list[int]:
    """Those with an address who have not turned survey e-mails off."""
    with_address = set(ints(await Person.filter(id__in=person_ids, active=True).exclude(email="").values_list(
        "id", flat=True))) if person_ids else set()
    return sorted(with_address - await opted_out(with_address, EmailKind.SURVEYS))


# --- sending ------------------------------------------------------------------------------------------------------


async def check_send(actor: Actor, survey_id: int, kind: SendKind, channels: frozenset[Channel],
                     today: date) -> Survey:
    """Refuse others than the project team, a closed survey, no channel, a second invitation or reminder that day."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    survey = await Survey.get_or_none(id=survey_id)
    if survey is None:
        raise NotFound("error.not_found")
    if survey.closes_on < today or getattr(survey, "closed_at", None) is not None:
        raise DomainError("survey.error.closed")
    if not channels or not all(isinstance(c, Channel) for c in channels):
        raise DomainError("survey.send.error.no_channel")
    if not isinstance(kind, SendKind):
        raise DomainError("survey.send.error.kind")
    if kind is SendKind.INVITATION and await SurveySending.filter(survey_id=survey_id, kind=kind.value).exists():
        raise DomainError("survey.send.error.already_invited")
    # One reminder a day at most: a second click (or a colleague's) must not fill everyone's inbox.
    if kind is SendKind.REMINDER and await SurveySending.filter(survey_id=survey_id, kind=kind.value,
                                                                 sent_at__gte=day_start(today)).exists():
        raise DomainError("survey.send.error.reminded_today")
    return survey


def notice_text(survey: Survey, kind: SendKind, link: str) -> tuple[str, str]:
    """Subject and body of the message or e-mail: title, last day, privacy and the link; nothing else."""
    first = ("Du er inviteret til at svare på evalueringen" if kind is SendKind.INVITATION
             else "Vi mangler stadig dit svar på evalueringen")
    privacy = ("Dine svar er anonyme." if survey.anonymous
               else "Dine svar gemmes med dit navn, så projektteamet kan se, hvad du har svaret.")
    subject = f"{'Evaluering' if kind is SendKind.INVITATION else 'Påmindelse'}: {survey.title}"
    body = (f"Hej\n\n{first} »{survey.title}«. Den er åben til og med {show_day(survey.closes_on)}.\n\n{privacy}\n\n"
            f"Svar her: {link}\n\nDenne besked er sendt automatisk; et svar på den når ikke frem.\n\n"
            f"Med venlig hilsen\n{SENDER}\n")
    return subject, body


async def do_send_survey(actor: Actor, survey_id: int, kind: SendKind, channels: frozenset[Channel], *,
                         now: datetime, progress: Progress | None = None) -> SendingView:
    """Invite or remind everyone who has not answered, by the chosen channels; returns what the team may see.

    Messages are written in batches (progress after each); e-mails are queued here and sent by the mail job.
    """
    today = today_local(now)
    survey = await check_send(actor, survey_id, kind, channels, today)
    persons = await not_answered(survey, today)
    if not persons:
        raise DomainError("survey.send.error.nobody")
    emails = await _email_ids(persons) if Channel.EMAIL in channels else []
    async with committing(transaction) as outbox:
        sending = await SurveySending.create(survey_id=survey_id, kind=kind.value, sent_by_id=actor.person_id,
                                             by_message=Channel.MESSAGE in channels, by_email=Channel.EMAIL in channels,
                                             sent_at=now, emails=len(emails))
        await SurveyEmail.bulk_create([SurveyEmail(sending_id=sending.id, person_id=p) for p in emails],
                                      batch_size=1000)
        outbox.add(SurveySent(survey_id))
    await audit.record("survey.send", audit.ALLOWED, actor=actor,
                       detail=f"survey={survey_id} kind={kind.value} channels={','.join(sorted(channels))}")
    messages = 0
    if Channel.MESSAGE in channels:
        subject, body = notice_text(survey, kind, ANSWER_PATH)
        messages = await send_notices(sender_name=SENDER, subject=subject, body=body, person_ids=persons, now=now,
                                      progress=progress)
        await SurveySending.filter(id=sending.id).update(messages=messages)
    hidden = await _counts_hidden(survey)
    return SendingView(kind, now, frozenset(channels), None if hidden else messages,
                       None if hidden else len(emails))


async def sendings(actor: Actor, survey_ids: list[int]) -> dict[int, list[SendingView]]:
    """Each survey's sendings, oldest first (2 queries)."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    rows = await SurveySending.filter(survey_id__in=survey_ids).order_by("sent_at", "id").values_list(
        "survey_id", "kind", "sent_at", "by_message", "by_email", "messages", "emails", "survey__anonymous")
    answered = {int(s): int(n) for s, n in await SurveyParticipant.filter(survey_id__in=survey_ids).group_by(
        "survey_id").annotate(n=Count("id")).values_list("survey_id", "n")} if rows else {}
    out: dict[int, list[SendingView]] = {}
    for s, kind, at, by_message, by_email, messages, emails, anonymous in rows:
        hidden = bool(anonymous) and too_few(answered.get(int(s), 0))
        channels = frozenset({c for c, on in ((Channel.MESSAGE, by_message), (Channel.EMAIL, by_email)) if on})
        out.setdefault(int(s), []).append(SendingView(SendKind(kind), at, channels, None if hidden else int(messages),
                                                      None if hidden else int(emails)))
    return out
