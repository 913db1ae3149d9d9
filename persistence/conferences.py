"""Samtaler: rounds of conference slots and their bookings."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class ConferenceRound(Model):
    """A round of parent conferences (samtaler) for a group, with its slots generated from days and breaks."""

    id = fields.IntField(primary_key=True)
    group_id: int
    group = fields.ForeignKeyField("models.Group", related_name="conference_rounds")
    organiser_id: int | None
    organiser = fields.ForeignKeyField("models.Person", related_name="conference_rounds", null=True)
    organiser_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    place = fields.CharField(max_length=200, default="")
    slot_minutes = fields.SmallIntField()
    child_takes_part = fields.BooleanField(default=False)
    days = fields.JSONField(default=list)
    breaks = fields.JSONField(default=list)
    booking_deadline: datetime = fields.DatetimeField()
    reminder_hours = fields.SmallIntField(null=True)
    created_at: datetime = fields.DatetimeField()
    closed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "conference_round"


class ConferenceSlot(Model):
    """One bookable time in a round, where a child holds at most one slot per round."""

    id = fields.IntField(primary_key=True)
    round_id: int
    round = fields.ForeignKeyField("models.ConferenceRound", related_name="slots")
    starts_at: datetime = fields.DatetimeField()
    ends_at: datetime = fields.DatetimeField()
    child_id: int | None
    child = fields.ForeignKeyField("models.Person", related_name="conference_slots", null=True)
    booked_by_id: int | None
    booked_by = fields.ForeignKeyField("models.Person", related_name="conference_bookings", null=True)
    booked_at: datetime | None = fields.DatetimeField(null=True)
    reminded_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "conference_slot"
        unique_together = (("round_id", "child_id"),)
        indexes = (("round_id", "starts_at"),)
