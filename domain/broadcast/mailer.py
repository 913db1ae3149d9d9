"""The e-mail fallback: guardians who have not read a broadcast in time get one e-mail, never two."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage

from tortoise.expressions import Subquery

from domain.mail import deliver, plain
from domain.notifications.email_settings import opted_out_subquery
from domain.notifications.links import require_secret, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.people import Person

log = logging.getLogger(__name__)

# The e-mail is not a screen: it is written in Danish, the language every recipient of a Danish municipality reads.
SUBJECT = "Vigtig besked fra {municipality}: {title}"
TEXT = """Kære forælder

{municipality} har sendt en vigtig besked til dig i Sammen, som du endnu ikke har læst.

{title}

{body}

Du kan også læse beskeden uden at logge ind: {link}

Med venlig hilsen
{municipality}
"""


def compose(smtp: SmtpSettings, to: str, *, municipality: str, title: str, body: str, link: str,
            unsubscribe: str) -> EmailMessage:
    """One e-mail with the title, the body, the link to the public page and the guardian's unsubscribe link."""
    return plain(smtp, to, SUBJECT.format(municipality=municipality, title=title),
                 TEXT.format(municipality=municipality, title=title, body=body, link=link), unsubscribe=unsubscribe)


async def send_due_emails(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
    """E-mail every unread guardian of every broadcast whose waiting time has passed; returns how many were sent."""
    require_secret(smtp.link_secret)
    sent = 0
    due = await Broadcast.filter(ended_at__isnull=True, email_after_minutes__isnull=False,
                                 emailed_at__isnull=True).values_list(
        "id", "title", "body", "created_at", "email_after_minutes", "municipality__name")
    for broadcast_id, title, body, created_at, minutes, municipality in due:
        if created_at + timedelta(minutes=int(minutes)) > now:
            continue
        sent += await _send_one(smtp, public_url, int(broadcast_id), str(title), str(body), str(municipality), now)
    return sent


async def _send_one(smtp: SmtpSettings, public_url: str, broadcast_id: int, title: str, body: str,
                    municipality: str, now: datetime) -> int:
    # Claim the rows before sending, so a crash or a second run can never send the same e-mail twice. A guardian
    # who turned these e-mails off is never claimed: the broadcast still shows in the app, and nothing is given back.
    with_email = Subquery(Person.filter(active=True).exclude(email="").values("id"))
    await BroadcastRecipient.filter(broadcast_id=broadcast_id, read_at__isnull=True, emailed_at__isnull=True,
                                    guardian_id__in=with_email).exclude(
        guardian_id__in=opted_out_subquery(EmailKind.URGENT)).update(emailed_at=now)
    claimed = await BroadcastRecipient.filter(broadcast_id=broadcast_id, emailed_at=now).values_list(
        "guardian_id", "guardian__email")
    addresses = {int(guardian): str(email) for guardian, email in claimed}
    failed = await _deliver(smtp, public_url, addresses, municipality=municipality, title=title, body=body,
                            link=f"{public_url}/krise")
    if failed:
        # Give the failed ones back, so next minute's run tries them again.
        await BroadcastRecipient.filter(broadcast_id=broadcast_id, guardian_id__in=sorted(failed),
                                        emailed_at=now).update(emailed_at=None)
        log.warning("broadcast %s: %d of %d e-mails failed; retrying next minute", broadcast_id, len(failed),
                    len(addresses))
    else:
        await Broadcast.filter(id=broadcast_id).update(emailed_at=now)
    log.info("broadcast %s: %d fallback e-mails sent", broadcast_id, len(addresses) - len(failed))
    return len(addresses) - len(failed)


async def _deliver(smtp: SmtpSettings, public_url: str, addresses: dict[int, str], **text: str) -> set[int]:
    """Send to each guardian; the guardians whose e-mail did not go out."""
    return await deliver(smtp, {
        guardian: compose(smtp, address, **text,
                          unsubscribe=unsubscribe_url(public_url, smtp.link_secret, guardian, EmailKind.URGENT))
        for guardian, address in addresses.items()})
