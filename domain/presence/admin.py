"""A leader edits the institution's KommeGå settings: opening hours and days, named locations, closing days, PIN."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.clock import today_local
from domain.errors import DomainError
from domain.events import Event, committing
from domain.identity.model import Actor, Role
from domain.presence.model import PRESENCE_KINDS, minutes_of, settings_topic
from domain.presence.tiles import Settings, load_settings
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.presence import PresenceSettings

LOCATION_MAX = 60  # the width of PresenceDay.location
LOCATIONS_MAX = 20
REASON_MAX = 120


@dataclass(frozen=True)
class InstitutionChoice:
    """An institution whose KommeGå the actor administers."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class PresenceSettingsChanged(Event):
    """A leader changed an institution's KommeGå settings; wall screens reload theirs."""

    institution_id: int

    @property
    def topics(self) -> tuple[str, ...]:
        """The institution's wall screens and boards."""
        return (settings_topic(self.institution_id),)


async def administered_institutions(actor: Actor) -> list[InstitutionChoice]:
    """The institutions with KommeGå that the actor leads (every one for the municipal admin), by name."""
    query = Institution.filter(kind__in=[k.value for k in PRESENCE_KINDS])
    if actor.role is not Role.ADMIN:
        if actor.role is not Role.LEADER or not actor.leader_institutions:
            return []
        query = query.filter(id__in=list(actor.leader_institutions))
    rows = await query.order_by("name").values_list("id", "name", "kind")
    return [InstitutionChoice(int(i), str(n), str(k)) for i, n, k in rows]


async def settings_for(actor: Actor, institution_id: int) -> Settings:
    """The settings as the leader's form shows them."""
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "view_presence_settings")
    return await load_settings(institution_id)


def _checked_locations(locations: list[str]) -> list[str]:
    names = [name.strip() for name in locations]
    if any(not name for name in names):
        raise DomainError("kiosk.admin.error.location_empty")
    if any(len(name) > LOCATION_MAX for name in names):
        raise DomainError("kiosk.admin.error.location_too_long", max=LOCATION_MAX)
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise DomainError("kiosk.admin.error.location_twice", location=name)
        seen.add(name.casefold())
    if len(names) > LOCATIONS_MAX:
        raise DomainError("kiosk.admin.error.too_many_locations", max=LOCATIONS_MAX)
    return names


def _checked_hours(opens: str | time, closes: str | time) -> tuple[int, int]:
    opens_min, closes_min = minutes_of(opens), minutes_of(closes)
    if opens_min is None or closes_min is None:
        raise DomainError("kiosk.admin.error.hours_required")
    if opens_min >= closes_min:
        raise DomainError("kiosk.admin.error.opens_after_closes")
    return opens_min, closes_min


def _checked_weekdays(open_weekdays: list[int]) -> list[int]:
    days = sorted(set(open_weekdays))
    if any(d not in range(7) for d in days):
        raise DomainError("presence.error.bad_weekday")
    if not days:
        raise DomainError("kiosk.admin.error.no_weekdays")
    return days


async def _write(actor: Actor, institution_id: int, action: str, **changes: Any) -> Settings:
    async with committing(transaction) as outbox:
        await PresenceSettings.filter(institution_id=institution_id).update(**changes)
        outbox.add(PresenceSettingsChanged(institution_id))
    await audit.record(action, audit.ALLOWED, actor=actor, detail=f"institution:{institution_id}")
    return await load_settings(institution_id)


async def do_update_settings(actor: Actor, institution_id: int, opens: str | time, closes: str | time,
                             locations: list[str], open_weekdays: list[int], kiosk_pin: bool, *,
                             now: datetime) -> Settings:
    """Save opening hours, opening weekdays, named locations and the PIN rule; bad input changes nothing."""
    check_typed_text(opens, closes, locations)
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "update_presence_settings")
    opens_min, closes_min = _checked_hours(opens, closes)
    names = _checked_locations(locations)
    days = _checked_weekdays(open_weekdays)
    await load_settings(institution_id)  # creates the row with defaults the first time
    return await _write(actor, institution_id, "update_presence_settings", opens_min=opens_min,
                        closes_min=closes_min, locations=names, open_weekdays=days, kiosk_pin=bool(kiosk_pin))


def _closing_rows(settings: Settings) -> list[dict[str, str]]:
    return [{"day": day, "reason": reason} for day, reason in sorted(settings.closing_days.items())]


async def do_add_closing_day(actor: Actor, institution_id: int, day: date, reason: str, *,
                             now: datetime) -> Settings:
    """Add a closing day from today on (a day already closed gets the new reason)."""
    check_typed_text(reason)
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "add_closing_day")
    if day < today_local(now):
        raise DomainError("kiosk.admin.error.closing_day_past")
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise DomainError("kiosk.admin.error.reason_too_long", max=REASON_MAX)
    settings = await load_settings(institution_id)
    days = {**settings.closing_days, day.isoformat(): reason}
    rows = [{"day": d, "reason": r} for d, r in sorted(days.items())]
    return await _write(actor, institution_id, "add_closing_day", closing_days=rows)


async def do_remove_closing_day(actor: Actor, institution_id: int, day: date, *, now: datetime) -> Settings:
    """Remove a closing day (the institution is open that day after all)."""
    await audit.check(access.can_administer_institution(actor, institution_id), actor, "remove_closing_day")
    settings = await load_settings(institution_id)
    if day.isoformat() not in settings.closing_days:
        raise DomainError("kiosk.admin.error.no_such_closing_day")
    rows = [r for r in _closing_rows(settings) if r["day"] != day.isoformat()]
    return await _write(actor, institution_id, "remove_closing_day", closing_days=rows)
