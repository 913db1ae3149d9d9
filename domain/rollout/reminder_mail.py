"""The mail job's part of the login reminders: claim the waiting e-mails, send them, give back what failed."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from domain.mail import deliver, plain
from domain.notifications.links import require_secret, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.rollout_reminders import AdoptionReminder

log = logging.getLogger(__name__)
BATCH = 500  # e-mails per run and connection; the rest go a minute later
# Added under the sender's text, so the e-mail always says where to log in.
LOGIN_LINE = "Log ind i Sammen her: {link}"


async def send_due_login_reminders(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
    """Send the reminder e-mails waiting since a sender clicked "Send påmindelse"; returns how many went out."""
    waiting = await AdoptionReminder.filter(channel="email", emailed_at__isnull=True).order_by("id").limit(
        BATCH).values_list("id", flat=True)
    if not waiting:
        return 0
    require_secret(smtp.link_secret)
    now = now.astimezone(UTC)  # as stored, so the claim reads back equal
    # Claim first, so a second run (or process) never sends the same reminder twice.
    await AdoptionReminder.filter(id__in=list(waiting), emailed_at__isnull=True).update(emailed_at=now)
    claimed = await AdoptionReminder.filter(id__in=list(waiting), emailed_at=now).values_list(
        "id", "person_id", "person__email", "subject", "text")
    messages = {}
    for row_id, person_id, address, subject, text in claimed:
        if not address:  # the address was removed since the click: nothing to send, nothing to retry
            continue
        body = f"{text.rstrip()}\n\n{LOGIN_LINE.format(link=public_url.rstrip('/') + '/')}\n"
        messages[int(row_id)] = plain(smtp, str(address), str(subject), body, unsubscribe=unsubscribe_url(
            public_url, smtp.link_secret, int(person_id), EmailKind.REMINDERS))
    failed = await deliver(smtp, messages)
    if failed:
        await AdoptionReminder.filter(id__in=sorted(failed), emailed_at=now).update(emailed_at=None)
        log.warning("login reminders: %d e-mails failed; retrying next minute", len(failed))
    done = [i for i, *_ in claimed if int(i) not in failed]
    # The text is not needed once the e-mail is out: the row stays only for the once-a-day rule.
    await AdoptionReminder.filter(id__in=done).update(subject="", text="")
    return len(messages) - len(failed)
