"""Tables for the calendar: events with recurrence and invitations, reminders, and private feed tokens."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class CalendarEvent(Model):
    """An event for a person, a group, an institution or the municipality, optionally recurring by an RRULE."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="calendar_events")
    scope = fields.CharField(max_length=20)
    person_id: int | None
    person = fields.ForeignKeyField("models.Person", related_name="own_events", null=True)
    group_id: int | None
    group = fields.ForeignKeyField("models.Group", related_name="calendar_events", null=True)
    institution_id: int | None
    institution = fields.ForeignKeyField("models.Institution", related_name="calendar_events", null=True)
    organiser_id: int | None
    organiser = fields.ForeignKeyField("models.Person", related_name="organised_events", null=True)
    organiser_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    place = fields.CharField(max_length=200, default="")
    all_day = fields.BooleanField(default=False)
    starts_at: datetime = fields.DatetimeField()
    ends_at: datetime = fields.DatetimeField()
    rrule = fields.CharField(max_length=300, default="")
    repeat_until: datetime | None = fields.DatetimeField(null=True)
    exdates = fields.JSONField(default=list)
    private = fields.BooleanField(default=False)
    reminder_minutes = fields.IntField(null=True)
    reminded_through: datetime | None = fields.DatetimeField(null=True)
    invitations_open = fields.BooleanField(default=False)
    created_at: datetime = fields.DatetimeField()
    cancelled_at: datetime | None = fields.DatetimeField(null=True)
    # What calendar apps compare to replace their copy: bumped on each change that matters, and when.
    sequence = fields.IntField(default=0, db_default=0)
    updated_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "calendar_event"
        indexes = (("institution_id", "starts_at"), ("group_id", "starts_at"), ("person_id", "starts_at"),
                   ("municipality_id", "scope", "starts_at"))


class Invitation(Model):
    """One invited person with their answer (ja, nej, maaske or not yet)."""

    id = fields.IntField(primary_key=True)
    event_id: int
    event = fields.ForeignKeyField("models.CalendarEvent", related_name="invitations")
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="invitations")
    via_child_id = fields.IntField(null=True)
    answer = fields.CharField(max_length=10, default="")
    answered_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "calendar_invitation"
        unique_together = (("event_id", "person_id"),)
        indexes = (("person_id", "event_id"),)


class CalendarFeed(Model):
    """A private ICS subscription address of one person, stored as the hash of its secret token."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="calendar_feeds")
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at: datetime = fields.DatetimeField()
    revoked_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "calendar_feed"
