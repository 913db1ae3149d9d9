"""Tables for the municipality's urgent broadcast: the message, its institutions and each guardian's read."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class Broadcast(Model):
    """An urgent message from the municipality to every guardian of chosen areas or institutions."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="broadcasts")
    sender_id: int | None
    sender = fields.ForeignKeyField("models.Person", related_name="broadcasts_sent", null=True)
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    created_at: datetime = fields.DatetimeField()
    email_after_minutes = fields.IntField(null=True)
    emailed_at: datetime | None = fields.DatetimeField(null=True)
    public = fields.BooleanField(default=True)
    ended_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "broadcast"


class BroadcastRecipient(Model):
    """One guardian at one institution of the broadcast, with when they read it and when they were e-mailed."""

    id = fields.IntField(primary_key=True)
    broadcast_id: int
    broadcast = fields.ForeignKeyField("models.Broadcast", related_name="recipients")
    guardian_id: int
    guardian = fields.ForeignKeyField("models.Person", related_name="broadcasts_received")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="broadcast_recipients")
    read_at: datetime | None = fields.DatetimeField(null=True)
    emailed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "broadcast_recipient"
        unique_together = (("broadcast_id", "guardian_id", "institution_id"),)
        indexes = (("guardian_id", "read_at"), ("broadcast_id", "institution_id"))
