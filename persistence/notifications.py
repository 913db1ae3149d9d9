"""Tables for how a person wants to be told: the kinds of e-mail they have turned off."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class EmailOptOut(Model):
    """A person turned one kind of e-mail off (no row: the e-mail is on)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="email_opt_outs")
    kind = fields.CharField(max_length=30)
    at: datetime = fields.DatetimeField()

    class Meta:
        table = "email_opt_out"
        unique_together = (("person_id", "kind"),)
