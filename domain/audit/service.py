"""Writing the audit log, and enforcing access decisions with an audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.clock import utcnow
from domain.errors import AccessDenied
from persistence.audit import AuditEntry

if TYPE_CHECKING:  # audit sits below access and identity: their types are only named here, never imported at run time
    from domain.access import Decision
    from domain.identity.model import Actor

ALLOWED, REFUSED = "allowed", "refused"


async def record(
    action: str,
    outcome: str,
    *,
    actor: Actor | None = None,
    concerned_person_id: int | None = None,
    detail: str = "",
    client_address: str = "",
) -> None:
    """Append one entry; the detail must never hold sensitive text or a CPR number."""
    await AuditEntry.create(
        at=utcnow(),
        actor_person_id=actor.person_id if actor else None,
        actor_label=f"{actor.role.value}" if actor else "",
        action=action,
        outcome=outcome,
        concerned_person_id=concerned_person_id,
        client_address=(actor.client_address if actor else client_address)[:64],
        detail=detail[:300],
    )


async def record_reads(actor: Actor, action: str, child_ids: list[int], detail: str = "") -> None:
    """One allowed-read entry per child shown, in a single insert."""
    now = utcnow()
    await AuditEntry.bulk_create([
        AuditEntry(at=now, actor_person_id=actor.person_id, actor_label=actor.role.value, action=action,
                   outcome=ALLOWED, concerned_person_id=child_id, client_address=actor.client_address[:64],
                   detail=detail[:300])
        for child_id in child_ids
    ])


async def check(decision: Decision, actor: Actor, action: str, *, concerned_person_id: int | None = None,
                audit_allowed: bool = False) -> None:
    """Raise AccessDenied (after writing the refusal) unless allowed; log allowed reads on request."""
    if not decision.allowed:
        await record(action, REFUSED, actor=actor, concerned_person_id=concerned_person_id, detail=decision.reason)
        raise AccessDenied("error.access_denied")
    if audit_allowed:
        await record(action, ALLOWED, actor=actor, concerned_person_id=concerned_person_id, detail=decision.reason)


async def entries_for(person_id: int, limit: int = 50) -> list[AuditEntry]:
    """The newest entries concerning one person (for tests and, later, the admin's audit search)."""
    return await AuditEntry.filter(concerned_person_id=person_id).order_by("-id").limit(limit)
