"""The append-only audit log: this module offers no way to change or remove an entry."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """Who did or tried what to whose data, when, and from where."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    actor_person_id = fields.IntField(null=True, db_index=True)
    actor_label = fields.CharField(max_length=120, default="")
    action = fields.CharField(max_length=60)
    outcome = fields.CharField(max_length=10)
    concerned_person_id = fields.IntField(null=True, db_index=True)
    client_address = fields.CharField(max_length=64, default="")
    detail = fields.CharField(max_length=300, default="")

    class Meta:
        table = "audit_entry"

    async def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: an entry that is already stored can never be rewritten."""
        if self._saved_in_db:
            raise PermissionError("audit entries are append-only")
        await super().save(*args, **kwargs)

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        """Audit entries are never deleted."""
        raise PermissionError("audit entries are append-only")
