"""Passkeys (WebAuthn) that unlock a remembered device: registration and the unlock assertion, checked server-side.

The relying party is Sammen's public address: its host is the rp id and its origin the only accepted origin. Each
ceremony's challenge is used once; a credential unlocks only the device it was registered on; the signature counter
must move on, so a replayed assertion is refused.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from domain.audit import service as audit
from domain.devices.model import DeviceCheck
from domain.errors import DomainError
from persistence.devices import DevicePasskey

log = logging.getLogger(__name__)
RP_NAME = "Sammen"


class PasskeyRefused(DomainError):
    """A passkey ceremony Sammen refuses; the key names why (replayed, foreign, invalid, no_device)."""


@dataclass(frozen=True)
class RelyingParty:
    """Who the passkeys are for: the rp id (the public host) and the one origin accepted."""

    rp_id: str
    origin: str

    @staticmethod
    def of(public_url: str) -> RelyingParty:
        """From the app's public URL ("https://sammen.kommune.dk" -> rp id "sammen.kommune.dk")."""
        parts = urlsplit(public_url)
        return RelyingParty(parts.hostname or "localhost", f"{parts.scheme}://{parts.netloc}")


def registration_options(rp: RelyingParty, device: DeviceCheck, person_name: str) -> tuple[str, bytes]:
    """The options for navigator.credentials.create (JSON) and the challenge to remember for this one ceremony."""
    challenge = secrets.token_bytes(32)
    options = generate_registration_options(
        rp_id=rp.rp_id, rp_name=RP_NAME, user_name=person_name, user_display_name=person_name,
        user_id=f"sammen-person-{device.person_id}".encode(), challenge=challenge,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED, user_verification=UserVerificationRequirement.REQUIRED))
    return options_to_json(options), challenge


async def do_register_passkey(rp: RelyingParty, device: DeviceCheck, credential: str, challenge: bytes | None,
                              now: datetime) -> None:
    """Check the new credential (challenge, origin, rp id, user verification) and keep its public key."""
    if challenge is None:
        raise PasskeyRefused("device.passkey.replayed")
    try:
        verified = verify_registration_response(credential=credential, expected_challenge=challenge,
                                                expected_rp_id=rp.rp_id, expected_origin=rp.origin,
                                                require_user_verification=True)
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        log.info("passkey registration refused: %s", type(error).__name__)
        await audit.record("device.passkey", audit.REFUSED, concerned_person_id=device.person_id,
                           detail=f"device={device.device_id} register:{type(error).__name__}"[:120])
        raise PasskeyRefused("device.passkey.invalid") from error
    await DevicePasskey.create(person_id=device.person_id, device_id=device.device_id,
                               credential_id=bytes_to_base64url(verified.credential_id),
                               public_key=bytes_to_base64url(verified.credential_public_key),
                               sign_count=verified.sign_count, created_at=now)
    await audit.record("device.passkey", audit.ALLOWED, concerned_person_id=device.person_id,
                       detail=f"device={device.device_id} registered")


async def unlock_options(rp: RelyingParty, device: DeviceCheck) -> tuple[str, bytes]:
    """The options for navigator.credentials.get, naming only this device's passkeys, and the challenge."""
    ids = await DevicePasskey.filter(device_id=device.device_id).values_list("credential_id", flat=True)
    challenge = secrets.token_bytes(32)
    options = generate_authentication_options(
        rp_id=rp.rp_id, challenge=challenge, user_verification=UserVerificationRequirement.REQUIRED,
        allow_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(str(i))) for i in ids])
    return options_to_json(options), challenge


def _challenge_of(credential: str) -> bytes | None:
    """The challenge the authenticator signed, read from its clientDataJSON (to tell a replay from a forgery)."""
    try:
        client_data = json.loads(base64url_to_bytes(json.loads(credential)["response"]["clientDataJSON"]))
        return base64url_to_bytes(str(client_data["challenge"]))
    except (ValueError, KeyError, TypeError):
        return None


async def do_unlock(rp: RelyingParty, device: DeviceCheck, credential: str, challenge: bytes | None,
                    now: datetime) -> None:
    """Check an unlock assertion for this device; raises PasskeyRefused with a clear reason."""
    try:
        raw_id = str(json.loads(credential)["rawId"])
    except (ValueError, KeyError, TypeError) as error:
        raise PasskeyRefused("device.passkey.invalid") from error
    passkey = await DevicePasskey.get_or_none(credential_id=raw_id)
    reason = ("device.passkey.foreign" if passkey is None or passkey.device_id != device.device_id else
              "device.passkey.replayed" if challenge is None or _challenge_of(credential) != challenge else "")
    if passkey is not None and not reason:
        try:
            verified = verify_authentication_response(
                credential=credential, expected_challenge=challenge or b"", expected_rp_id=rp.rp_id,
                expected_origin=rp.origin, credential_public_key=base64url_to_bytes(passkey.public_key),
                credential_current_sign_count=passkey.sign_count, require_user_verification=True)
        except (WebAuthnException, ValueError, KeyError, TypeError) as error:
            log.info("passkey unlock refused: %s", type(error).__name__)
            reason = "device.passkey.replayed" if "sign count" in str(error).lower() else "device.passkey.invalid"
        else:
            await DevicePasskey.filter(id=passkey.id).update(sign_count=verified.new_sign_count, last_used_at=now)
            await audit.record("device.unlock", audit.ALLOWED, concerned_person_id=device.person_id,
                               detail=f"device={device.device_id} passkey")
            return
    await audit.record("device.unlock", audit.REFUSED, concerned_person_id=device.person_id,
                       detail=f"device={device.device_id} {reason}")
    raise PasskeyRefused(reason)
