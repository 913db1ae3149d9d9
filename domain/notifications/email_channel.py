"""The e-mail channels: one e-mail per notification at once, and one daily summary per person (with one-click off).

Only what a notification already holds goes out: its title (safe by construction), for a non-sensitive one its short
line (sender and subject, never a message's text), and the link to the item, which needs a login to open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from domain.mail import REFUSED, SENT, plain, send_each
from domain.notifications.centre import COPENHAGEN
from domain.notifications.delivery_types import DeliveryJob, Handler, Outcome
from domain.notifications.email_settings import opted_out
from domain.notifications.links import require_secret, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.people import Person

PROFILE = "/profil"
DIGEST_MAX_LINES = 50  # a longer summary says how many more wait in Sammen
# The e-mails are written in Danish, as the other e-mails of Sammen are.
CATEGORY_DA = {
    "message": "beskeder og svar", "post": "opslag markeret Vigtigt", "invitation": "invitationer",
    "event": "ændrede og aflyste begivenheder", "reminder": "påmindelser", "deadline": "frister",
    "conference": "samtaletider", "presence": "KommeGå", "crisis": "krisebeskeder",
    "gallery": "nye billeder i Galleri",
}


def item_url(public_url: str, link: str) -> str:
    """The item's address on this Sammen (a relative link is joined to the public address; anything else: home)."""
    base = public_url.rstrip("/")
    return f"{base}{link}" if link.startswith("/") and not link.startswith("//") else f"{base}/"


def _dated(message: EmailMessage, now: datetime) -> EmailMessage:
    # The worker's instant, so a batch's e-mails carry the time they were sent by the clock Sammen runs on.
    del message["Date"]
    message["Date"] = format_datetime(now)
    return message


def email_text(job: DeliveryJob, public_url: str) -> str:
    """The body of one notification's e-mail (Danish)."""
    lines = [job.title]
    if job.body and not job.sensitive:
        lines.append(job.body)
    category = CATEGORY_DA.get(job.category, "notifikationer")
    return ("\n".join(lines) + f"\n\nÅbn den i Sammen: {item_url(public_url, job.link)}\n\n"
            f"Du får denne e-mail, fordi du har valgt e-mail med det samme for {category} i Sammen. "
            f"Du kan ændre det under Notifikationer på din profil: {item_url(public_url, PROFILE)}\n")


def digest_subject(count: int) -> str:
    """'Sammen: 3 nye notifikationer'."""
    return f"Sammen: {count} {'ny notifikation' if count == 1 else 'nye notifikationer'}"


def digest_text(jobs: Sequence[DeliveryJob], public_url: str) -> str:
    """The summary's body: one line per notification, oldest first, each with its time and link (Danish)."""
    ordered = sorted(jobs, key=lambda j: (j.created_at, j.id))
    lines = ["Her er, hvad der er sket i Sammen siden sidste opsummering:", ""]
    for job in ordered[:DIGEST_MAX_LINES]:
        at = job.created_at.astimezone(COPENHAGEN)
        lines.append(f"{at.day}.{at.month}. kl. {at:%H:%M} – {job.title}")
        lines.append(item_url(public_url, job.link))
        lines.append("")
    if len(ordered) > DIGEST_MAX_LINES:
        lines += [f"… og {len(ordered) - DIGEST_MAX_LINES} flere i Sammen: {item_url(public_url, '/')}", ""]
    lines.append("Du vælger, hvad der kommer i opsummeringen, og hvornår den kommer, under Notifikationer på din "
                 f"profil: {item_url(public_url, PROFILE)}")
    return "\n".join(lines) + "\n"


def _outcome(job: DeliveryJob, result: str) -> Outcome:
    if result == SENT:
        return Outcome(job.id, ok=True)
    return Outcome(job.id, ok=False, retry=result != REFUSED, error=result)


async def _addresses(person_ids: set[int]) -> dict[int, str]:
    rows = await Person.filter(id__in=sorted(person_ids)).exclude(email="").values_list("id", "email")
    return {int(p): str(a) for p, a in rows}


def email_handler(smtp: SmtpSettings, public_url: str, secret: str = "") -> Handler:
    """The handler for Channel.EMAIL: one e-mail per notification (no unsubscribe link: the choice is per category)."""
    del secret  # the same signature as the summary's; an e-mail at once has no one-click link

    async def handle(batch: Sequence[DeliveryJob], now: datetime) -> list[Outcome]:
        addresses = await _addresses({j.person_id for j in batch})
        messages = {j.id: _dated(plain(smtp, addresses[j.person_id], j.title, email_text(j, public_url)), now)
                    for j in batch if j.person_id in addresses}
        results = await send_each(smtp, messages)
        return [_outcome(j, results[j.id]) if j.id in results else Outcome(j.id, ok=False, error="no-address")
                for j in batch]

    return handle


def digest_handler(smtp: SmtpSettings, public_url: str, secret: str = "") -> Handler:
    """The handler for Channel.DIGEST: one summary e-mail per person with all their due lines, one-click off."""
    secret = secret or smtp.link_secret
    require_secret(secret)

    async def handle(batch: Sequence[DeliveryJob], now: datetime) -> list[Outcome]:
        people: dict[int, list[DeliveryJob]] = {}
        for job in batch:
            people.setdefault(job.person_id, []).append(job)
        addresses = await _addresses(set(people))
        off = await opted_out(people, EmailKind.DIGEST)
        messages = {}
        for person_id, jobs in people.items():
            if person_id in addresses and person_id not in off:
                link = unsubscribe_url(public_url, secret, person_id, EmailKind.DIGEST)
                messages[person_id] = _dated(plain(smtp, addresses[person_id], digest_subject(len(jobs)),
                                                   digest_text(jobs, public_url), unsubscribe=link), now)
        results = await send_each(smtp, messages)
        outcomes = []
        for job in batch:
            if job.person_id in results:
                outcomes.append(_outcome(job, results[job.person_id]))
            else:
                error = "opted-out" if job.person_id in off else "no-address"
                outcomes.append(Outcome(job.id, ok=False, error=error))
        return outcomes

    return handle

