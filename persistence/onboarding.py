"""A guardian's first-login walkthrough: the steps finished, skipped or dismissed, and the privacy notice read."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class FirstLogin(Model):
    """How far one person came through the first-login walkthrough (no row: not started)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.OneToOneField("models.Person", related_name="first_login")
    steps = fields.JSONField(default=dict)  # step name -> done, skipped or dismissed
    privacy_read_at = fields.DatetimeField(null=True)
    updated_at: datetime = fields.DatetimeField()

    class Meta:
        table = "first_login"
