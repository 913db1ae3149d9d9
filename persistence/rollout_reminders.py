"""Reminders to log in sent from the never-logged-in lists: one row per person per day, kept for the once-a-day rule."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AdoptionReminder(Model):
    """A reminder to log in to one person on one day, by message or e-mail (an e-mail waits here for the mail job)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="adoption_reminders")
    day = fields.DateField()
    channel = fields.CharField(max_length=10)
    sent_by_id = fields.IntField()
    sent_by_name = fields.CharField(max_length=120, default="")
    created_at = fields.DatetimeField()
    subject = fields.CharField(max_length=200, default="")
    # The e-mail's text until the job has sent it (then emptied: nothing is kept that is not needed).
    text = fields.TextField(default="")
    emailed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "rollout_adoption_reminder"
        unique_together = (("person_id", "day"),)
        indexes = (("channel", "emailed_at"),)
