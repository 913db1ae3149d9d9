"""E-mail reminders before a booked conference: once per slot, claimed before sending, given back on failure."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from domain.clock import COPENHAGEN, today_local
from domain.mail import deliver, plain
from domain.notifications.email_settings import opted_out
from domain.notifications.links import require_secret, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.people import Custody
from persistence.queries import active_on

log = logging.getLogger(__name__)
MAX_HOURS = 168

# The e-mail is not a screen: it is written in Danish and holds no more than the time, the place and a link.
SUBJECT = "Påmindelse: {title} {when}"
TEXT = """Kære forælder

Husk samtalen om {child} {when}.

{title}
Sted: {place}

Se eller ændr tiden i Sammen: {link}

Med venlig hilsen
{organiser}
"""
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


def when_text(moment: datetime) -> str:
    """A slot's start the Danish way: 'tirsdag 8.12. kl. 14.15'."""
    local = moment.astimezone(COPENHAGEN)
    return f"{WEEKDAYS[local.weekday()]} {local.day}.{local.month}. kl. {local:%H.%M}"


async def _due(now: datetime) -> list[int]:
    """Booked, unreminded slots of open rounds whose reminder time has come and whose start is still ahead."""
    rounds = {int(r): int(h) for r, h in await ConferenceRound.filter(
        reminder_hours__isnull=False, closed_at__isnull=True).values_list("id", "reminder_hours")}
    if not rounds:
        return []
    rows = await ConferenceSlot.filter(round_id__in=sorted(rounds), child_id__isnull=False, reminded_at__isnull=True,
                                       starts_at__gt=now, starts_at__lte=now + timedelta(hours=MAX_HOURS)
                                       ).values_list("id", "round_id", "starts_at")
    return [int(s) for s, r, starts in rows if starts - timedelta(hours=rounds[int(r)]) <= now]


async def send_due_reminders(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
    """Remind the guardians of every slot now due (but those who turned reminders off); returns how many went out."""
    require_secret(smtp.link_secret)
    due = await _due(now)
    if not due:
        return 0
    # Claim first, so a second run (or process) never sends the same reminder twice.
    await ConferenceSlot.filter(id__in=due, reminded_at__isnull=True).update(reminded_at=now)
    claimed = await ConferenceSlot.filter(id__in=due, reminded_at=now, child_id__isnull=False).values_list(
        "id", "round_id", "child_id", "child__first_name", "starts_at", "round__title", "round__place",
        "round__organiser_name")
    kids = sorted({int(row[2]) for row in claimed})
    custody = await Custody.filter(active_on(today_local(now), "valid_from", "valid_to"), child_id__in=kids,
                                   guardian__active=True).exclude(guardian__email="").values_list(
        "child_id", "guardian_id", "guardian__email")
    turned_off = await opted_out((int(g) for _, g, _ in custody), EmailKind.REMINDERS)
    guardians: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for child_id, guardian_id, email in custody:
        if int(guardian_id) not in turned_off:
            guardians[int(child_id)].append((int(guardian_id), str(email)))
    messages = {}
    for slot_id, round_id, child_id, first, starts, title, place, organiser in claimed:
        for n, (guardian_id, address) in enumerate(guardians[int(child_id)]):
            text = TEXT.format(child=first, when=when_text(starts), title=title, place=place or "-",
                               link=f"{public_url}/kalender/samtaler/{round_id}", organiser=organiser or "Sammen")
            messages[(int(slot_id), n)] = plain(
                smtp, address, SUBJECT.format(title=title, when=when_text(starts)), text,
                unsubscribe=unsubscribe_url(public_url, smtp.link_secret, guardian_id, EmailKind.REMINDERS))
    failed = await deliver(smtp, messages)
    # A slot none of whose e-mails went out is given back for the next run; a partly sent one is not resent.
    sent_slots = {slot for slot, _ in set(messages) - failed}
    give_back = sorted({slot for slot, _ in failed} - sent_slots)
    if give_back:
        await ConferenceSlot.filter(id__in=give_back, reminded_at=now).update(reminded_at=None)
        log.warning("conference reminders: %d slots failed; retrying next minute", len(give_back))
    return len(messages) - len(failed)
