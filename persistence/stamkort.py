"""A child's stamkort: safety information (allergies, diet), health notes, own doctor and practical information."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class Stamkort(Model):
    """The stamkort of one child, written by the guardians. Medicine and health notes are personfølsomme."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.OneToOneField("models.Person", related_name="stamkort")
    allergies = fields.CharField(max_length=500, default="")  # safety: shown on the board
    diet = fields.CharField(max_length=500, default="")  # safety: shown on the board
    medicine = fields.CharField(max_length=2000, default="")  # personfølsom: assurance level 3
    health_notes = fields.CharField(max_length=2000, default="")  # personfølsom: assurance level 3
    doctor_name = fields.CharField(max_length=120, default="")
    doctor_phone = fields.CharField(max_length=30, default="")
    practical = fields.CharField(max_length=2000, default="")
    updated_at: datetime = fields.DatetimeField()
    updated_by_id: int | None
    updated_by = fields.ForeignKeyField("models.Person", related_name="stamkort_updates", null=True,
                                        on_delete=fields.SET_NULL)

    class Meta:
        table = "stamkort"
