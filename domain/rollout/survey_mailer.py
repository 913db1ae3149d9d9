"""The survey e-mails the mail job sends: claimed before sending, deleted once out, given back when they fail."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage

from domain.clock import today_local
from domain.mail import deliver, plain
from domain.notifications.email_settings import opted_out
from domain.notifications.links import require_secret, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.rollout.survey_reach import SendKind, notice_text
from domain.settings import SmtpSettings
from persistence.people import Person
from persistence.queries import ints
from persistence.rollout import Survey
from persistence.survey_reach import SurveyEmail, SurveySending

log = logging.getLogger(__name__)
BATCH = 500  # e-mails over one SMTP connection
BATCHES_PER_RUN = 10  # 5,000 a minute at most; the rest wait for the next tick
STALE = timedelta(minutes=15)  # a claim this old was left by a process that stopped: it is tried again


async def _drop_closed(now: datetime) -> None:
    """E-mails for a survey that has closed are not sent (the link would open nothing to answer)."""
    closed = ints(await Survey.filter(closes_on__lt=today_local(now)).values_list("id", flat=True))
    if closed:
        sendings = ints(await SurveySending.filter(survey_id__in=closed).values_list("id", flat=True))
        await SurveyEmail.filter(sending_id__in=sendings).delete()


async def _one_batch(smtp: SmtpSettings, public_url: str, now: datetime) -> tuple[int, bool]:
    """Claim, send and clear one batch; returns (sent, whether there may be more)."""
    ids = ints(await SurveyEmail.filter(claimed_at__isnull=True).order_by("id").limit(BATCH).values_list(
        "id", flat=True))
    if not ids:
        return 0, False
    # Claim first, so a second run (or process) never sends the same e-mail twice.
    await SurveyEmail.filter(id__in=ids, claimed_at__isnull=True).update(claimed_at=now)
    rows = await SurveyEmail.filter(id__in=ids, claimed_at=now).values_list("id", "person_id", "sending_id")
    sendings = {int(s): (SendKind(k), int(v)) for s, k, v in await SurveySending.filter(
        id__in=sorted({int(r[2]) for r in rows})).values_list("id", "kind", "survey_id")}
    surveys = {s.id: s for s in await Survey.filter(id__in=sorted({v for _, v in sendings.values()}))}
    persons = sorted({int(p) for _, p, _ in rows})
    address = {int(i): str(e) for i, e in await Person.filter(id__in=persons, active=True).exclude(email="")
               .values_list("id", "email")}
    off = await opted_out(persons, EmailKind.SURVEYS)  # turned off after the send was queued
    messages: dict[int, EmailMessage] = {}
    for row_id, person_id, sending_id in rows:
        kind, survey_id = sendings[int(sending_id)]
        if int(person_id) in address and int(person_id) not in off:
            subject, text = notice_text(surveys[survey_id], kind, f"{public_url}/evaluering")
            messages[int(row_id)] = plain(smtp, address[int(person_id)], subject, text, unsubscribe=unsubscribe_url(
                public_url, smtp.link_secret, int(person_id), EmailKind.SURVEYS))
    failed = await deliver(smtp, messages)
    await SurveyEmail.filter(id__in=[int(r[0]) for r in rows if int(r[0]) not in failed]).delete()
    if failed:
        await SurveyEmail.filter(id__in=sorted(failed), claimed_at=now).update(claimed_at=None)
        log.warning("survey e-mails: %d of %d failed; retrying next minute", len(failed), len(messages))
    return len(messages) - len(failed), not failed and len(ids) == BATCH


async def send_survey_emails(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
    """Send the queued invitation and reminder e-mails; returns how many went out."""
    require_secret(smtp.link_secret)
    await SurveyEmail.filter(claimed_at__lt=now - STALE).update(claimed_at=None)
    await _drop_closed(now)
    sent = 0
    for _ in range(BATCHES_PER_RUN):
        done, more = await _one_batch(smtp, public_url, now)
        sent += done
        if not more:
            break
    return sent
