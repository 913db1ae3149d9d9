"""The minute job's part for cross groups: remind the owner before expiry, archive after, follow the register."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from domain.audit import service as audit
from domain.clock import today_local
from domain.crossgroups import members
from domain.crossgroups.model import REMIND_DAYS
from domain.crossgroups.service import archive, named_of, rules_of
from domain.dates import show_day
from domain.notifications.centre import Category, NewNotification
from domain.notifications.scheduled import already_told, do_enqueue_alone
from persistence.crossgroups import CrossGroup

log = logging.getLogger(__name__)


def reminder_source(group_id: int) -> str:
    """The cause of the expiry reminder: one per group, whoever owns it."""
    return f"crossgroup:{group_id}:expiry"


async def do_tend_cross_groups(now: datetime) -> int:
    """Archive groups past their expiry, remind owners 14 days ahead (once per group), recompute the open ones."""
    today = today_local(now)
    rows = await CrossGroup.filter(archived_at__isnull=True).prefetch_related("group")
    due = [r for r in rows if r.group.expires_on is not None and r.group.expires_on < today]
    for row in due:
        await archive(row.group, row, now)
        await audit.record("crossgroups.archive", audit.ALLOWED, detail=f"group={row.group_id} expired")
    open_rows = [r for r in rows if r not in due]
    for row in open_rows:
        await members.do_recompute(row.group_id, await members.members_of(rules_of(row), named_of(row), today))
    soon = {reminder_source(r.group_id): r for r in open_rows
            if r.group.expires_on is not None and r.group.expires_on <= today + timedelta(days=REMIND_DAYS)}
    told = await already_told(soon)
    notes = [NewNotification(person_id=r.owner_id, category=Category.DEADLINE,
                             title=f"Gruppen {r.group.name} udløber {show_day(r.group.expires_on)}",
                             body="Forlæng udløbsdatoen, eller lad gruppen blive arkiveret.",
                             link=f"/gruppe/{r.group_id}", source=source)
             for source, r in sorted(soon.items()) if source not in told and r.group.expires_on is not None]
    return await do_enqueue_alone(notes, now=now)
