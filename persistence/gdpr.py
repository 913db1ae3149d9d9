"""Tables for provisioning and GDPR: import runs, consent types and consents, retention rules and runs."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class ConsentType(Model):
    """A consent the municipality asks guardians for (photos in Sammen, photos in public, name on lists)."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="consent_types")
    key = fields.CharField(max_length=40)
    name = fields.CharField(max_length=120)
    description = fields.TextField(default="")
    active = fields.BooleanField(default=True)
    created_at: datetime = fields.DatetimeField()

    class Meta:
        table = "consent_type"
        unique_together = (("municipality_id", "key"),)


class ChildConsent(Model):
    """A guardian gave or withdrew one consent for one child (the latest decision counts)."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="child_consents")
    consent_type_id: int
    consent_type = fields.ForeignKeyField("models.ConsentType", related_name="decisions")
    given = fields.BooleanField()
    decided_by_id: int | None
    decided_by = fields.ForeignKeyField("models.Person", related_name="consent_decisions", null=True)
    decided_at: datetime = fields.DatetimeField()

    class Meta:
        table = "child_consent"
        unique_together = (("child_id", "consent_type_id"),)


class RetentionPolicy(Model):
    """How long the municipality keeps messages and presence history, and when children who left are anonymised."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="retention_policy", unique=True)
    messages_months = fields.SmallIntField(null=True)
    presence_months = fields.SmallIntField(null=True)
    anonymise_after_months = fields.SmallIntField(null=True)
    albums_months = fields.SmallIntField(default=24, db_default=24)
    updated_at: datetime = fields.DatetimeField()
    updated_by = fields.CharField(max_length=160, default="")

    class Meta:
        table = "retention_policy"


class RetentionRun(Model):
    """One run of the retention rules (or a dry run), with what it deleted or would delete."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="retention_runs")
    at: datetime = fields.DatetimeField()
    dry_run = fields.BooleanField()
    counts = fields.JSONField(default=dict)
    actor_name = fields.CharField(max_length=160, default="")

    class Meta:
        table = "retention_run"
