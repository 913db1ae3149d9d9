"""A child's day as a list of what happened: "Tjekket ind 07:42 af Mette", "Hentet 15:10 af far"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor, Role
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.tiles import local_hhmm
from persistence.presence import PresenceChange


@dataclass(frozen=True)
class HistoryLine:
    """One change of the day, ready to be said in the reader's language."""

    at: str
    action: Action
    to_status: Status
    by: str
    device: DeviceKind
    location: str
    pickup_by: str


async def day_history(actor: Actor, child_id: int, institution_id: int, day: date) -> list[HistoryLine]:
    """The child's changes on a day, oldest first, for its guardian or the staff where it is (audited read)."""
    decision = access.can_plan_child(actor, child_id) if actor.role is Role.PARENT else \
        access.can_operate_presence(actor, institution_id)
    await audit.check(decision, actor, "view_presence_history", concerned_person_id=child_id, audit_allowed=True)
    return await history_rows(child_id, institution_id, day)


async def history_rows(child_id: int, institution_id: int, day: date) -> list[HistoryLine]:
    """The changes themselves (no access check: callers have made it)."""
    rows = await PresenceChange.filter(person_id=child_id, institution_id=institution_id, day=day,
                                       undone=False).order_by("at", "id")
    return [line_of(r) for r in rows]


def line_of(row: PresenceChange) -> HistoryLine:
    """One stored change as a history line."""
    return HistoryLine(local_hhmm(row.at), Action(row.action), Status(row.to_status), row.actor_name,
                       DeviceKind(row.device), row.location, row.pickup_label)
