"""Tables for rollout programmes (tracks, phases, milestones), readiness, adoption snapshots and evaluation surveys."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.rollout.model import Area, Audience, MilestoneStatus, QuestionKind, ReadinessItem, SpanKind


class Programme(Model):
    """A rollout programme for one area (Dagtilbud, BFO og klub, Skole)."""

    id = fields.IntField(primary_key=True)
    area = fields.CharEnumField(Area, max_length=20)
    name = fields.CharField(max_length=120)
    start = fields.DateField()
    end = fields.DateField()

    class Meta:
        table = "rollout_programme"


class Span(Model):
    """A dated stretch of a track or a phase, one row per stretch."""

    id = fields.IntField(primary_key=True)
    programme_id: int
    programme = fields.ForeignKeyField("models.Programme", related_name="spans")
    kind = fields.CharEnumField(SpanKind, max_length=10)
    key = fields.CharField(max_length=40)
    label = fields.CharField(max_length=120)
    start = fields.DateField()
    end = fields.DateField()

    class Meta:
        table = "rollout_span"


class Milestone(Model):
    """A dated goal with an owner, inside a phase of a programme."""

    id = fields.IntField(primary_key=True)
    programme_id: int
    programme = fields.ForeignKeyField("models.Programme", related_name="milestones")
    phase_id: int | None
    phase = fields.ForeignKeyField("models.Span", related_name="milestones", null=True)
    title = fields.CharField(max_length=160)
    owner = fields.CharField(max_length=120, default="")
    due = fields.DateField()
    status = fields.CharEnumField(MilestoneStatus, max_length=20, default=MilestoneStatus.PLANNED)
    notes = fields.TextField(default="")

    class Meta:
        table = "rollout_milestone"


class ReadinessTick(Model):
    """The current state of one checklist item at one institution, and who set it."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="readiness")
    item = fields.CharEnumField(ReadinessItem, max_length=30)
    ticked = fields.BooleanField(default=False)
    by_person_id = fields.IntField(null=True)
    by_name = fields.CharField(max_length=120, default="")
    at = fields.DatetimeField(null=True)
    comment = fields.CharField(max_length=300, default="")

    class Meta:
        table = "rollout_readiness"
        unique_together = (("institution_id", "item"),)


class AdoptionSnapshot(Model):
    """The adoption figures of one institution on one day, stored by the daily job."""

    id = fields.IntField(primary_key=True)
    day = fields.DateField()
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="adoption_snapshots")
    guardians = fields.IntField()
    guardians_ever = fields.IntField()
    guardians_30d = fields.IntField()
    superusers = fields.IntField()

    class Meta:
        table = "rollout_adoption_snapshot"
        unique_together = (("day", "institution_id"),)


class Survey(Model):
    """An evaluation survey the project team sends to staff or guardians of chosen institutions."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=160)
    audience = fields.CharEnumField(Audience, max_length=20)
    created_by_id = fields.IntField()
    created_at = fields.DatetimeField()
    closes_on = fields.DateField()
    # Anonymous: answers are stored without the respondent and shown only for groups of several answers.
    anonymous = fields.BooleanField(default=True, db_default=True)

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


class SurveyParticipant(Model):
    """Who has answered a survey, so nobody answers twice, with no link to which answers are theirs."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="participants")
    person_id = fields.IntField()

    class Meta:
        table = "survey_participant"
        unique_together = (("survey_id", "person_id"),)


class SurveyResponse(Model):
    ""'The answer of one person to a survey, for one institution, naming the respondent only in a named survey.'""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="responses")
    respondent_id = fields.IntField(null=True)
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
