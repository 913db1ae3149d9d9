"""Tables for evaluation surveys, their questions and the answers."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.rollout.model import Audience, QuestionKind


class Survey(Model):
    """An evaluation survey the project team sends to staff or guardians of chosen institutions."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=160)
    audience = fields.CharEnumField(Audience, max_length=20)
    created_by_id = fields.IntField()
    created_at = fields.DatetimeField()
    closes_on = fields.DateField()

    class Meta:
        table = "survey"


class SurveyInstitution(Model):
    """An institution whose staff or guardians a survey asks."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="institutions")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="surveys")

    class Meta:
        table = "survey_institution"
        unique_together = (("survey_id", "institution_id"),)


class SurveyQuestion(Model):
    """A 1-5 scale question or a free-text question."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="questions")
    position = fields.IntField()
    kind = fields.CharEnumField(QuestionKind, max_length=10)
    text = fields.CharField(max_length=300)

    class Meta:
        table = "survey_question"


class SurveyResponse(Model):
    """The answer of one person to a survey, for one institution, at most once per person."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="responses")
    respondent_id = fields.IntField()
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="survey_responses")
    submitted_at = fields.DatetimeField()

    class Meta:
        table = "survey_response"
        unique_together = (("survey_id", "respondent_id"),)


class SurveyAnswer(Model):
    """The answer to one question: a value 1-5 or a text."""

    id = fields.IntField(primary_key=True)
    response_id: int
    response = fields.ForeignKeyField("models.SurveyResponse", related_name="answers")
    question_id: int
    question = fields.ForeignKeyField("models.SurveyQuestion", related_name="answers")
    value = fields.IntField(null=True)
    text = fields.TextField(default="")

    class Meta:
        table = "survey_answer"
