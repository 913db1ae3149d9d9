"""Remembered devices: only a guardian on a personal device; level 2 only; 90 days; forgotten; a forged cookie fails."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.devices.model import DeviceKey, device_label, may_remember
from domain.devices.service import (
    check_device,
    do_forget_device,
    do_log_out_everywhere,
    do_remember_device,
    do_renew_session,
    remembered_devices,
    session_cut_off,
)
from domain.errors import NotFound
from domain.identity.model import Role
from domain.identity.service import SessionGrant, do_login
from persistence.audit import AuditEntry
from persistence.devices import RememberedDevice
from tests.clocks import TestClock
from tests.messages_world import MessagesWorld, build_messages_world

PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36")
LAPTOP_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _remembered(subject: str, clock: TestClock, *, shared: bool = False) -> tuple[SessionGrant, DeviceKey | None]:
    grant = await do_login(subject, "3", now=clock.advance(seconds=0))
    return grant, await do_remember_device(grant, shared_device=shared, user_agent=PHONE_UA, now=clock.advance())


def test_only_a_guardian_alone_on_a_personal_device_may_be_remembered() -> None:
    assert may_remember({Role.PARENT}, shared_device=False)
    assert not may_remember({Role.PARENT}, shared_device=True)
    assert not may_remember({Role.PARENT, Role.STAFF}, shared_device=False)
    assert not may_remember({Role.STAFF}, shared_device=False)
    assert device_label(PHONE_UA) == "Chrome · Android"
    assert device_label(LAPTOP_UA) == "Firefox · Windows"


async def test_a_guardian_on_a_personal_device_is_remembered_with_only_a_hash_stored(
        mw: MessagesWorld, clock: TestClock) -> None:
    _, key = await _remembered("t-guardian", clock)
    assert key is not None
    row = await RememberedDevice.get(id=key.device_id)
    assert key.secret not in row.secret_hash and len(row.secret_hash) == 64
    assert row.expires_at == row.created_at + timedelta(days=90)
    assert row.label == "Chrome · Android"
    assert await AuditEntry.filter(action="device.remember", outcome="allowed",
                                   concerned_person_id=mw.guardian.person_id).exists()


async def test_staff_and_a_shared_device_are_not_remembered(mw: MessagesWorld, clock: TestClock) -> None:
    assert (await _remembered("t-teacher", clock))[1] is None
    assert (await _remembered("t-guardian", clock, shared=True))[1] is None
    assert await RememberedDevice.all().count() == 0
    assert await AuditEntry.filter(action="device.remember", outcome="refused").count() == 2


async def test_a_renewed_session_is_level_2_even_after_a_level_3_login(mw: MessagesWorld, clock: TestClock) -> None:
    grant, key = await _remembered("t-guardian", clock)
    assert grant.acr == "3" and key is not None
    later = clock.advance(minutes=45)
    device = await check_device(key.cookie_value, PHONE_UA, later)
    assert device is not None and device.person_id == mw.guardian.person_id and not device.has_passkey
    renewed = await do_renew_session(device, now=later)
    assert renewed is not None
    assert (renewed.person_id, renewed.acr, renewed.role) == (mw.guardian.person_id, "2", Role.PARENT)
    assert (await RememberedDevice.get(id=key.device_id)).last_used_at == later


async def test_a_device_lasts_90_days_and_not_a_second_more(mw: MessagesWorld, clock: TestClock) -> None:
    _, key = await _remembered("t-guardian", clock)
    assert key is not None
    assert await check_device(key.cookie_value, PHONE_UA, clock.advance(days=89, hours=23)) is not None
    assert await check_device(key.cookie_value, PHONE_UA, clock.advance(hours=1)) is None


async def test_a_cookie_whose_secret_does_not_match_is_refused_and_audited(mw: MessagesWorld, clock: TestClock) -> None:
    _, key = await _remembered("t-guardian", clock)
    assert key is not None
    forged = DeviceKey(key.device_id, DeviceKey.new_secret()).cookie_value
    assert await check_device(forged, PHONE_UA, clock.advance(minutes=40)) is None
    assert await check_device("not a cookie", PHONE_UA, clock.advance()) is None
    assert await check_device(f"{key.device_id + 99}.{key.secret}", PHONE_UA, clock.advance()) is None
    assert await AuditEntry.filter(action="device.renew", outcome="refused", detail="secret_mismatch").count() == 2
    assert await check_device(key.cookie_value, LAPTOP_UA, clock.advance()) is None  # copied to another browser
    assert await check_device(key.cookie_value, PHONE_UA, clock.advance()) is not None


async def test_glem_forgets_only_ones_own_device(mw: MessagesWorld, clock: TestClock) -> None:
    _, key = await _remembered("t-guardian", clock)
    assert key is not None
    with pytest.raises(NotFound):
        await do_forget_device(mw.other_guardian, key.device_id, clock.advance())
    assert [d.this_device for d in await remembered_devices(mw.guardian, key.device_id, clock.advance())] == [True]
    await do_forget_device(mw.guardian, key.device_id, clock.advance())
    assert await check_device(key.cookie_value, PHONE_UA, clock.advance()) is None
    assert await remembered_devices(mw.guardian, key.device_id, clock.advance()) == []
    assert await AuditEntry.filter(action="device.forget", concerned_person_id=mw.guardian.person_id).exists()


async def test_log_out_everywhere_forgets_every_device_and_ends_earlier_sessions(
        mw: MessagesWorld, clock: TestClock) -> None:
    _, phone = await _remembered("t-guardian", clock)
    _, tablet = await _remembered("t-guardian", clock)
    assert phone is not None and tablet is not None
    login_at = clock.advance(minutes=1)
    assert not await session_cut_off(mw.guardian.person_id, login_at)
    assert await do_log_out_everywhere(mw.guardian, clock.advance(minutes=1)) == 2
    assert await session_cut_off(mw.guardian.person_id, login_at)
    assert not await session_cut_off(mw.guardian.person_id, clock.advance(minutes=1))  # a later login stands
    for key in (phone, tablet):
        assert await check_device(key.cookie_value, PHONE_UA, clock.advance()) is None
    assert await AuditEntry.filter(action="device.logout_everywhere").count() == 1


async def test_a_guardian_who_becomes_staff_is_no_longer_renewed(mw: MessagesWorld, clock: TestClock) -> None:
    from datetime import date

    from domain.identity.model import StaffRole
    from persistence.people import Employment

    _, key = await _remembered("t-guardian", clock)
    assert key is not None
    await Employment.create(person_id=mw.guardian.person_id, institution=mw.w.school, role=StaffRole.PAEDAGOG,
                            start=date(2020, 1, 1))
    device = await check_device(key.cookie_value, PHONE_UA, clock.advance(minutes=40))
    assert device is not None
    assert await do_renew_session(device, now=clock.advance()) is None
    assert await check_device(key.cookie_value, PHONE_UA, clock.advance()) is None
