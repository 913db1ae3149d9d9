"""Staff on duty: adults check in to a room too, so the board can show children per adult."""

from __future__ import annotations

from datetime import datetime

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import committing
from domain.identity.model import Actor
from domain.presence.model import StaffDutyChanged, Status
from domain.presence.service import ensure_day_row
from persistence.db import transaction
from persistence.organisation import Group
from persistence.presence import PresenceDay


async def do_staff_duty(actor: Actor, institution_id: int, group_id: int | None, on_duty: bool,
                        *, now: datetime) -> None:
    """Check the acting member of staff in to a room (or out); boards hear of it after commit."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "staff_duty")
    if group_id is not None and not await Group.exists(id=group_id, institution_id=institution_id):
        raise DomainError("presence.error.unknown_group")
    day = today_local(now)
    first = actor.name.split()[0]
    async with committing(transaction) as outbox:
        row = await ensure_day_row(actor.person_id, institution_id, day, now, is_staff=True)
        status = Status.PRESENT if on_duty else Status.PICKED_UP
        await PresenceDay.filter(id=row.id).update(status=status, group_id=group_id, changed_at=now,
                                                   changed_by=first, version=row.version + 1)
        outbox.add(StaffDutyChanged(institution_id, actor.person_id, first, group_id, on_duty))


async def on_duty_group(actor: Actor, institution_id: int, day_now: datetime) -> tuple[bool, int | None]:
    """Whether the acting member of staff is on duty here today, and in which room."""
    row = await PresenceDay.get_or_none(person_id=actor.person_id, institution_id=institution_id,
                                        day=today_local(day_now), is_staff=True)
    return (row is not None and row.status is Status.PRESENT, row.group_id if row else None)
