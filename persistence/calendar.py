"""Tables for the calendar: events with recurrence and invitations, reminders, and private feed tokens."""

from __future__ import annotations

from datetime import date, datetime

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


class Form(Model):
    """A form or sign-up for a group (replacing Nemtilmeld and paper), with its questions as JSON."""

    id = fields.IntField(primary_key=True)
    group_id: int
    group = fields.ForeignKeyField("models.Group", related_name="forms")
    author_id: int | None
    author = fields.ForeignKeyField("models.Person", related_name="forms", null=True)
    author_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    questions = fields.JSONField(default=list)
    deadline: datetime = fields.DatetimeField()
    created_at: datetime = fields.DatetimeField()
    closed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "form"


class FormAnswer(Model):
    """The one answer for one child to a form, given by a guardian."""

    id = fields.IntField(primary_key=True)
    form_id: int
    form = fields.ForeignKeyField("models.Form", related_name="answers")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="form_answers")
    guardian_id: int | None
    guardian = fields.ForeignKeyField("models.Person", related_name="form_answers_given", null=True)
    answers = fields.JSONField(default=dict)
    answered_at: datetime = fields.DatetimeField()

    class Meta:
        table = "form_answer"
        unique_together = (("form_id", "child_id"),)


class VacationRequest(Model):
    """A ferieanmodning: staff ask guardians which days of a period their child comes, before a deadline."""

    id = fields.IntField(primary_key=True)
    author_id: int | None
    author = fields.ForeignKeyField("models.Person", related_name="vacation_requests", null=True)
    author_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    note = fields.TextField(default="")
    first_day: date = fields.DateField()
    last_day: date = fields.DateField()
    deadline: datetime = fields.DatetimeField()
    institution_ids = fields.JSONField(default=list)
    group_ids = fields.JSONField(default=list)
    created_at: datetime = fields.DatetimeField()

    class Meta:
        table = "vacation_request"


class VacationAnswer(Model):
    """Whether a child comes on one day of a request, and when, as a guardian answered."""

    id = fields.IntField(primary_key=True)
    request_id: int
    request = fields.ForeignKeyField("models.VacationRequest", related_name="answers")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="vacation_answers")
    day: date = fields.DateField()
    comes = fields.BooleanField()
    arrival_min = fields.SmallIntField(null=True)
    pickup_min = fields.SmallIntField(null=True)
    answered_by_id: int | None
    answered_by = fields.ForeignKeyField("models.Person", related_name="vacation_answers_given", null=True)
    answered_at: datetime = fields.DatetimeField()

    class Meta:
        table = "vacation_answer"
        unique_together = (("request_id", "child_id", "day"),)
