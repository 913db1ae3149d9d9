"""Limits on the wall screen, which needs no login: new pairing codes per address, and wrong PINs per child."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NoReturn

from domain.audit import service as audit
from domain.clock import COPENHAGEN
from domain.errors import DomainError
from domain.limits import Limit, Verdict, address_key, limiter
from persistence.presence import WallScreen

# A screen asks for one code per quarter of an hour while it waits; a school setting up a row of them behind one
# address needs a few more, a script asking for hundreds needs none.
PAIRING_PER_ADDRESS = Limit("kiosk_pairing", 20, timedelta(minutes=15))
LIVE_CODES_MAX = 200  # unpaired codes alive at once, whoever asked: the table cannot be filled from many addresses
# Four digits: five wrong guesses per child per screen, and twenty per screen for all its children, every 15 minutes.
PIN_PER_CHILD = Limit("kiosk_pin_child", 5, timedelta(minutes=15))
PIN_PER_SCREEN = Limit("kiosk_pin_screen", 20, timedelta(minutes=15))


def _until(verdict: Verdict, now: datetime) -> datetime:
    return (verdict.retry_at or now).astimezone(COPENHAGEN)


async def check_pairing(address: str, *, now: datetime) -> None:
    """Refuse a new code to an address that asked for too many, or while too many codes wait to be paired."""
    verdict = await limiter.hit(PAIRING_PER_ADDRESS, address_key(address), now=now)
    if not verdict.allowed:
        if await limiter.first_refusal(PAIRING_PER_ADDRESS, address_key(address), verdict, now=now):
            await audit.record("kiosk.pairing_limited", audit.REFUSED, client_address=address,
                               detail=f"more than {PAIRING_PER_ADDRESS.count} codes in 15 minutes")
        raise DomainError("kiosk.error.too_many_codes", until=_until(verdict, now))
    if await WallScreen.filter(paired_at__isnull=True, code_expires_at__gt=now).count() >= LIVE_CODES_MAX:
        raise DomainError("kiosk.error.codes_full")


def _pin_keys(wall_screen_id: int, child_id: int) -> tuple[tuple[Limit, str], ...]:
    return (PIN_PER_CHILD, f"{wall_screen_id}:{child_id}"), (PIN_PER_SCREEN, str(wall_screen_id))


async def check_pin_allowed(wall_screen_id: int, child_id: int, *, now: datetime) -> None:
    """Refuse a PIN while the child (or the whole screen) is locked out, before the PIN is even hashed."""
    for limit, key in _pin_keys(wall_screen_id, child_id):
        verdict = await limiter.check(limit, key, now=now)
        if not verdict.allowed:
            raise DomainError("kiosk.error.pin_locked", until=_until(verdict, now))


async def note_wrong_pin(wall_screen_id: int, child_id: int, *, now: datetime) -> NoReturn:
    """Count a wrong PIN against the child and the screen; the guess that uses the last try locks out, audited once."""
    until: datetime | None = None
    for limit, key in _pin_keys(wall_screen_id, child_id):
        verdict = await limiter.hit(limit, key, now=now)
        if not verdict.locked:
            continue
        until = max(until or now, _until(verdict, now))
        if await limiter.first_refusal(limit, key, verdict, now=now):
            await audit.record("kiosk.pin_locked", audit.REFUSED, concerned_person_id=child_id,
                               detail=f"wall_screen:{wall_screen_id} {limit.name} until {verdict.retry_at:%H:%M} UTC")
    if until is not None:
        raise DomainError("kiosk.error.pin_locked", until=until)
    raise DomainError("kiosk.error.wrong_pin")
