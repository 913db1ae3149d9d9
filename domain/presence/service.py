"""KommeGå use cases: a change of a child's day from a tablet, the wall screen or a phone, and its undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from domain import access
from domain.access import Decision
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import Outbox, committing
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.presence import pickups
from domain.presence.model import (
    HERE,
    KIOSK_ACTIONS,
    PARENT_ACTIONS,
    PRESENCE_KINDS,
    UNDO_HELD_SECONDS,
    UNDO_SECONDS,
    Action,
    DeviceKind,
    PresenceChanged,
    Status,
    Tile,
    next_status,
)
from domain.presence.notify import forget_presence, notify_presence
from domain.presence.tiles import ENROLMENT_FIELDS, Settings, load_settings, make_tile, planned_pickup, plans_for
from persistence.db import transaction
from persistence.people import Enrolment
from persistence.presence import PresenceChange, PresenceDay
from persistence.queries import active_on


@dataclass(frozen=True)
class Device:
    """A paired wall screen acting for its own institution (no personal login)."""

    wall_screen_id: int
    institution_id: int
    name: str


Who = Actor | Device


@dataclass(frozen=True)
class Done:
    """The outcome of a change: the child's new tile and the history entry an undo would revert."""

    tile: Tile
    change_id: int


def _name(who: Who) -> str:
    return who.name if isinstance(who, Device) else who.name.split()[0]


async def presence_institution(child_id: int, day: date) -> int:
    """The institution where the child checks in (daycare, BFO or klub), or NotFound."""
    rows = await Enrolment.filter(active_on(day), child_id=child_id).order_by("id").values_list(
        "institution_id", "institution__kind")
    for institution_id, kind in rows:
        if kind in PRESENCE_KINDS:
            return int(institution_id)
    raise NotFound("presence.error.no_presence_institution")


async def enrolled_child(child_id: int, institution_id: int, day: date) -> dict[str, Any]:
    """The child's enrolment values at an institution on a day (NotFound when not enrolled there)."""
    row = await Enrolment.filter(active_on(day), child_id=child_id, institution_id=institution_id).first().values(
        *ENROLMENT_FIELDS)
    if not row:
        raise NotFound("presence.error.not_enrolled")
    return row


def decide(who: Who, child_id: int, institution_id: int, action: Action) -> Decision:
    """Who may do what: staff everything, guardians absence reports, a wall screen kiosk actions for its own."""
    if isinstance(who, Device):
        return access.can_use_wall_screen(who.institution_id, institution_id, action in KIOSK_ACTIONS)
    if who.role.value == "parent":
        decision = access.can_plan_child(who, child_id)
        return decision if not decision or action in PARENT_ACTIONS else access.deny("not_a_parent_action")
    return access.can_operate_presence(who, institution_id)


async def check_action(who: Who, child_id: int, institution_id: int, action: Action) -> None:
    """Raise AccessDenied (and audit the refusal) unless this actor or screen may do this action here."""
    decision = decide(who, child_id, institution_id, action)
    if isinstance(who, Device):
        if not decision:
            await audit.record("presence_action", audit.REFUSED, concerned_person_id=child_id,
                               detail=f"wall_screen:{who.wall_screen_id}:{decision.reason}")
            raise DomainError("error.access_denied")
        return
    await audit.check(decision, who, "presence_action", concerned_person_id=child_id)


def _refusal(action: Action, row: PresenceDay) -> DomainError:
    """The reason an action is refused, naming who got there first when it was the same action."""
    status = Status(row.status)
    if action is Action.CHECK_IN and status in HERE:
        return DomainError("presence.error.already_checked_in_by", by=row.changed_by)
    if action is Action.CHECK_OUT and status is Status.PICKED_UP:
        return DomainError("presence.error.already_checked_out_by", by=row.changed_by)
    try:
        next_status(status, action, InstitutionKind.BFO)
    except DomainError as error:
        return error
    return DomainError("presence.error.changed_meanwhile")


async def ensure_day_row(person_id: int, institution_id: int, day: date, now: datetime, **extra: Any) -> PresenceDay:
    """The person's day row, created as not-arrived if missing (race-safe on SQLite and PostgreSQL)."""
    await PresenceDay.bulk_create([PresenceDay(person_id=person_id, institution_id=institution_id, day=day,
                                               status=Status.NOT_ARRIVED, changed_at=now, **extra)],
                                  ignore_conflicts=True)
    return await PresenceDay.get(person_id=person_id, institution_id=institution_id, day=day)


