"""E-mail reminders before an event's next occurrence: claimed first, sent once, given back on failure."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from tortoise.expressions import Q

from domain.calendar import recurrence
from domain.calendar.model import REMINDER_MAX_MINUTES, Answer, Scope
from domain.clock import COPENHAGEN
from domain.mail import deliver, plain
from domain.notifications.email_settings import opted_out
from domain.notifications.links import require_secret, unsubscribe_url
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.calendar import CalendarEvent, Invitation
from persistence.people import Person

log = logging.getLogger(__name__)
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


@dataclass(frozen=True)
class Due:
    """An event whose next occurrence is within its reminder time, claimed for this run."""

    row: CalendarEvent
    starts_at: datetime
    previous: datetime | None


def when_text(starts_at: datetime, all_day: bool) -> str:
    """"mandag 7. december kl. 17:00" (without the time for all-day events)."""
    local = starts_at.astimezone(COPENHAGEN)
    day = f"{WEEKDAYS[local.weekday()]} {local.day}. {MONTHS[local.month - 1]} {local.year}"
    return day if all_day else f"{day} kl. {local:%H:%M}"


def reminder_text(row: CalendarEvent, starts_at: datetime, public_url: str) -> tuple[str, str]:
    """Subject and body: title, local time and place only (never a description, which may be private)."""
    lines = [row.title, when_text(starts_at, row.all_day)]
    if row.place:
        lines.append(f"Sted: {row.place}")
    lines += ["", f"Se kalenderen i Sammen: {public_url.rstrip('/')}/kalender"]
    return f"Påmindelse: {row.title}", "\n".join(lines)


async def _due(now: datetime) -> list[Due]:
    """Events due for a reminder now, each claimed by moving reminded_through (a conditional update)."""
    horizon = now + timedelta(minutes=REMINDER_MAX_MINUTES)
    rows = await CalendarEvent.filter(
        Q(repeat_until__isnull=True, starts_at__gte=now, starts_at__lte=horizon)
        | Q(repeat_until__isnull=False, repeat_until__gte=now, starts_at__lte=horizon),
        reminder_minutes__isnull=False, cancelled_at__isnull=True)
    found = []
    for row in rows:
        occ = recurrence.next_occurrence(row.starts_at, row.ends_at, row.rrule, row.repeat_until, row.exdates, now)
        if occ is None or occ.starts_at - now > timedelta(minutes=row.reminder_minutes or 0):
            continue
        if row.reminded_through is not None and row.reminded_through >= occ.starts_at:
            continue
        # another process may run the same minute: only the one whose update matched sends
        same = Q(reminded_through__isnull=True) if row.reminded_through is None else Q(
            reminded_through=row.reminded_through)
        if await CalendarEvent.filter(same, id=row.id).update(reminded_through=occ.starts_at):
            found.append(Due(row, occ.starts_at, row.reminded_through))
    return found


async def _recipients(due: list[Due]) -> dict[int, list[tuple[int, str]]]:
    """Per event, the people to remind with their e-mail: invitees not saying nej, or a person event's owner."""
    invited_ids = [d.row.id for d in due if d.row.invitations_open]
    people: dict[int, list[tuple[int, str]]] = {d.row.id: [] for d in due}
    if invited_ids:
        for event_id, person_id, email in await Invitation.filter(
                event_id__in=invited_ids, person__active=True).exclude(answer=Answer.NEJ.value).values_list(
                "event_id", "person_id", "person__email"):
            if email:
                people[int(event_id)].append((int(person_id), str(email)))
    owners = {d.row.person_id: d.row.id for d in due if not d.row.invitations_open and d.row.scope == Scope.PERSON}
    if owners:
        for person_id, email in await Person.filter(id__in=[p for p in owners if p is not None],
                                                    active=True).values_list("id", "email"):
            if email:
                people[owners[int(person_id)]].append((int(person_id), str(email)))
    # Whoever turned reminders off is left out; an event left with nobody stays claimed: there is nothing to retry.
    turned_off = await opted_out((p for found in people.values() for p, _ in found), EmailKind.REMINDERS)
    return {event: [(p, e) for p, e in found if p not in turned_off] for event, found in people.items()}


async def send_due_reminders(smtp: SmtpSettings, public_url: str, *, now: datetime) -> int:
    """E-mail every reminder due now; returns how many went out (an event whose e-mails all fail is retried)."""
    require_secret(smtp.link_secret)  # before anything is claimed that could then not be sent
    due = await _due(now)
    if not due:
        return 0
    people = await _recipients(due)
    messages: dict[tuple[int, int], EmailMessage] = {}
    for d in due:
        subject, body = reminder_text(d.row, d.starts_at, public_url)
        for person_id, email in people[d.row.id]:
            messages[(d.row.id, person_id)] = plain(
                smtp, email, subject, body,
                unsubscribe=unsubscribe_url(public_url, smtp.link_secret, person_id, EmailKind.REMINDERS))
    failed = await deliver(smtp, messages)
    for d in due:
        keys = [(d.row.id, p) for p, _ in people[d.row.id]]
        if keys and all(k in failed for k in keys):
            # nothing reached anyone: give the claim back, so the next run tries again
            await CalendarEvent.filter(id=d.row.id, reminded_through=d.starts_at).update(
                reminded_through=d.previous)
    if failed:
        log.warning("%d calendar reminders not delivered", len(failed))
    return len(messages) - len(failed)
