"""Blanketter: forms staff send out and the answers per child."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class Form(Model):
    """A form or sign-up for a group (replacing Nemtilmeld and paper), with its questions as JSON."""

    id = fields.IntField(primary_key=True)
    group_id: int
    group = fields.ForeignKeyField("models.Group", related_name="forms")
    author_id: int | None
    author = fields.ForeignKeyField("models.Person", related_name="forms", null=True)
    author_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    questions = fields.JSONField(default=list)
    deadline: datetime = fields.DatetimeField()
    created_at: datetime = fields.DatetimeField()
    closed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "form"


class FormAnswer(Model):
    """The one answer for one child to a form, given by a guardian."""

    id = fields.IntField(primary_key=True)
    form_id: int
    form = fields.ForeignKeyField("models.Form", related_name="answers")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="form_answers")
    guardian_id: int | None
    guardian = fields.ForeignKeyField("models.Person", related_name="form_answers_given", null=True)
    answers = fields.JSONField(default=dict)
    answered_at: datetime = fields.DatetimeField()

    class Meta:
        table = "form_answer"
        unique_together = (("form_id", "child_id"),)
