"""Passkeys of remembered devices, server side: the relying party from PUBLIC_URL, a foreign or replayed or
malformed assertion refused with its reason and audited (Chromium's virtual authenticator proves the good path)."""

from __future__ import annotations

import base64
import json

import pytest

from domain.devices.model import DeviceCheck
from domain.devices.passkeys import PasskeyRefused, RelyingParty, do_register_passkey, do_unlock, registration_options
from domain.devices.service import do_remember_device
from domain.identity.service import do_login
from persistence.audit import AuditEntry
from persistence.devices import DevicePasskey
from tests.clocks import TestClock
from tests.messages_world import MessagesWorld, build_messages_world

RP = RelyingParty.of("https://sammen.kommune.dk")
UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1"


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _device(clock: TestClock) -> DeviceCheck:
    grant = await do_login("t-guardian", "2", now=clock.advance())
    key = await do_remember_device(grant, shared_device=False, user_agent=UA, now=clock.advance())
    assert key is not None
    return DeviceCheck(key.device_id, grant.person_id, True)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _assertion(raw_id: str, challenge: bytes) -> str:
    client_data = json.dumps({"type": "webauthn.get", "challenge": _b64(challenge), "origin": RP.origin}).encode()
    return json.dumps({"id": raw_id, "rawId": raw_id, "type": "public-key", "response": {
        "clientDataJSON": _b64(client_data), "authenticatorData": _b64(b"\0" * 37), "signature": _b64(b"x")}})


def test_the_relying_party_is_the_public_address() -> None:
    assert RelyingParty("sammen.kommune.dk", "https://sammen.kommune.dk") == RP
    assert RelyingParty.of("http://localhost:8080") == RelyingParty("localhost", "http://localhost:8080")
    options, challenge = registration_options(RP, DeviceCheck(1, 2, False), "Mette")
    parsed = json.loads(options)
    assert parsed["rp"] == {"id": "sammen.kommune.dk", "name": "Sammen"}
    assert parsed["challenge"] == _b64(challenge)
    assert parsed["authenticatorSelection"]["userVerification"] == "required"


async def test_a_passkey_of_another_device_is_refused_as_foreign(mw: MessagesWorld, clock: TestClock) -> None:
    phone, tablet = await _device(clock), await _device(clock)
    await DevicePasskey.create(person_id=phone.person_id, device_id=phone.device_id, credential_id="cGhvbmU",
                               public_key="AA", created_at=clock.advance())
    with pytest.raises(PasskeyRefused) as refused:
        await do_unlock(RP, tablet, _assertion("cGhvbmU", b"c" * 32), b"c" * 32, clock.advance())
    assert refused.value.key == "device.passkey.foreign"
    with pytest.raises(PasskeyRefused) as unknown:
        await do_unlock(RP, tablet, _assertion("bm9ib2R5", b"c" * 32), b"c" * 32, clock.advance())
    assert unknown.value.key == "device.passkey.foreign"
    assert await AuditEntry.filter(action="device.unlock", outcome="refused").count() == 2


async def test_an_answer_to_a_used_or_other_challenge_is_refused_as_replayed(
        mw: MessagesWorld, clock: TestClock) -> None:
    phone = await _device(clock)
    await DevicePasskey.create(person_id=phone.person_id, device_id=phone.device_id, credential_id="cGhvbmU",
                               public_key="AA", created_at=clock.advance())
    for held in (None, b"d" * 32):  # the challenge was taken already, or another one is waiting
        with pytest.raises(PasskeyRefused) as refused:
            await do_unlock(RP, phone, _assertion("cGhvbmU", b"c" * 32), held, clock.advance())
        assert refused.value.key == "device.passkey.replayed"


async def test_a_forged_signature_or_malformed_answer_is_refused_as_invalid(
        mw: MessagesWorld, clock: TestClock) -> None:
    phone = await _device(clock)
    await DevicePasskey.create(person_id=phone.person_id, device_id=phone.device_id, credential_id="cGhvbmU",
                               public_key="AA", created_at=clock.advance())
    with pytest.raises(PasskeyRefused) as forged:
        await do_unlock(RP, phone, _assertion("cGhvbmU", b"c" * 32), b"c" * 32, clock.advance())
    assert forged.value.key == "device.passkey.invalid"
    for garbage in ("{}", "not json", json.dumps({"rawId": 5})):
        with pytest.raises(PasskeyRefused):
            await do_unlock(RP, phone, garbage, b"c" * 32, clock.advance())
    with pytest.raises(PasskeyRefused) as registration:
        await do_register_passkey(RP, phone, "{}", b"c" * 32, clock.advance())
    assert registration.value.key == "device.passkey.invalid"
    with pytest.raises(PasskeyRefused) as reused:
        await do_register_passkey(RP, phone, "{}", None, clock.advance())
    assert reused.value.key == "device.passkey.replayed"
