"""Tables for user accounts and their login identifiers."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class UserAccount(Model):
    """A login for one person, keyed by the subject the identity provider gives them."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.OneToOneField("models.Person", related_name="account")
    oidc_subject = fields.CharField(max_length=200, unique=True)
    username = fields.CharField(max_length=80, default="")
    active = fields.BooleanField(default=True)
    demo_label = fields.CharField(max_length=120, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "user_account"


class LoginRecord(Model):
    """One successful login, for adoption figures (who logged in, when, at which level)."""

    id = fields.IntField(primary_key=True)
    account_id: int
    account = fields.ForeignKeyField("models.UserAccount", related_name="logins")
    at = fields.DatetimeField()
    acr = fields.CharField(max_length=4)

    class Meta:
        table = "login_record"
