"""Remembered devices (a guardian's own phone staying signed in), their passkeys, and "log out everywhere"."""

from __future__ import annotations

from datetime import datetime

from tortoise import fields
from tortoise.models import Model


class RememberedDevice(Model):
    """A browser a guardian chose to remember: only the hash of the secret in its cookie is kept."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="remembered_devices")
    secret_hash = fields.CharField(max_length=64)  # SHA-256 hex of the cookie's random secret
    label = fields.CharField(max_length=100, default="")  # "Chrome på Android", from the user agent
    created_at: datetime = fields.DatetimeField()
    last_used_at: datetime = fields.DatetimeField()
    expires_at: datetime = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "remembered_device"


class DevicePasskey(Model):
    """A passkey (WebAuthn credential) that unlocks one remembered device after its idle time."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="device_passkeys")
    device_id: int
    device = fields.ForeignKeyField("models.RememberedDevice", related_name="passkeys")
    credential_id = fields.CharField(max_length=400, unique=True)  # base64url
    public_key = fields.TextField()  # COSE key, base64url
    sign_count = fields.BigIntField(default=0)
    created_at: datetime = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "device_passkey"


class SessionCutoff(Model):
    """"Log ud på alle enheder": every session of the person that began before `at` has ended."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.OneToOneField("models.Person", related_name="session_cutoff")
    at: datetime = fields.DatetimeField()

    class Meta:
        table = "session_cutoff"
