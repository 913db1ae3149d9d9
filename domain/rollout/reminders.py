"""A reminder to log in, in one action, to everyone on a never-logged-in list (or the chosen): message or e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.messages.limits import check_send_rate, count_send
from domain.messages.model import RecipientKind
from domain.messages.resolve import reach_of, reachable_persons
from domain.messages.sensitive import looks_like_cpr
from domain.messages.service import do_send
from domain.notifications.email_settings import opted_out
from domain.notifications.model import EmailKind
from domain.rollout import missing
from domain.text import check_typed_text
from persistence.queries import ints
from persistence.rollout_reminders import AdoptionReminder

SUBJECT_MAX, TEXT_MAX = 120, 2000
# Written in Danish whatever the screen's language (it goes to guardians and staff); no child, no other name.
DEFAULT_SUBJECT = "Husk at logge ind i Sammen"
DEFAULT_TEXT = """Hej

{institution} bruger nu Sammen til beskeder, kalender, fravær og meget mere. Vi kan se, at du endnu ikke har \
logget ind.

Log ind, så du ikke går glip af noget. Har du brug for hjælp, er du velkommen til at spørge os.

Med venlig hilsen
{sender}
{institution}
"""


class Channel(StrEnum):
    """How a reminder reaches a person: a message in Sammen, or an e-mail."""

    MESSAGE = "message"
    EMAIL = "email"


class Skip(StrEnum):
    """Why someone on the list does not get this reminder."""

    REMINDED_TODAY = "reminded_today"  # at most one reminder a day, whoever sent it and however
    NO_EMAIL = "no_email"
    EMAIL_OFF = "email_off"  # turned reminder e-mails off
    OUT_OF_REACH = "out_of_reach"  # the sender may not write to them in Sammen


@dataclass(frozen=True)
class ReminderPlan:
    """What a reminder would do: who gets it, and who is skipped and why (named, for the confirmation)."""

    channel: Channel
    recipients: tuple[int, ...]
    skipped: tuple[tuple[str, Skip], ...]
    names: tuple[tuple[int, str], ...] = ()

    def name_of(self, person_id: int) -> str:
        """The name of one of the chosen."""
        return dict(self.names).get(person_id, "")

    @property
    def count(self) -> int:
        """How many get the reminder."""
        return len(self.recipients)


def default_text(login_list: missing.LoginList, actor: Actor) -> str:
    """The reminder's suggested text, for the sender to edit."""
    return DEFAULT_TEXT.format(institution=login_list.institution_name, sender=actor.name)


async def _plan(actor: Actor, login_list: missing.LoginList, person_ids: Sequence[int] | None,
                channel: Channel) -> ReminderPlan:
    on_list = {p.person_id: p for p in login_list.people}
    chosen = sorted(on_list) if person_ids is None else sorted(set(person_ids))
    if not chosen:
        raise DomainError("rollout.remind.nobody")
    if not set(chosen) <= set(on_list):
        raise DomainError("rollout.remind.not_on_list")
    skipped: dict[int, Skip] = {p: Skip.REMINDED_TODAY for p in chosen if on_list[p].reminded_on(login_list.day)}
    left = [p for p in chosen if p not in skipped]
    if channel is Channel.EMAIL:
        skipped.update({p: Skip.NO_EMAIL for p in left if not on_list[p].has_email})
        skipped.update({p: Skip.EMAIL_OFF for p in await opted_out(
            (p for p in left if p not in skipped), EmailKind.REMINDERS)})
    else:
        reachable = await reachable_persons(await reach_of(actor, login_list.day), left, login_list.day)
        skipped.update({p: Skip.OUT_OF_REACH for p in left if p not in reachable})
    names = sorted(((on_list[p].name, why) for p, why in skipped.items()), key=lambda s: missing.danish_key(s[0]))
    return ReminderPlan(channel, tuple(p for p in chosen if p not in skipped), tuple(names),
                        tuple((p, on_list[p].name) for p in chosen))


