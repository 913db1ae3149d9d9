"""Data export, the audit log: entries about the person, and entries of what they did, without other people's ids."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from persistence.audit import AuditEntry

AUDIT_CAP = 20_000


async def audit_file(person_id: int, family: frozenset[int]) -> dict[str, Any]:
    """The newest entries (at most AUDIT_CAP) where the person is concerned or acted; others appear only by role."""
    rows = await AuditEntry.filter(Q(concerned_person_id=person_id) | Q(actor_person_id=person_id)).order_by(
        "-id").limit(AUDIT_CAP + 1).values("at", "actor_person_id", "actor_label", "action", "outcome",
                                           "concerned_person_id", "detail")
    entries = []
    for r in rows[:AUDIT_CAP]:
        by_me = r["actor_person_id"] == person_id
        about = r["concerned_person_id"]
        # An entry of what the person did to someone outside the family would name that someone: keep it bare.
        outsider = by_me and about is not None and about not in family
        entries.append({"at": r["at"], "by_this_person": by_me, "actor_role": r["actor_label"],
                        "action": r["action"], "outcome": r["outcome"], "about_this_person": about == person_id,
                        "about_someone_else": outsider, "detail": "" if outsider else r["detail"]})
    return {"entries": entries, "cut_at": AUDIT_CAP if len(rows) > AUDIT_CAP else None}
