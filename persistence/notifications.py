"""Tables for how a person is told: notifications, their outbox, choices, quiet hours, push devices, e-mail opt-outs."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class EmailOptOut(Model):
    """A person turned one kind of e-mail off (no row: the e-mail is on)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="email_opt_outs")
    kind = fields.CharField(max_length=30)
    at: datetime = fields.DatetimeField()

    class Meta:
        table = "email_opt_out"
        unique_together = (("person_id", "kind"),)


class Notification(Model):
    """Something one person is told about, as safe to show on a lock screen (never the text of a message)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="notifications")
    category = fields.CharField(max_length=20)
    title = fields.CharField(max_length=200)
    body = fields.CharField(max_length=300, default="")
    link = fields.CharField(max_length=300, default="")
    sensitive = fields.BooleanField(default=False)
    urgent = fields.BooleanField(default=False)  # a krisebesked: quiet hours do not hold it back
    source = fields.CharField(max_length=80)  # what caused it ("message:12"): one notification per person and cause
    created_at: datetime = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        unique_together = (("person_id", "source"),)
        indexes = (("person_id", "read_at"), ("person_id", "created_at"))


class NotificationDelivery(Model):
    """The outbox: one way a notification goes out (push to one device, an e-mail, a line in a daily summary)."""

    id = fields.IntField(primary_key=True)
    notification_id: int
    notification = fields.ForeignKeyField("models.Notification", related_name="deliveries")
    channel = fields.CharField(max_length=10)
    device_id = fields.IntField(null=True)  # the push subscription, for push
    due_at: datetime = fields.DatetimeField()  # not before: quiet hours and the summary's time move it
    attempts = fields.IntField(default=0)
    claimed_at = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=60, default="")
    sent_at = fields.DatetimeField(null=True)
    failed = fields.BooleanField(default=False)  # given up (retries used, device gone, address refused)
    error = fields.CharField(max_length=120, default="")  # what went wrong, never personal content

    class Meta:
        table = "notification_delivery"
        unique_together = (("notification_id", "channel", "device_id"),)
        indexes = (("sent_at", "failed", "due_at"),)


class NotificationChoice(Model):
    """The choice of one person for one category on one channel (no row: the default of their role)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="notification_choices")
    category = fields.CharField(max_length=20)
    channel = fields.CharField(max_length=10)
    on = fields.BooleanField()

    class Meta:
        table = "notification_choice"
        unique_together = (("person_id", "category", "channel"),)


class NotificationSettings(Model):
    """The quiet hours of one person and summary time, and when they made their first choices (no row: the defaults)."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.OneToOneField("models.Person", related_name="notification_settings")
    quiet_from = fields.IntField(default=21 * 60)  # minutes after midnight, Copenhagen time
    quiet_to = fields.IntField(default=7 * 60)
    digest_at = fields.IntField(default=17 * 60)
    chosen_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification_settings"


class PushSubscription(Model):
    """The Web Push subscription of one device (RFC 8030): where to send and the keys to encrypt for it."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="push_subscriptions")
    endpoint = fields.CharField(max_length=600, unique=True)
    p256dh = fields.CharField(max_length=200)
    auth = fields.CharField(max_length=60)
    label = fields.CharField(max_length=100, default="")  # "Chrome på Android", shown on the profile page
    created_at: datetime = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "push_subscription"
