"""Tables for beskeder: threads, participants, messages, attachments, drafts, folders, shared inboxes, autosvar."""

from __future__ import annotations

from datetime import date, datetime

from tortoise import fields
from tortoise.models import Model


class Thread(Model):
    """A conversation with a subject, with the last message copied here so an inbox page is one query."""

    id = fields.IntField(primary_key=True)
    subject = fields.CharField(max_length=200)
    created_at: datetime = fields.DatetimeField()
    created_by_id: int | None
    created_by = fields.ForeignKeyField("models.Person", related_name="threads_started", null=True)
    last_message_at: datetime = fields.DatetimeField()
    last_sender_name = fields.CharField(max_length=160, default="")
    last_snippet = fields.CharField(max_length=160, default="")
    message_count = fields.IntField(default=0)
    sensitive = fields.BooleanField(default=False)

    class Meta:
        table = "message_thread"


class SharedInbox(Model):
    """The fællespostkasse of an institution, answered by the staff who work there."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="shared_inbox", unique=True)
    name = fields.CharField(max_length=120)

    class Meta:
        table = "message_shared_inbox"


class Folder(Model):
    """A folder of threads owned by one member of staff."""

    id = fields.IntField(primary_key=True)
    owner_id: int
    owner = fields.ForeignKeyField("models.Person", related_name="message_folders")
    name = fields.CharField(max_length=60)

    class Meta:
        table = "message_folder"
        unique_together = (("owner_id", "name"),)


class Participant(Model):
    """A person (or a shared inbox) in a thread, with their own unread count, mute, folder and deletion."""

    id = fields.IntField(primary_key=True)
    thread_id: int
    thread = fields.ForeignKeyField("models.Thread", related_name="participants")
    person_id: int | None
    person = fields.ForeignKeyField("models.Person", related_name="thread_seats", null=True)
    inbox_id: int | None
    inbox = fields.ForeignKeyField("models.SharedInbox", related_name="thread_seats", null=True)
    via_child_id = fields.IntField(null=True)
    joined_at: datetime = fields.DatetimeField()
    left_at: datetime | None = fields.DatetimeField(null=True)
    deleted_at: datetime | None = fields.DatetimeField(null=True)
    last_message_at: datetime = fields.DatetimeField()
    unread = fields.IntField(default=0)
    muted = fields.BooleanField(default=False)
    folder_id: int | None
    folder = fields.ForeignKeyField("models.Folder", related_name="seats", null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "message_participant"
        unique_together = (("thread_id", "person_id", "inbox_id"),)
        indexes = (("person_id", "last_message_at"), ("inbox_id", "last_message_at"), ("person_id", "unread"))


class Message(Model):
    """One message in a thread, which the sender may take back for ten seconds."""

    id = fields.IntField(primary_key=True)
    thread_id: int
    thread = fields.ForeignKeyField("models.Thread", related_name="messages")
    sender_id: int | None
    sender = fields.ForeignKeyField("models.Person", related_name="messages_sent", null=True)
    sender_name = fields.CharField(max_length=160, default="")
    on_behalf_of_id: int | None
    on_behalf_of = fields.ForeignKeyField("models.SharedInbox", related_name="messages", null=True)
    body = fields.TextField()
    sensitive = fields.BooleanField(default=False)
    auto_reply = fields.BooleanField(default=False)
    created_at: datetime = fields.DatetimeField()

    class Meta:
        table = "message"
        indexes = (("thread_id", "created_at"),)


class Attachment(Model):
    """A file on a message or a draft, stored under the data folder by its content hash."""

    id = fields.IntField(primary_key=True)
    message_id: int | None
    message = fields.ForeignKeyField("models.Message", related_name="attachments", null=True)
    draft_id: int | None
    draft = fields.ForeignKeyField("models.Draft", related_name="attachments", null=True, on_delete=fields.SET_NULL)
    uploader_id: int
    uploader = fields.ForeignKeyField("models.Person", related_name="attachments_uploaded")
    filename = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    created_at: datetime = fields.DatetimeField()

    class Meta:
        table = "message_attachment"


class Draft(Model):
    """A message being written, saved as the author types (a new thread, or a reply when thread is set)."""

    id = fields.IntField(primary_key=True)
    author_id: int
    author = fields.ForeignKeyField("models.Person", related_name="message_drafts")
    thread_id: int | None
    thread = fields.ForeignKeyField("models.Thread", related_name="drafts", null=True, on_delete=fields.CASCADE)
    subject = fields.CharField(max_length=200, default="")
    body = fields.TextField(default="")
    recipients = fields.JSONField(default=list)
    sensitive = fields.BooleanField(default=False)
    updated_at: datetime = fields.DatetimeField()

    class Meta:
        table = "message_draft"


class AutoReply(Model):
    """The autosvar of a member of staff for a date range."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="auto_reply", unique=True)
    first_day: date = fields.DateField()
    last_day: date = fields.DateField()
    text = fields.TextField()

    class Meta:
        table = "message_auto_reply"
