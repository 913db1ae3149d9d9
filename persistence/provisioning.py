"""Import from the registers: each run, its files and its outcome."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class ImportRun(Model):
    """One import of the municipal registers, validated (dry run) and perhaps applied, with its report."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="import_runs")
    actor_id: int | None
    actor = fields.ForeignKeyField("models.Person", related_name="import_runs", null=True)
    actor_name = fields.CharField(max_length=160, default="")
    source = fields.CharField(max_length=20, default="upload")
    full = fields.BooleanField(default=True)
    status = fields.CharField(max_length=20)
    files = fields.JSONField(default=list)
    counts = fields.JSONField(default=dict)
    report = fields.JSONField(default=list)
    started_at: datetime = fields.DatetimeField()
    finished_at: datetime | None = fields.DatetimeField(null=True)
    applied_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "import_run"
