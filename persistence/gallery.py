"""Tables for the gallery: albums of a group or an institution, their photos and the children tagged in them."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class Album(Model):
    """Photos staff share with the guardians of one group or of a whole institution, kept until it expires."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="albums")
    group_id: int | None
    group = fields.ForeignKeyField("models.Group", related_name="albums", null=True)
    title = fields.CharField(max_length=120)
    created_by_id: int | None
    created_by = fields.ForeignKeyField("models.Person", related_name="albums_created", null=True,
                                   on_delete=fields.SET_NULL)
    created_at: datetime = fields.DatetimeField()
    expires_at: datetime = fields.DatetimeField(db_index=True)

    class Meta:
        table = "gallery_album"


class Photo(Model):
    """One photo of an album: the stored original, display and thumbnail files, a caption and whether it is shown."""

    id = fields.IntField(primary_key=True)
    album_id: int
    album = fields.ForeignKeyField("models.Album", related_name="photos")
    original_file = fields.CharField(max_length=80)
    display_file = fields.CharField(max_length=80)
    thumb_file = fields.CharField(max_length=80)
    original_name = fields.CharField(max_length=200, default="")
    caption = fields.CharField(max_length=500, default="")
    width = fields.IntField(default=0)
    height = fields.IntField(default=0)
    uploaded_by_id: int | None
    uploaded_by = fields.ForeignKeyField("models.Person", related_name="photos_uploaded", null=True,
                                   on_delete=fields.SET_NULL)
    uploaded_at: datetime = fields.DatetimeField()
    # published, or held until staff confirm it (a child without photo consent may be in it)
    state = fields.CharField(max_length=20, default="published")
    held_reason = fields.CharField(max_length=200, default="")
    confirmed_by_id: int | None
    confirmed_by = fields.ForeignKeyField("models.Person", related_name="photos_confirmed", null=True,
                                   on_delete=fields.SET_NULL)
    confirmed_at: datetime | None = fields.DatetimeField(null=True)

    class Meta:
        table = "gallery_photo"


class PhotoTag(Model):
    """A child staff tagged in a photo (only with photo consent, and a withdrawn consent hides the photo at once)."""

    id = fields.IntField(primary_key=True)
    photo_id: int
    photo = fields.ForeignKeyField("models.Photo", related_name="tags")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="photo_tags")
    tagged_by_id: int | None
    tagged_by = fields.ForeignKeyField("models.Person", related_name="photo_tags_made", null=True,
                                   on_delete=fields.SET_NULL)
    tagged_at: datetime = fields.DatetimeField()

    class Meta:
        table = "gallery_photo_tag"
        unique_together = (("photo_id", "child_id"),)
