"""Remembering a guardian's device, renewing an idle session from it at level 2, forgetting it, logging out everywhere.

The cookie holds "<id>.<secret>"; only SHA-256 of the secret is stored, so a copy of the database opens nothing, and
a cookie whose secret does not match is refused (and audited). A device session is never more than level 2.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from domain.audit import service as audit
from domain.clock import today_local
from domain.devices.model import (
    DEVICE_LEVEL,
    DEVICE_LIFETIME,
    DeviceCheck,
    DeviceKey,
    RememberedDeviceView,
    SessionsEnded,
    device_label,
    may_remember,
    secret_hash,
)
from domain.errors import NotFound
from domain.events import committing
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.identity.service import SessionGrant
from persistence.db import transaction
from persistence.devices import DevicePasskey, RememberedDevice, SessionCutoff
from persistence.identity import UserAccount


async def do_remember_device(grant: SessionGrant, *, shared_device: bool, user_agent: str, now: datetime,
                             client_address: str = "") -> DeviceKey | None:
    """Remember this browser for the person who just logged in, when they may (a guardian on a personal device)."""
    if not may_remember(frozenset(grant.roles), shared_device):
        await audit.record("device.remember", audit.REFUSED, concerned_person_id=grant.person_id,
                           detail="shared_device" if shared_device else "role", client_address=client_address)
        return None
    secret = DeviceKey.new_secret()
    row = await RememberedDevice.create(
        person_id=grant.person_id, secret_hash=secret_hash(secret), label=device_label(user_agent)[:100],
        created_at=now, last_used_at=now, expires_at=now + DEVICE_LIFETIME)
    await audit.record("device.remember", audit.ALLOWED, concerned_person_id=grant.person_id,
                       detail=f"device={row.id}", client_address=client_address)
    return DeviceKey(row.id, secret)


async def check_device(cookie: object, user_agent: str, now: datetime, client_address: str = "") -> DeviceCheck | None:
    """The remembered device a cookie names, if it is valid: its secret matches, not revoked, not expired."""
    key = DeviceKey.parse(cookie)
    if key is None:
        return None
    row = await RememberedDevice.get_or_none(id=key.device_id)
    if row is None or not secrets.compare_digest(row.secret_hash, secret_hash(key.secret)):
        await audit.record("device.renew", audit.REFUSED, detail="secret_mismatch", client_address=client_address,
                           concerned_person_id=row.person_id if row else None)
        return None
    if row.revoked_at is not None or row.expires_at <= now:
        return None
    if row.label != device_label(user_agent)[:100]:  # the cookie moved to another browser or system
        await audit.record("device.renew", audit.REFUSED, detail=f"device={row.id} other_browser",
                           concerned_person_id=row.person_id, client_address=client_address)
        return None
    has_passkey = await DevicePasskey.filter(device_id=row.id).exists()
    return DeviceCheck(row.id, row.person_id, has_passkey)


async def do_renew_session(device: DeviceCheck, *, now: datetime, client_address: str = "") -> SessionGrant | None:
    """A level-2 session for the device's person; None (and the device forgotten) if they may no longer have one."""
    facts = await load_person_facts(device.person_id, today_local(now))
    account = await UserAccount.get_or_none(person_id=device.person_id, active=True)
    if facts is None or account is None or not may_remember(facts.roles, False):
        await RememberedDevice.filter(id=device.device_id, revoked_at=None).update(revoked_at=now)
        await audit.record("device.renew", audit.REFUSED, concerned_person_id=device.person_id,
                           detail=f"device={device.device_id} no_longer_allowed", client_address=client_address)
        return None
    await RememberedDevice.filter(id=device.device_id).update(last_used_at=now)
    await audit.record("device.renew", audit.ALLOWED, concerned_person_id=device.person_id,
                       detail=f"device={device.device_id} acr={DEVICE_LEVEL}", client_address=client_address)
    roles = tuple(r for r in Role if r in facts.roles)
    return SessionGrant(account.id, device.person_id, facts.name, roles, Role.PARENT, DEVICE_LEVEL)


async def remembered_devices(actor: Actor, this_device_id: int | None, now: datetime) -> list[RememberedDeviceView]:
    """The person's own remembered devices that still count, newest use first."""
    rows = await RememberedDevice.filter(person_id=actor.person_id, revoked_at=None, expires_at__gt=now
                                         ).order_by("-last_used_at", "-id")
    with_passkey = set(await DevicePasskey.filter(device_id__in=[r.id for r in rows]).values_list(
        "device_id", flat=True)) if rows else set()
    return [RememberedDeviceView(r.id, r.label, r.created_at, r.last_used_at, r.expires_at, r.id in with_passkey,
                                 r.id == this_device_id) for r in rows]


async def do_forget_device(actor: Actor, device_id: int, now: datetime) -> None:
    """"Glem denne enhed": the device's cookie opens nothing any more (only the person's own devices)."""
    async with transaction():
        done = await RememberedDevice.filter(id=device_id, person_id=actor.person_id, revoked_at=None
                                             ).update(revoked_at=now)
        if not done:
            raise NotFound("device.not_found")
        await DevicePasskey.filter(device_id=device_id).delete()
    await audit.record("device.forget", audit.ALLOWED, actor=actor, concerned_person_id=actor.person_id,
                       detail=f"device={device_id}")


async def do_log_out_everywhere(actor: Actor, now: datetime) -> int:
    """"Log ud på alle enheder": every remembered device forgotten and every session begun before now ended."""
    async with committing(transaction) as outbox:
        outbox.add(SessionsEnded(actor.person_id))
        ids = await RememberedDevice.filter(person_id=actor.person_id, revoked_at=None).values_list("id", flat=True)
        await RememberedDevice.filter(id__in=list(ids)).update(revoked_at=now)
        await DevicePasskey.filter(person_id=actor.person_id).delete()
        updated = await SessionCutoff.filter(person_id=actor.person_id).update(at=now)
        if not updated:
            await SessionCutoff.create(person_id=actor.person_id, at=now)
    await audit.record("device.logout_everywhere", audit.ALLOWED, actor=actor, concerned_person_id=actor.person_id,
                       detail=f"devices={len(ids)}")
    return len(ids)


async def session_cut_off(person_id: int, login_at: datetime) -> bool:
    """Whether a session that began at `login_at` was ended by "Log ud på alle enheder" since."""
    return await SessionCutoff.filter(person_id=person_id, at__gte=login_at).exists()


async def do_forget_on_logout(device: DeviceCheck, person_id: object, now: datetime, client_address: str = "") -> None:
    """"Log ud" on a remembered device forgets it too (only when the device is the logged-out person's own)."""
    if device.person_id != person_id:
        return
    async with transaction():
        await RememberedDevice.filter(id=device.device_id, revoked_at=None).update(revoked_at=now)
        await DevicePasskey.filter(device_id=device.device_id).delete()
    await audit.record("device.forget", audit.ALLOWED, concerned_person_id=device.person_id,
                       detail=f"device={device.device_id} logout", client_address=client_address)
