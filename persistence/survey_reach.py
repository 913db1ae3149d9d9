"""Survey invitations and reminders: what the team sent, and the e-mails waiting for the mail job."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class SurveySending(Model):
    """One invitation or reminder round of a survey: how it went out, by whom, and how many it reached."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="sendings")
    kind = fields.CharField(max_length=12)
    by_message = fields.BooleanField(default=False)
    by_email = fields.BooleanField(default=False)
    sent_by_id = fields.IntField()
    sent_at = fields.DatetimeField()
    messages = fields.IntField(default=0)
    emails = fields.IntField(default=0)

    class Meta:
        table = "survey_sending"
        indexes = (("survey_id", "kind"),)


class SurveyEmail(Model):
    """An e-mail of a sending waiting for the mail job, deleted once it is out (who got it is not kept)."""

    id = fields.IntField(primary_key=True)
    sending_id: int
    sending = fields.ForeignKeyField("models.SurveySending", related_name="emails_waiting")
    person_id = fields.IntField()
    claimed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "survey_email"
        unique_together = (("sending_id", "person_id"),)
        indexes = (("claimed_at",),)
