"""Tables for cross-institution groups: purpose, owner, membership rules and members added by name."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CrossGroup(Model):
    """What a tvaergaaende group is for, who owns it, its rules and its members by name (memberships are derived)."""

    id = fields.IntField(primary_key=True)
    group_id: int
    group = fields.OneToOneField("models.Group", related_name="cross")
    purpose = fields.CharField(max_length=500, default="")
    owner_id: int
    owner = fields.ForeignKeyField("models.Person", related_name="cross_groups_owned")
    rules = fields.JSONField(default=list)
    named = fields.JSONField(default=list)
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "cross_group"
