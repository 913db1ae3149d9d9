"""Tables for KommeGå: each person's day at an institution, its history, plans, settings and wall screens."""

from __future__ import annotations

from datetime import date, datetime

from tortoise import fields
from tortoise.models import Model

from domain.presence.model import Action, DeviceKind, Status


def weekdays() -> list[int]:
    """Monday to Friday, the default opening days."""
    return [0, 1, 2, 3, 4]


class PresenceSettings(Model):
    """Opening hours, closing days, named locations and the kiosk PIN rule of one institution."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="presence_settings", unique=True)
    opens_min = fields.SmallIntField(default=390)
    closes_min = fields.SmallIntField(default=1020)
    locations = fields.JSONField(default=list)
    closing_days = fields.JSONField(default=list)
    open_weekdays = fields.JSONField(default=weekdays)
    kiosk_pin = fields.BooleanField(default=False)

    class Meta:
        table = "presence_settings"


class PresenceDay(Model):
    """Where a child (or a member of staff on duty) is on one day at one institution, with a version for races."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="presence_days")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="presence_days")
    day: date = fields.DateField()
    is_staff = fields.BooleanField(default=False)
    group_id = fields.IntField(null=True)
    status = fields.CharEnumField(Status, max_length=20)
    location = fields.CharField(max_length=60, default="")
    pickup_label = fields.CharField(max_length=120, default="")
    version = fields.IntField(default=0)
    arrived_at: datetime | None = fields.DatetimeField(null=True)
    left_at: datetime | None = fields.DatetimeField(null=True)
    changed_at: datetime = fields.DatetimeField()
    changed_by = fields.CharField(max_length=120, default="")

    class Meta:
        table = "presence_day"
        unique_together = (("person_id", "institution_id", "day"),)
        indexes = (("institution_id", "day"),)


class PresenceChange(Model):
    """One change of a day, kept as the history of the day: who, from which device, when, from what to what."""

    id = fields.IntField(primary_key=True)
    person_id = fields.IntField()
    institution_id = fields.IntField()
    day: date = fields.DateField()
    at: datetime = fields.DatetimeField()
    action = fields.CharEnumField(Action, max_length=20)
    from_status = fields.CharEnumField(Status, max_length=20)
    to_status = fields.CharEnumField(Status, max_length=20)
    location = fields.CharField(max_length=60, default="")
    pickup_label = fields.CharField(max_length=120, default="")
    actor_person_id = fields.IntField(null=True)
    actor_name = fields.CharField(max_length=120)
    device = fields.CharEnumField(DeviceKind, max_length=10)
    wall_screen_id = fields.IntField(null=True)
    undone = fields.BooleanField(default=False)

    class Meta:
        table = "presence_change"
        indexes = (("institution_id", "day"), ("person_id", "day"))


class PlanEntry(Model):
    """The plan a guardian made for a child: a standard weekday (weekday set) or one date (day set), never both."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="plan_entries")
    weekday = fields.SmallIntField(null=True)
    day: date | None = fields.DateField(null=True)
    arrival_min = fields.SmallIntField(null=True)
    pickup_min = fields.SmallIntField(null=True)
    pickup_key = fields.CharField(max_length=20, default="")
    pickup_label = fields.CharField(max_length=120, default="")
    alone_min = fields.SmallIntField(null=True)
    with_child_id = fields.IntField(null=True)
    with_child_name = fields.CharField(max_length=120, default="")
    note = fields.CharField(max_length=500, default="")
    updated_at: datetime = fields.DatetimeField()
    updated_by = fields.CharField(max_length=120, default="")

    class Meta:
        table = "plan_entry"
        unique_together = (("child_id", "weekday"), ("child_id", "day"))


class KioskPin(Model):
    """The optional four-digit PIN of a child for the wall screen, stored salted and hashed."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="kiosk_pin", unique=True)
    salt = fields.CharField(max_length=32)
    pin_hash = fields.CharField(max_length=64)

    class Meta:
        table = "kiosk_pin"


class WallScreen(Model):
    """A device paired as the wall screen of an institution, its token stored only as a hash."""

    id = fields.IntField(primary_key=True)
    institution_id: int | None
    institution = fields.ForeignKeyField("models.Institution", related_name="wall_screens", null=True)
    name = fields.CharField(max_length=120, default="")
    pairing_code = fields.CharField(max_length=8, null=True, db_index=True)
    code_expires_at: datetime | None = fields.DatetimeField(null=True)
    secret_hash = fields.CharField(max_length=64)
    created_at: datetime = fields.DatetimeField()
    paired_at: datetime | None = fields.DatetimeField(null=True)
    paired_by_id = fields.IntField(null=True)
    revoked_at: datetime | None = fields.DatetimeField(null=True)
    last_seen_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "wall_screen"


class StaffNote(Model):
    """A note from staff on a child for colleagues on one day, never shown to parents or the wall screen."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="staff_notes")
    institution_id = fields.IntField()
    day: date = fields.DateField()
    text = fields.CharField(max_length=500)
    written_by = fields.CharField(max_length=120, default="")
    written_by_id = fields.IntField(null=True)
    written_at: datetime = fields.DatetimeField()

    class Meta:
        table = "staff_note"
        unique_together = (("child_id", "institution_id", "day"),)
        indexes = (("institution_id", "day"),)
