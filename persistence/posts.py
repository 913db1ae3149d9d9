"""Tables for opslag: posts to an institution or its groups, comments, and reports of content."""

from __future__ import annotations

from datetime import date, datetime

from tortoise import fields
from tortoise.models import Model


class Post(Model):
    """A post to an institution (all of it, or the groups listed in PostGroup)."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="posts")
    author_id: int | None
    author = fields.ForeignKeyField("models.Person", related_name="posts", null=True)
    author_name = fields.CharField(max_length=160, default="")
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    important = fields.BooleanField(default=False)
    expires_on: date | None = fields.DateField(null=True)
    allow_comments = fields.BooleanField(default=False)
    created_at: datetime = fields.DatetimeField()
    removed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "post"
        indexes = (("institution_id", "created_at"),)


class PostGroup(Model):
    """A group a post is addressed to."""

    id = fields.IntField(primary_key=True)
    post_id: int
    post = fields.ForeignKeyField("models.Post", related_name="groups")
    group_id: int
    group = fields.ForeignKeyField("models.Group", related_name="posts")

    class Meta:
        table = "post_group"
        unique_together = (("post_id", "group_id"),)


class PostComment(Model):
    """A comment under a post whose author allows comments."""

    id = fields.IntField(primary_key=True)
    post_id: int
    post = fields.ForeignKeyField("models.Post", related_name="comments")
    author_id: int | None
    author = fields.ForeignKeyField("models.Person", related_name="post_comments", null=True)
    author_name = fields.CharField(max_length=160, default="")
    body = fields.TextField()
    created_at: datetime = fields.DatetimeField()
    removed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "post_comment"
        indexes = (("post_id", "created_at"),)


class ContentReport(Model):
    """A report of a post or a comment to the leader of the institution (anmeld indhold)."""

    id = fields.IntField(primary_key=True)
    post_id: int
    post = fields.ForeignKeyField("models.Post", related_name="reports")
    comment_id: int | None
    comment = fields.ForeignKeyField("models.PostComment", related_name="reports", null=True)
    reporter_id: int
    reporter = fields.ForeignKeyField("models.Person", related_name="content_reports")
    reason = fields.CharField(max_length=500)
    created_at: datetime = fields.DatetimeField()
    handled_at: datetime | None = fields.DatetimeField(null=True)
    handled_by_id: int | None
    handled_by = fields.ForeignKeyField("models.Person", related_name="content_reports_handled", null=True)
    outcome = fields.CharField(max_length=20, default="")

    class Meta:
        table = "post_content_report"