async def check_reminder(actor: Actor, institution_id: int, group_id: int | None, person_ids: Sequence[int] | None,
                         channel: Channel) -> ReminderPlan:
    """Who a reminder from this list would reach (None means everyone on it), after the access check."""
    today = today_local()
    scope, _, _ = await missing.scope_of(actor, institution_id, group_id)
    await audit.check(access.can_remind_login_list(actor, scope), actor, "rollout.remind")
    return await _plan(actor, await missing.never_logged_in(actor, institution_id, group_id, day=today),
                       person_ids, Channel(channel))


def _checked_text(subject: str, text: str) -> tuple[str, str]:
    """The edited subject and text, or a clear refusal."""
    check_typed_text(subject, text)
    subject, text = " ".join(subject.split()), text.strip()
    if not subject or not text:
        raise DomainError("rollout.remind.text_required")
    if len(subject) > SUBJECT_MAX or len(text) > TEXT_MAX:
        raise DomainError("rollout.remind.too_long", max=TEXT_MAX)
    if looks_like_cpr(subject) or looks_like_cpr(text):
        raise DomainError("rollout.remind.cpr")
    return subject, text


@dataclass(frozen=True)
class ReminderResult:
    """How a reminder went: how many got it (or have it queued as e-mail), and who was skipped."""

    channel: Channel
    sent: int
    skipped: tuple[tuple[str, Skip], ...]


async def _claim(actor: Actor, recipients: Sequence[int], channel: Channel, subject: str, text: str,
                 now: datetime) -> list[int]:
    """One row per person for today; a person someone else reminded a moment ago is not claimed twice."""
    day = today_local(now)
    rows = [AdoptionReminder(person_id=p, day=day, channel=channel.value, sent_by_id=actor.person_id,
                             sent_by_name=actor.name[:120], created_at=now,
                             subject=subject if channel is Channel.EMAIL else "",
                             text=text if channel is Channel.EMAIL else "") for p in recipients]
    await AdoptionReminder.bulk_create(rows, ignore_conflicts=True)
    return sorted(ints(await AdoptionReminder.filter(
        person_id__in=list(recipients), day=day, sent_by_id=actor.person_id, created_at=now).values_list(
        "person_id", flat=True)))


async def do_send_reminder(actor: Actor, institution_id: int, group_id: int | None,
                           person_ids: Sequence[int] | None, channel: Channel, *, subject: str, text: str,
                           now: datetime) -> ReminderResult:
    """Remind everyone on the list (or the chosen) once today: a message each from the actor, or an e-mail each."""
    subject, text = _checked_text(subject, text)
    channel, now = Channel(channel), now.astimezone(UTC)  # in UTC, as stored, so the claim reads back equal
    if channel is Channel.MESSAGE:
        await check_send_rate(actor, now=now)
    plan = await check_reminder(actor, institution_id, group_id, person_ids, channel)
    claimed = await _claim(actor, plan.recipients, channel, subject, text, now)
    lost = [(p, Skip.REMINDED_TODAY) for p in plan.recipients if p not in set(claimed)]
    sent = len(claimed)
    if channel is Channel.MESSAGE:
        sent = 0
        for pid in claimed:  # one thread each: no one sees who else has not logged in
            try:
                await do_send(actor, subject=subject, body=text, recipient_keys=[f"{RecipientKind.PERSON.value}:{pid}"],
                              now=now, rate_limited=False)
                sent += 1
            except DomainError:  # e.g. they left the institution a moment ago: not reminded, so not counted today
                await AdoptionReminder.filter(person_id=pid, day=today_local(now), created_at=now).delete()
                lost.append((pid, Skip.OUT_OF_REACH))
        if sent:
            await count_send(actor, now=now)  # the one click counts as one send
    await audit.record("rollout.remind", audit.ALLOWED, actor=actor, detail=(
        f"institution={institution_id} group={group_id} channel={channel.value} sent={sent} "
        f"skipped={len(plan.skipped) + len(lost)}"))
    return ReminderResult(channel, sent, plan.skipped + tuple((plan.name_of(p), why) for p, why in lost))
