"""Tables for rollout programmes (tracks, phases, milestones), readiness, adoption snapshots and evaluation surveys."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.rollout.model import (
    Area,
    Audience,
    ChecklistAction,
    MilestoneStatus,
    ObservedKey,
    QuestionKind,
    SpanKind,
)


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


class Wave(Model):
    """Institutions of one programme that go live together on one day."""

    id = fields.IntField(primary_key=True)
    programme_id: int
    programme = fields.ForeignKeyField("models.Programme", related_name="waves")
    name = fields.CharField(max_length=120)
    go_live = fields.DateField()

    class Meta:
        table = "rollout_wave"
        unique_together = (("programme_id", "name"),)


class WaveMember(Model):
    """An institution in a wave, with the programme repeated so an institution is in one wave per programme."""

    id = fields.IntField(primary_key=True)
    wave_id: int
    wave = fields.ForeignKeyField("models.Wave", related_name="members")
    programme_id: int
    programme = fields.ForeignKeyField("models.Programme", related_name="wave_members")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="waves")

    class Meta:
        table = "rollout_wave_member"
        unique_together = (("programme_id", "institution_id"),)


class ChecklistItem(Model):
    """A readiness checklist item of a programme, optionally in one of its phases, with an owner and a deadline."""

    id = fields.IntField(primary_key=True)
    programme_id: int
    programme = fields.ForeignKeyField("models.Programme", related_name="checklist")
    phase_id: int | None
    # A removed phase leaves its items in the programme, without a phase, rather than deleting them.
    phase = fields.ForeignKeyField("models.Span", related_name="checklist", null=True, on_delete=fields.SET_NULL)
    title = fields.CharField(max_length=160)
    owner = fields.CharField(max_length=120, default="")
    deadline = fields.DateField(null=True)
    position = fields.IntField(default=0)
    observed = fields.CharEnumField(ObservedKey, max_length=30, null=True)

    class Meta:
        table = "rollout_checklist_item"


class ChecklistTick(Model):
    """The current state of one checklist item at one institution, and who set it."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="checklist_ticks")
    item_id: int
    item = fields.ForeignKeyField("models.ChecklistItem", related_name="ticks")
    ticked = fields.BooleanField(default=False)
    by_person_id = fields.IntField(null=True)
    by_name = fields.CharField(max_length=120, default="")
    at = fields.DatetimeField(null=True)
    comment = fields.CharField(max_length=300, default="")

    class Meta:
        table = "rollout_checklist_tick"
        unique_together = (("institution_id", "item_id"),)


class ChecklistEntry(Model):
    """One tick, untick or comment on a checklist item of an institution, as the history of that cell."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="checklist_entries")
    item_id: int
    item = fields.ForeignKeyField("models.ChecklistItem", related_name="entries")
    action = fields.CharEnumField(ChecklistAction, max_length=10)
    by_person_id = fields.IntField(null=True)
    by_name = fields.CharField(max_length=120, default="")
    at = fields.DatetimeField()
    comment = fields.CharField(max_length=300, default="")

    class Meta:
        table = "rollout_checklist_entry"
        indexes = (("institution_id", "item_id"),)


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
    # The names of the 1-5 points, five texts, low to high; null or empty means DEFAULT_ANCHORS.
    anchors = fields.JSONField(default=list, null=True)
    # Set by the first answer, in its transaction: from then on the questions may not change.
    locked = fields.BooleanField(default=False, db_default=False)
    # Raised by every edit, so an answer checked against older questions is refused instead of stored.
    revision = fields.IntField(default=0, db_default=0)
    # When the team closed the survey before its last day (closes_on is then set to the day before).
    closed_at = fields.DatetimeField(null=True)

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


class SurveySection(Model):
    """A heading with an optional introduction, grouping the questions that follow it."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="sections")
    position = fields.IntField()
    title = fields.CharField(max_length=160)
    intro = fields.TextField(default="")

    class Meta:
        table = "survey_section"


class SurveyQuestion(Model):
    """A question of a survey (QuestionKind), numbered by position across the whole survey."""

    id = fields.IntField(primary_key=True)
    survey_id: int
    survey = fields.ForeignKeyField("models.Survey", related_name="questions")
    position = fields.IntField()
    kind = fields.CharEnumField(QuestionKind, max_length=10)
    text = fields.CharField(max_length=300)
    # The section it stands in, if any: a section's questions follow each other, sections in their order.
    section_id: int | None
    section = fields.ForeignKeyField("models.SurveySection", related_name="questions", null=True)
    # The options of a choice question, in order; an answer stores the index of its option.
    options = fields.JSONField(default=list, null=True)
    required = fields.BooleanField(default=True, db_default=True)

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
    """The answer to one question: a value (see QuestionKind) or a text, one row per chosen option."""

    id = fields.IntField(primary_key=True)
    response_id: int
    response = fields.ForeignKeyField("models.SurveyResponse", related_name="answers")
    question_id: int
    question = fields.ForeignKeyField("models.SurveyQuestion", related_name="answers")
    value = fields.IntField(null=True)
    text = fields.TextField(default="")

    class Meta:
        table = "survey_answer"
