"""A person's push devices (Web Push subscriptions): subscribe this browser, list one's own, remove one."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from domain.errors import DomainError, NotFound
from domain.identity.model import Actor
from persistence.notifications import NotificationDelivery, PushSubscription

MAX_ENDPOINT = 600  # the column's width; push services' addresses are far shorter
MAX_LABEL = 100
P256DH_BYTES = 65  # an uncompressed P-256 point (RFC 8291 §3.1): 0x04, x, y
AUTH_BYTES = 16  # the authentication secret (RFC 8291 §3.2)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class DeviceView:
    """One of the signed-in person's devices, as the profile lists it."""

    id: int
    label: str
    created_at: datetime
    last_used_at: datetime | None


def check_endpoint(endpoint: str, *, local_http: bool = False) -> str:
    """The push service's address if it is https (plain http to this machine only when `local_http`)."""
    value = endpoint.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        raise DomainError("push.error.endpoint") from None
    local = parts.scheme == "http" and local_http and (parts.hostname or "") in LOCAL_HOSTS
    if len(value) > MAX_ENDPOINT or not parts.hostname or not (parts.scheme == "https" or local) \
            or parts.username is not None or any(c.isspace() for c in value):
        raise DomainError("push.error.endpoint")
    return value


def check_key(value: str, size: int) -> str:
    """A base64url key that decodes to exactly `size` bytes (the P-256 key an uncompressed point), unpadded."""
    text = value.strip()
    if not text or len(text) > 2 * size or not all(c.isalnum() or c in "-_=" for c in text):
        raise DomainError("push.error.keys")
    try:
        raw = base64.urlsafe_b64decode(text.rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        raise DomainError("push.error.keys") from None
    if len(raw) != size or (size == P256DH_BYTES and raw[0] != 4):
        raise DomainError("push.error.keys")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


async def _stop_queued(device_ids: list[int], reason: str) -> None:
    """Push deliveries still waiting for these devices go nowhere: the device left or changed hands."""
    if device_ids:
        await NotificationDelivery.filter(channel="push", device_id__in=device_ids, sent_at__isnull=True,
                                          failed=False).update(failed=True, error=reason, claimed_at=None)


def _view(row: PushSubscription) -> DeviceView:
    return DeviceView(row.id, row.label, row.created_at, row.last_used_at)


async def do_subscribe(actor: Actor, endpoint: str, p256dh: str, auth: str, label: str, now: datetime, *,
                       local_http: bool = False) -> DeviceView:
    """Keep this browser's subscription for the signed-in person; the same endpoint held by anyone moves to them.

    A device that changes hands gets a new id and its queued pushes are dropped, so nothing meant for the person
    before reaches the one after.
    """
    clean_endpoint = check_endpoint(endpoint, local_http=local_http)
    key, secret = check_key(p256dh, P256DH_BYTES), check_key(auth, AUTH_BYTES)
    name = " ".join(label.split())[:MAX_LABEL]
    async with in_transaction():
        existing = await PushSubscription.filter(endpoint=clean_endpoint).select_for_update().first()
        if existing is not None and existing.person_id == actor.person_id:
            existing.p256dh, existing.auth, existing.label = key, secret, name or existing.label
            await existing.save(update_fields=["p256dh", "auth", "label"])
            return _view(existing)
        if existing is not None:
            await _stop_queued([existing.id], "device_moved")
            await existing.delete()
        row = await PushSubscription.create(person_id=actor.person_id, endpoint=clean_endpoint, p256dh=key,
                                            auth=secret, label=name, created_at=now)
    return _view(row)


async def list_devices(actor: Actor) -> list[DeviceView]:
    """The signed-in person's own devices, newest first."""
    rows = await PushSubscription.filter(person_id=actor.person_id).order_by("-created_at", "-id")
    return [_view(r) for r in rows]


async def do_remove_device(actor: Actor, device_id: int) -> None:
    """Remove one of the person's own devices (and what was queued for it); another's is not found."""
    async with in_transaction():
        removed = await PushSubscription.filter(id=device_id, person_id=actor.person_id).delete()
        if not removed:
            raise NotFound("push.error.not_found")
        await _stop_queued([device_id], "device_removed")


async def do_renew(old_endpoint: str, endpoint: str, p256dh: str, auth: str, *, local_http: bool = False) -> bool:
    """The browser replaced a device's subscription (pushsubscriptionchange): it keeps its person at the new address.

    Knowing the old address (only the browser, its push service and Sammen do) is what proves the device; a new
    address Sammen already holds is refused, so no one can take over another's device this way. False: nothing done.
    """
    clean = check_endpoint(endpoint, local_http=local_http)
    key, secret = check_key(p256dh, P256DH_BYTES), check_key(auth, AUTH_BYTES)
    async with in_transaction():
        row = await PushSubscription.filter(endpoint=old_endpoint.strip()).select_for_update().first()
        if row is None or (clean != row.endpoint and await PushSubscription.filter(endpoint=clean).exists()):
            return False
        row.endpoint, row.p256dh, row.auth = clean, key, secret
        await row.save(update_fields=["endpoint", "p256dh", "auth"])
    return True
