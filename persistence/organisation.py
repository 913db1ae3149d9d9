"""Tables for the municipality, its institutions and groups."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.organisation.model import GroupKind, InstitutionKind


class Municipality(Model):
    """A municipality (kommune), the root of everything."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=8, unique=True)
    name = fields.CharField(max_length=100)

    class Meta:
        table = "municipality"


class Institution(Model):
    """A vuggestue, børnehave, school, BFO or club, numbered by its institutionsnummer."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "models.Municipality", related_name="institutions"
    )
    number = fields.CharField(max_length=12, unique=True)
    name = fields.CharField(max_length=120)
    kind = fields.CharEnumField(InstitutionKind, max_length=20)
    address = fields.CharField(max_length=200, default="")
    active = fields.BooleanField(default=True)

    class Meta:
        table = "institution"


class Group(Model):
    """A stue, klasse or hold, with no institution when it crosses institutions."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "models.Municipality", related_name="groups"
    )
    institution_id: int | None
    institution: fields.ForeignKeyNullableRelation[Institution] = fields.ForeignKeyField(
        "models.Institution", related_name="groups", null=True
    )
    name = fields.CharField(max_length=120)
    kind = fields.CharEnumField(GroupKind, max_length=20)
    expires_on = fields.DateField(null=True)

    class Meta:
        table = "group"
