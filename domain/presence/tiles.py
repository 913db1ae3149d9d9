"""Building tiles from rows, shared by the board (many at once) and the write path (one at a time)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise.expressions import Q

from domain.clock import COPENHAGEN
from domain.errors import DomainError
from domain.organisation.model import InstitutionKind
from domain.presence.model import ABSENT, ALONE_KEY, ALONE_LABEL, SELF_LEAVE_KINDS, Pickup, Status, Tile, hhmm
from persistence.organisation import Institution
from persistence.presence import PlanEntry, PresenceDay, PresenceSettings

DAY_FIELDS = ("person_id", "status", "location", "pickup_label", "left_at", "changed_at", "changed_by", "version")
ENROLMENT_FIELDS = ("child_id", "child__first_name", "child__last_name", "child__photo_url", "group_id", "group__name")


@dataclass(frozen=True)
class Settings:
    """An institution's KommeGå settings with the institution's name and kind."""

    institution_id: int
    name: str
    kind: str
    opens_min: int
    closes_min: int
    locations: tuple[str, ...]
    closing_days: dict[str, str]
    open_weekdays: frozenset[int]
    kiosk_pin: bool

    def closed_reason(self, day: date) -> str | None:
        """Why the institution is closed on a day (a closing day's reason, or a weekday it is not open), or None."""
        if day.isoformat() in self.closing_days:
            return self.closing_days[day.isoformat()] or "Lukket"
        return None if day.weekday() in self.open_weekdays else "weekday"

    @property
    def self_leave_allowed(self) -> bool:
        """Whether children here may go home by themselves (BFO and klub)."""
        return InstitutionKind(self.kind) in SELF_LEAVE_KINDS


async def load_settings(institution_id: int) -> Settings:
    """An institution's settings in one query (created with defaults the first time)."""
    row = await PresenceSettings.filter(institution_id=institution_id).select_related("institution").first()
    if row is None:
        if not await Institution.exists(id=institution_id):
            raise DomainError("error.not_found")
        await PresenceSettings.bulk_create([PresenceSettings(institution_id=institution_id)], ignore_conflicts=True)
        row = await PresenceSettings.filter(institution_id=institution_id).select_related("institution").first()
        assert row is not None
    return settings_from_row(row)


def settings_from_row(row: PresenceSettings) -> Settings:
    """Settings from a row whose institution was selected with it."""
    inst = row.institution
    days = {str(d.get("day")): str(d.get("reason", "")) for d in row.closing_days if isinstance(d, dict)}
    return Settings(inst.id, inst.name, str(inst.kind), row.opens_min, row.closes_min,
                    tuple(str(x) for x in row.locations), days, frozenset(int(d) for d in row.open_weekdays),
                    row.kiosk_pin)


def local_hhmm(moment: datetime | None) -> str:
    """A stored UTC time as Copenhagen "HH:MM"."""
    return moment.astimezone(COPENHAGEN).strftime("%H:%M") if moment else ""


async def plans_for(child_ids: Iterable[int], day: date) -> dict[int, PlanEntry]:
    """Each child's effective plan on a day: the date's own entry, else the standard weekday (one query)."""
    ids = list(child_ids)
    if not ids:
        return {}
    rows = await PlanEntry.filter(Q(day=day) | Q(weekday=day.weekday()), child_id__in=ids)
    chosen: dict[int, PlanEntry] = {}
    for row in rows:
        if row.day is not None or row.child_id not in chosen:
            chosen[row.child_id] = row
    return chosen


def planned_pickup(plan: PlanEntry | None) -> Pickup:
    """Who the plan says picks the child up: going home alone when a time to go alone is set, else the person named."""
    if plan is None:
        return Pickup()
    if plan.alone_min is not None:
        return Pickup(ALONE_KEY, ALONE_LABEL, hhmm(plan.alone_min))
    return Pickup(plan.pickup_key, plan.pickup_label, hhmm(plan.pickup_min))


def who_picks_up(status: Status, checked_out_by: str, left_at: datetime | None, plan: PlanEntry | None) -> Pickup:
    """Who picks the child up now, the one answer every screen shows: the plan for the rest of the day, or, once
    the child has gone home, who took it.

    An earlier check-out's person is history once the child is back, or once a guardian has planned this very day
    anew after it left; a change of the standard week does not rewrite who took the child today. A child reported
    sick or on vacation is picked up by no one (its plan would otherwise still say "Hentes 15:05 af Mette").
    """
    if status in ABSENT:
        return Pickup()
    replanned = plan is not None and plan.day is not None and left_at is not None and plan.updated_at > left_at
    if status is Status.PICKED_UP and left_at is not None and not replanned:
        key = ALONE_KEY if checked_out_by == ALONE_LABEL else ""
        return Pickup(key, checked_out_by, local_hhmm(left_at), done=True)
    return planned_pickup(plan)


def make_tile(institution_id: int, day: date, child: dict[str, Any], row: PresenceDay | dict[str, Any] | None,
              plan: PlanEntry | None) -> Tile:
    """One child's tile from its enrolment values, its day row (if any) and its plan (if any)."""
    first, last = child["child__first_name"], child["child__last_name"]
    values = row if isinstance(row, dict) or row is None else {f: getattr(row, f) for f in DAY_FIELDS}
    status = Status(values["status"]) if values else Status.NOT_ARRIVED
    answer = who_picks_up(status, values["pickup_label"] if values else "", values.get("left_at") if values else None,
                          plan)
    return Tile(
        child_id=child["child_id"],
        institution_id=institution_id,
        day=day.isoformat(),
        first_name=first,
        initials=(first[:1] + last[:1]).upper(),
        photo_url=child["child__photo_url"] or "",
        group_id=child["group_id"] or 0,
        group_name=child["group__name"] or "",
        status=status.value,
        location=values["location"] if values else "",
        arrival=hhmm(plan.arrival_min) if plan else "",
        pickup=hhmm(plan.pickup_min) if plan else "",
        pickup_by=answer.label,
        alone=hhmm(plan.alone_min) if plan else "",
        pickup_key=answer.key,
        left=answer.at if answer.done else "",
        with_child=plan.with_child_name if plan else "",
        has_note=bool(plan and plan.note),
        since=local_hhmm(values["changed_at"]) if values else "",
        changed_by=values["changed_by"] if values else "",
        version=values["version"] if values else 0,
    )
