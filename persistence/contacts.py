"""Tables for what a guardian shares of their contact details with the other parents of the class."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ContactSharing(Model):
    """What one person lets the other parents of their childrens classes see: phone, e-mail, picture."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.OneToOneField("models.Person", related_name="contact_sharing")
    share_phone = fields.BooleanField(default=False)
    share_email = fields.BooleanField(default=False)
    share_picture = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "contact_sharing"
