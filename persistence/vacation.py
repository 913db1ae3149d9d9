"""Ferie: vacation requests and the guardians' answers per child and day."""

from __future__ import annotations

from datetime import date, datetime

from tortoise import fields
from tortoise.models import Model


class VacationRequest(Model):
    """A ferieanmodning: staff ask guardians which days of a period their child comes, before a deadline."""

    id = fields.IntField(primary_key=True)
    author_id: int | None
    author = fields.ForeignKeyField("models.Person", related_name="vacation_requests", null=True)
    author_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    note = fields.TextField(default="")
    first_day: date = fields.DateField()
    last_day: date = fields.DateField()
    deadline: datetime = fields.DatetimeField()
    institution_ids = fields.JSONField(default=list)
    group_ids = fields.JSONField(default=list)
    created_at: datetime = fields.DatetimeField()

    class Meta:
        table = "vacation_request"


class VacationAnswer(Model):
    """Whether a child comes on one day of a request, and when, as a guardian answered."""

    id = fields.IntField(primary_key=True)
    request_id: int
    request = fields.ForeignKeyField("models.VacationRequest", related_name="answers")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="vacation_answers")
    day: date = fields.DateField()
    comes = fields.BooleanField()
    arrival_min = fields.SmallIntField(null=True)
    pickup_min = fields.SmallIntField(null=True)
    answered_by_id: int | None
    answered_by = fields.ForeignKeyField("models.Person", related_name="vacation_answers_given", null=True)
    answered_at: datetime = fields.DatetimeField()

    class Meta:
        table = "vacation_answer"
        unique_together = (("request_id", "child_id", "day"),)
