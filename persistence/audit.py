"""The append-only audit log: this module offers no way to change or remove an entry."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.manager import Manager
from tortoise.models import Model
from tortoise.queryset import QuerySet


class _AppendOnlyQuerySet(QuerySet):
    """Queries on the audit log read and insert; they never update or delete."""

    def update(self, **kwargs: Any) -> Any:
        """Refused: entries are never rewritten."""
        raise PermissionError("audit entries are append-only")

    def delete(self) -> Any:
        """Refused: entries are never removed."""
        raise PermissionError("audit entries are append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> Any:
        """Refused: entries are never rewritten."""
        raise PermissionError("audit entries are append-only")


class _AppendOnlyManager(Manager):
    """Hands out only append-only query sets."""

    def get_queryset(self) -> QuerySet:
        """Every query on AuditEntry starts here."""
        return _AppendOnlyQuerySet(self._model)


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
        manager = _AppendOnlyManager()

    async def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: an entry that is already stored can never be rewritten."""
        if self._saved_in_db:
            raise PermissionError("audit entries are append-only")
        await super().save(*args, **kwargs)

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        """Audit entries are never deleted."""
        raise PermissionError("audit entries are append-only")
