"""The wall screen: pairing a device by code, its long-lived token, revocation, and the children's own taps."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.contacts.service import sharing_of
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.gdpr.consents import has_photo_consent
from domain.gdpr.photos import servable
from domain.identity.model import Actor
from domain.ids import parse_id
from domain.organisation.children import child_facts
from domain.presence.board import Board, board_rows
from domain.presence.kiosk_limits import check_pairing, check_pin_allowed, note_wrong_pin
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status, Tile, WallScreenChanged
from domain.presence.service import Device, Done, do_action
from domain.presence.tiles import load_settings, planned_pickup, plans_for
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.people import Custody
from persistence.presence import KioskPin, WallScreen
from persistence.queries import active_on

CODE_MINUTES = 15
PIN_ITERATIONS = 50_000


@dataclass(frozen=True)
class PairingRequest:
    """What a fresh device shows (the code) and keeps (the token, useless until a leader confirms)."""

    wall_screen_id: int
    code: str
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class ScreenView:
    """A wall screen as the leader's list shows it."""

    id: int
    name: str
    paired_at: datetime | None
    revoked_at: datetime | None
    last_seen_at: datetime | None


@dataclass(frozen=True)
class ScreenPickup:
    """Who picks a child up today, as the hallway may see it: a first name (or "Farmor") and maybe a picture."""

    name: str
    picture_url: str = ""  # the guardian's own picture, only when they share it; never a phone or an e-mail


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def do_request_pairing(*, now: datetime, address: str = "") -> PairingRequest:
    """A new unpaired device: a six-digit code to show and a secret token the device keeps (within the limits)."""
    await check_pairing(address, now=now)
    secret = secrets.token_urlsafe(32)
    # Codes nobody confirmed are useless after they expire; drop them so anonymous visits leave no trail.
    await WallScreen.filter(paired_at__isnull=True, code_expires_at__lt=now - timedelta(hours=1)).delete()
    for _ in range(5):
        code = f"{secrets.randbelow(1_000_000):06d}"
        if not await WallScreen.exists(pairing_code=code, code_expires_at__gt=now):
            break
    screen = await WallScreen.create(pairing_code=code, code_expires_at=now + timedelta(minutes=CODE_MINUTES),
                                     secret_hash=_hash(secret), created_at=now)
    return PairingRequest(screen.id, code, f"{screen.id}.{secret}", now + timedelta(minutes=CODE_MINUTES))


async def do_pair(actor: Actor, institution_id: int, code: str, name: str, *, now: datetime) -> int:
    """A leader confirms the code a device shows; the device becomes this institution's wall screen."""
    check_typed_text(code, name)
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "pair_wall_screen")
    code, name = code.strip().replace(" ", ""), name.strip()
    if not name:
        raise DomainError("kiosk.error.name_required")
    screen = await WallScreen.filter(pairing_code=code, paired_at__isnull=True, code_expires_at__gt=now).first()
    if screen is None:
        raise DomainError("kiosk.error.bad_code")
    async with committing(transaction) as outbox:
        await WallScreen.filter(id=screen.id).update(institution_id=institution_id, name=name[:120], paired_at=now,
                                                     paired_by_id=actor.person_id, pairing_code=None)
        outbox.add(WallScreenChanged(screen.id, institution_id, paired=True, revoked=False))
    await audit.record("pair_wall_screen", audit.ALLOWED, actor=actor, detail=f"wall_screen:{screen.id}")
    return screen.id


async def do_revoke(actor: Actor, wall_screen_id: int, *, now: datetime) -> None:
    """Revoke a wall screen: its token stops working at once and its page goes blank."""
    screen = await WallScreen.get_or_none(id=wall_screen_id)
    if screen is None or screen.institution_id is None:
        raise DomainError("error.not_found")
    await audit.check(access.can_administer_institution(actor, screen.institution_id), actor, "revoke_wall_screen")
    async with committing(transaction) as outbox:
        await WallScreen.filter(id=screen.id).update(revoked_at=now)
        outbox.add(WallScreenChanged(screen.id, screen.institution_id, paired=False, revoked=True))


async def screens(actor: Actor, institution_id: int) -> list[ScreenView]:
    """The institution's wall screens, newest first."""
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "view_wall_screens")
    rows = await WallScreen.filter(institution_id=institution_id).order_by("-paired_at")
    return [ScreenView(r.id, r.name, r.paired_at, r.revoked_at, r.last_seen_at) for r in rows]


async def device_for(token: str, *, now: datetime | None = None) -> Device:
    """The paired, unrevoked screen a token belongs to (one query), or a refusal."""
    screen_id, _, secret = token.partition(".")
    if parse_id(screen_id) is None or not secret:
        raise DomainError("kiosk.error.not_paired")
    screen = await WallScreen.get_or_none(id=int(screen_id))
    if screen is None or not hmac.compare_digest(screen.secret_hash, _hash(secret)):
        raise DomainError("kiosk.error.not_paired")
    if screen.revoked_at is not None:
        raise DomainError("kiosk.error.revoked")
    if screen.paired_at is None or screen.institution_id is None:
        raise DomainError("kiosk.error.not_paired")
    return Device(screen.id, screen.institution_id, screen.name)


async def pending_code(token: str, *, now: datetime) -> str | None:
    """The code an unpaired device should still show, or None when it expired (ask for a new one)."""
    screen_id, _, secret = token.partition(".")
    if parse_id(screen_id) is None:
        return None
    screen = await WallScreen.get_or_none(id=int(screen_id), paired_at__isnull=True, revoked_at__isnull=True)
    if screen is None or not hmac.compare_digest(screen.secret_hash, _hash(secret)):
        return None
    if screen.code_expires_at is None or screen.code_expires_at <= now:
        return None
    return screen.pairing_code