async def do_action(who: Who, child_id: int, institution_id: int, action: Action, *, now: datetime,
                    device: DeviceKind, day: date | None = None, location: str = "", pickup_key: str = "") -> Done:
    """Change one child's day by one action; one history entry; the new tile is published after commit."""
    from domain.clock import today_local

    day = day or today_local(now)
    child = await enrolled_child(child_id, institution_id, today_local(now))
    await check_action(who, child_id, institution_id, action)
    settings = await load_settings(institution_id)
    location = _checked_location(action, location, settings)
    async with committing(transaction) as outbox:
        row = await ensure_day_row(child_id, institution_id, day, now)
        try:
            target = next_status(Status(row.status), action, InstitutionKind(settings.kind))
        except DomainError:
            raise _refusal(action, row) from None
        plan = (await plans_for([child_id], day)).get(child_id)
        label = await _pickup_label(who, action, Status(row.status), child_id, pickup_key, plan, settings)
        changes: dict[str, Any] = {"status": target, "location": location, "changed_at": now,
                                   "changed_by": _name(who), "version": row.version + 1}
        if action is Action.CHECK_IN and row.arrived_at is None:
            changes["arrived_at"] = now
        if target is Status.PICKED_UP:
            changes.update(left_at=now, pickup_label=label)
        if not await PresenceDay.filter(id=row.id, version=row.version).update(**changes):
            raise _refusal(action, await PresenceDay.get(id=row.id))
        change = await _record(who, row, action, target, now, device, location, label)
        await notify_presence(outbox, action=action, change_id=change.id, child_id=child_id,
                              first_name=str(child["child__first_name"]), by=_name(who),
                              by_person=None if isinstance(who, Device) else who.person_id, day=day, now=now)
        for key, value in changes.items():
            setattr(row, key, value)
        tile = make_tile(institution_id, day, child, row, plan)
        _announce(outbox, tile)
    return Done(tile, change.id)


def _checked_location(action: Action, location: str, settings: Settings) -> str:
    if action is not Action.GO_TO_LOCATION:
        return ""
    if location not in settings.locations:
        raise DomainError("presence.error.unknown_location", location=location)
    return location


async def _pickup_label(who: Who, action: Action, status: Status, child_id: int, key: str, plan: Any,
                        settings: Settings) -> str:
    """Who takes the child home on a check-out: an authorised person, or the child alone where allowed."""
    if action is not Action.CHECK_OUT:
        return ""
    planned = planned_pickup(plan)
    if isinstance(who, Device):
        if status is Status.SICK_HERE:  # said without naming the illness: anyone in the hall can read the screen
            raise DomainError("presence.error.kiosk_adult_checks_out")
        if not (planned.alone and settings.self_leave_allowed):
            by = "" if planned.alone else planned.label
            raise DomainError("presence.error.kiosk_pickup_by" if by else "presence.error.kiosk_pickup", by=by)
        return pickups.ALONE_LABEL
    if not key:
        return "" if planned.alone and not settings.self_leave_allowed else planned.label  # the one planned answer
    if key == pickups.ALONE_KEY:
        if not settings.self_leave_allowed:
            raise DomainError("presence.error.alone_not_here")
        return pickups.ALONE_LABEL
    return await pickups.label_for(child_id, key)


async def _record(who: Who, row: PresenceDay, action: Action, target: Status, now: datetime, device: DeviceKind,
                  location: str, label: str) -> PresenceChange:
    return await PresenceChange.create(
        person_id=row.person_id, institution_id=row.institution_id, day=row.day, at=now, action=action,
        from_status=row.status, to_status=target, location=location, pickup_label=label,
        actor_person_id=None if isinstance(who, Device) else who.person_id, actor_name=_name(who), device=device,
        wall_screen_id=who.wall_screen_id if isinstance(who, Device) else None)


def _announce(outbox: Outbox, tile: Tile) -> None:
    outbox.add(PresenceChanged(tile.institution_id, tile.child_id, tile.wire()))


async def do_undo(who: Who, change_id: int, *, now: datetime, held: bool = False) -> Tile:
    """Revert the last change within ten seconds (longer when the user held the offer open), by whoever made it."""
    change = await PresenceChange.get_or_none(id=change_id)
    if change is None or change.undone:
        raise NotFound("presence.error.nothing_to_undo")
    mine = (change.wall_screen_id == who.wall_screen_id) if isinstance(who, Device) else (
        change.actor_person_id == who.person_id)
    if not mine:
        raise DomainError("presence.error.nothing_to_undo")
    if now - change.at > timedelta(seconds=UNDO_HELD_SECONDS if held else UNDO_SECONDS):
        raise DomainError("presence.error.undo_too_late")
    child = await enrolled_child(change.person_id, change.institution_id, change.day)
    async with committing(transaction) as outbox:
        row = await PresenceDay.get(person_id=change.person_id, institution_id=change.institution_id, day=change.day)
        latest = await PresenceChange.filter(person_id=change.person_id, institution_id=change.institution_id,
                                             day=change.day, undone=False).order_by("-id").first()
        if latest is None or latest.id != change.id or row.status != change.to_status:
            raise DomainError("presence.error.changed_meanwhile")
        # The status line tells the restored state's own change (time, person, place), not the undo's.
        before = await PresenceChange.filter(person_id=change.person_id, institution_id=change.institution_id,
                                             day=change.day, undone=False, id__lt=change.id).order_by("-id").first()
        changes: dict[str, Any] = {
            "status": change.from_status, "location": before.location if before else "",
            "changed_at": before.at if before else change.at, "changed_by": before.actor_name if before else "",
            "version": row.version + 1}
        if change.to_status is Status.PICKED_UP:
            changes.update(left_at=None, pickup_label="")
        if change.action is Action.CHECK_IN and change.from_status is Status.NOT_ARRIVED:
            changes["arrived_at"] = None
        if not await PresenceDay.filter(id=row.id, version=row.version).update(**changes):
            raise DomainError("presence.error.changed_meanwhile")
        await PresenceChange.filter(id=change.id).update(undone=True)
        await forget_presence(outbox, change.id)
        for key, value in changes.items():
            setattr(row, key, value)
        plan = (await plans_for([change.person_id], change.day)).get(change.person_id)
        tile = make_tile(change.institution_id, change.day, child, row, plan)
        _announce(outbox, tile)
    return tile
