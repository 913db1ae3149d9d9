"""Tables for widgets: enablement, personal layouts, suppliers' widgets and their tokens, and widget content."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class WidgetSetting(Model):
    """Whether a widget is switched on for one role at one institution (no row means on)."""

    id = fields.IntField(primary_key=True)
    widget_key = fields.CharField(max_length=60)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="widget_settings")
    role = fields.CharField(max_length=20)
    enabled = fields.BooleanField(default=True)

    class Meta:
        table = "widget_setting"
        unique_together = (("widget_key", "institution_id", "role"),)


class WidgetLayout(Model):
    """The own order of widgets of a person and the ones they hid, per role."""

    id = fields.IntField(primary_key=True)
    person_id = fields.IntField()
    role = fields.CharField(max_length=20)
    order = fields.JSONField(default=list)
    hidden = fields.JSONField(default=list)

    class Meta:
        table = "widget_layout"
        unique_together = (("person_id", "role"),)


class ExternalWidget(Model):
    """A supplier widget registered by the admin, shown in a sandboxed frame with a signed token."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120)
    supplier = fields.CharField(max_length=120)
    url = fields.CharField(max_length=500)
    placement = fields.CharField(max_length=10)
    roles = fields.JSONField(default=list)
    mobile = fields.BooleanField(default=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "external_widget"


class ExternalWidgetInstitution(Model):
    """An institution where a supplier widget may be shown."""

    id = fields.IntField(primary_key=True)
    widget_id: int
    widget = fields.ForeignKeyField("models.ExternalWidget", related_name="institutions")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="external_widgets")

    class Meta:
        table = "external_widget_institution"
        unique_together = (("widget_id", "institution_id"),)


class WidgetTokenRecord(Model):
    """A token Sammen gave a supplier widget: to whom, when, and which kinds of data it carried."""

    id = fields.IntField(primary_key=True)
    widget_id: int
    widget = fields.ForeignKeyField("models.ExternalWidget", related_name="tokens")
    person_id = fields.IntField(db_index=True)
    at = fields.DatetimeField()
    role = fields.CharField(max_length=20)
    claims = fields.JSONField(default=list)
    children = fields.IntField(default=0)

    class Meta:
        table = "widget_token_record"


class WeekPlan(Model):
    """The weekly plan (ugeplan) a teacher or pedagogue writes for a group."""

    id = fields.IntField(primary_key=True)
    group_id: int
    group = fields.ForeignKeyField("models.Group", related_name="week_plans")
    year = fields.IntField()
    week = fields.IntField()
    text = fields.TextField()
    author_id = fields.IntField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "week_plan"
        unique_together = (("group_id", "year", "week"),)


class MenuPlan(Model):
    """The menu (madplan) of an institution for one week, one text per weekday."""

    id = fields.IntField(primary_key=True)
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="menu_plans")
    year = fields.IntField()
    week = fields.IntField()
    days = fields.JSONField(default=list)
    author_id = fields.IntField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "menu_plan"
        unique_together = (("institution_id", "year", "week"),)


class WidgetLink(Model):
    """A link the admin sets for the Links widget, for some roles, everywhere or at one institution."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=120)
    url = fields.CharField(max_length=500)
    roles = fields.JSONField(default=list)
    institution_id: int | None
    institution = fields.ForeignKeyField("models.Institution", related_name="widget_links", null=True)
    position = fields.IntField(default=0)

    class Meta:
        table = "widget_link"