# On the wall screen, which anyone in the hall can read, a child is only here or not here: sick, on vacation,
# asleep or picked up all look alike. A place the child itself chose on the screen (Legepladsen) is kept: it is
# how the child taps its way back.
WALL_STATUS = {Status.PRESENT: Status.PRESENT, Status.SLEEPING: Status.PRESENT, Status.ON_TRIP: Status.PRESENT,
               Status.AT_LOCATION: Status.AT_LOCATION, Status.NOT_ARRIVED: Status.NOT_ARRIVED,
               Status.PICKED_UP: Status.NOT_ARRIVED, Status.SICK: Status.NOT_ARRIVED,
               Status.VACATION: Status.NOT_ARRIVED, Status.SICK_HERE: Status.PRESENT}


def wall_tile(tile: Tile) -> Tile:
    """What the wall screen may show of a child: name, photo, group and present or not; no times, pickups or notes."""
    state = WALL_STATUS[tile.state]
    return Tile(tile.child_id, tile.institution_id, tile.day, tile.first_name, tile.initials, tile.photo_url,
                tile.group_id, tile.group_name, state.value,
                location=tile.location if state is Status.AT_LOCATION else "", version=tile.version)


def wall_tile_of(event: PresenceChanged) -> Tile:
    """A change another device made, as the wall screen may show it."""
    return wall_tile(Tile.from_wire(event.tile))


async def kiosk_board(token: str, day: date, *, now: datetime) -> Board:
    """The wall screen's view of its institution's day: each child present or not, and nothing about staff."""
    device = await device_for(token, now=now)
    await WallScreen.filter(id=device.wall_screen_id).update(last_seen_at=now)
    board = await board_rows(await load_settings(device.institution_id), day)
    return replace(board, tiles={cid: wall_tile(tile) for cid, tile in board.tiles.items()}, staff={})


def _pin_hash(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), PIN_ITERATIONS).hex()


async def do_set_pin(actor: Actor, child_id: int, pin: str) -> None:
    """A guardian sets the child's four-digit wall-screen PIN (an empty PIN removes it)."""
    check_typed_text(pin)
    await audit.check(access.can_plan_child(actor, child_id), actor, "set_kiosk_pin", concerned_person_id=child_id)
    if not pin:
        await KioskPin.filter(child_id=child_id).delete()
        return
    if len(pin) != 4 or not pin.isdigit():
        raise DomainError("kiosk.error.pin_format")
    salt = secrets.token_hex(16)
    async with transaction():
        await KioskPin.filter(child_id=child_id).delete()
        await KioskPin.create(child_id=child_id, salt=salt, pin_hash=_pin_hash(pin, salt))


async def do_kiosk_action(token: str, child_id: int, action: Action, *, now: datetime, location: str = "",
                          pin: str = "") -> Done:
    """A child's own tap on the wall screen: the token, the PIN where the institution wants one, then the action."""
    device = await device_for(token, now=now)
    settings = await load_settings(device.institution_id)
    if settings.kiosk_pin:
        row = await KioskPin.get_or_none(child_id=child_id)
        if row is None:
            raise DomainError("kiosk.error.no_pin")
        await check_pin_allowed(device.wall_screen_id, child_id, now=now)
        if not hmac.compare_digest(row.pin_hash, _pin_hash(pin, row.salt)):
            await note_wrong_pin(device.wall_screen_id, child_id, now=now)
    done = await do_action(device, child_id, device.institution_id, action, now=now, device=DeviceKind.KIOSK,
                           location=location, day=today_local(now))
    return replace(done, tile=wall_tile(done.tile))


async def fetch_photo_for_screen(token: str, child_id: int, *, now: datetime) -> tuple[Path, str]:
    """The photo for a paired wall screen, for children of its own institution, with photo consent."""
    device = await device_for(token, now=now)
    facts = await child_facts(child_id, today_local(now))
    if not access.can_screen_see_photo(device.institution_id, facts, await has_photo_consent(child_id)):
        raise NotFound("error.not_found")
    return servable(child_id)


async def pickup_for_screen(token: str, child_id: int, *, now: datetime) -> ScreenPickup | None:
    """Who today's plan says picks up one of the screen's own children (a few queries, as its dialog opens); None
    for no one named or going home alone. A guardian shows by first name, with their picture if they share it."""
    device = await device_for(token, now=now)
    day = today_local(now)
    if device.institution_id not in (await child_facts(child_id, day)).institution_ids:
        raise NotFound("error.not_found")
    pickup = planned_pickup((await plans_for([child_id], day)).get(child_id))
    if pickup.alone or not pickup.label:
        return None
    guardian_id = parse_id(pickup.key[2:]) if pickup.key.startswith("g:") else None
    if guardian_id is None:
        return ScreenPickup(pickup.label)  # a pickup person by relation ("Farmor"): no picture of theirs is kept
    found = await Custody.filter(active_on(day, "valid_from", "valid_to"), child_id=child_id, guardian_id=guardian_id,
                                 guardian__active=True).values_list("guardian__first_name", "guardian__photo_url")
    if not found:
        return None  # the plan names someone who is no longer the child's guardian
    first_name, url = str(found[0][0] or ""), str(found[0][1] or "")
    shared = (await sharing_of([guardian_id])).get(guardian_id)
    return ScreenPickup(first_name.split()[0] if first_name.split() else pickup.label,
                        url if url and shared is not None and shared.picture else "")
