"""Tables for rollout programmes, their tracks, phases and milestones, readiness and adoption snapshots."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.rollout.model import Area, MilestoneStatus, ReadinessItem, SpanKind


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
