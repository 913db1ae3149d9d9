"""A guardian's KommeGå read model: each own child's day, plan, pickups, companions and history, batched."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Q

from domain import access
from domain.audit import service as audit
from domain.gdpr.consents import children_consented as consented
from domain.identity.model import Actor
from domain.organisation.listing import named_on_lists
from domain.presence.history import HistoryLine, line_of
from domain.presence.model import (
    PRESENCE_KINDS,
    TRANSITIONS,
    ConsentKind,
    DeviceKind,
    Status,
    Tile,
    hhmm,
)
from domain.presence.pickups import PickupChoice, choices_from
from domain.presence.plans import PlanInput
from domain.presence.tiles import (
    DAY_FIELDS,
    ENROLMENT_FIELDS,
    Settings,
    load_settings,
    make_tile,
    plans_for,
    settings_from_row,
)
from persistence.people import Custody, Enrolment, PickupPerson
from persistence.presence import KioskPin, PlanEntry, PresenceChange, PresenceDay, PresenceSettings
from persistence.queries import active_on


@dataclass(frozen=True)
class Companion:
    """Another child at the same institution, as a guardian may see it: "Emma K."."""

    child_id: int
    label: str


@dataclass(frozen=True)
class DayPlan(PlanInput):
    """The plan in force for the day, as the form shows it (own_day when not the standard week)."""

    own_day: bool = False


@dataclass(frozen=True)
class ChildDay:
    """One of the guardian's children today at its KommeGå institution."""

    child_id: int
    last_name: str
    settings: Settings
    tile: Tile
    plan: DayPlan
    pickups: tuple[PickupChoice, ...]
    consent: bool
    has_pin: bool
    companions: tuple[Companion, ...]
    history: tuple[HistoryLine, ...]

    @property
    def institution_name(self) -> str:
        """Where the child checks in."""
        return self.settings.name

    @property
    def alone_possible(self) -> bool:
        """The institution lets children go home alone and a guardian has consented."""
        return self.settings.self_leave_allowed and self.consent


async def family_days(actor: Actor, day: date, *, history: bool = True) -> list[ChildDay]:
    """Every own child with a KommeGå institution on a day (a fixed number of queries, however many children)."""
    return await _days(actor, sorted(actor.guardian_of), day, history)


async def child_day(actor: Actor, child_id: int, day: date) -> ChildDay | None:
    """One own child's day (None when it has no KommeGå institution); another family's child is refused."""
    days = await _days(actor, [child_id], day)
    return days[0] if days else None


async def _days(actor: Actor, child_ids: list[int], day: date, with_history: bool = True) -> list[ChildDay]:
    for child_id in child_ids:
        await audit.check(access.can_plan_child(actor, child_id), actor, "view_plan", concerned_person_id=child_id)
    if not child_ids:
        return []
    enrolled = await _presence_enrolments(child_ids, day)
    if not enrolled:
        return []
    ids = list(enrolled)
    institutions = {e["institution_id"] for e in enrolled.values()}
    settings = await _settings_for(institutions)
    rows = {(r["person_id"], r["institution_id"]): r for r in await PresenceDay.filter(
        person_id__in=ids, day=day, is_staff=False).values(*DAY_FIELDS, "institution_id")}
    plans = await plans_for(ids, day)
    choices = await _pickup_choices(ids, day)
    consents = await consented(ids, ConsentKind.GO_HOME_ALONE.value)
    pins = set(await KioskPin.filter(child_id__in=ids).values_list("child_id", flat=True))
    companions = await _companions(institutions, day, actor.guardian_of)
    history = await _history(ids, day) if with_history else {}
    if with_history:
        await audit.record_reads(actor, "view_presence_history", ids)
    result = []
    for child_id, child in enrolled.items():
        inst = child["institution_id"]
        plan = plans.get(child_id)
        result.append(ChildDay(
            child_id=child_id,
            last_name=child["child__last_name"],
            settings=settings[inst],
            tile=make_tile(inst, day, child, rows.get((child_id, inst)), plan),
            plan=_day_plan(plan),
            pickups=tuple(choices.get(child_id, ())),
            consent=child_id in consents,
            has_pin=child_id in pins,
            companions=tuple(c for c in companions.get(inst, ()) if c.child_id != child_id),
            history=tuple(line for i, line in history.get(child_id, ()) if i == inst),
        ))
    return result


async def _presence_enrolments(child_ids: list[int], day: date) -> dict[int, dict[str, Any]]:
    """Each child's first enrolment today at an institution with check-in (one query)."""
    rows = await Enrolment.filter(active_on(day), child_id__in=child_ids, child__active=True,
                                  institution__kind__in=[k.value for k in PRESENCE_KINDS]).order_by("id").values(
        *ENROLMENT_FIELDS, "institution_id")
    chosen: dict[int, dict[str, Any]] = {}
    for row in rows:
        chosen.setdefault(row["child_id"], row)
    return {cid: chosen[cid] for cid in child_ids if cid in chosen}


async def _settings_for(institution_ids: set[int]) -> dict[int, Settings]:
    """Settings of several institutions in one query (an institution without settings gets its defaults)."""
    found = {}
    for row in await PresenceSettings.filter(institution_id__in=institution_ids).select_related("institution"):
        found[row.institution_id] = settings_from_row(row)
    for missing in institution_ids - found.keys():  # only the first time an institution is seen
        found[missing] = await load_settings(missing)
    return found


def _day_plan(plan: PlanEntry | None) -> DayPlan:
    if plan is None:
        return DayPlan()
    return DayPlan(hhmm(plan.arrival_min), hhmm(plan.pickup_min), plan.pickup_key, hhmm(plan.alone_min),
                   plan.with_child_id, plan.note, plan.day is not None)


async def _pickup_choices(child_ids: list[int], day: date) -> dict[int, list[PickupChoice]]:
    """The authorised pickup list of several children (two queries)."""
    guardians: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for cid, gid, first in await Custody.filter(active_on(day, "valid_from", "valid_to"),
                                                child_id__in=child_ids).order_by("guardian_id").values_list(
            "child_id", "guardian_id", "guardian__first_name"):
        guardians[cid].append((int(gid), str(first)))
    others: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for cid, pid, name, relation in await PickupPerson.filter(child_id__in=child_ids).order_by("id").values_list(
            "child_id", "id", "name", "relation"):
        others[cid].append((int(pid), str(name), str(relation)))
    return {cid: choices_from(guardians[cid], others[cid]) for cid in child_ids}


async def _companions(institution_ids: set[int], day: date, own: frozenset[int]) -> dict[int, list[Companion]]:
    """The children at each institution as "Emma K.", sorted by name (one query).

    Another family's child is offered only with "Navn på lister" given; the guardian's own children always.
    """
    listed = Q(child_id__in=named_on_lists())
    if own:
        listed |= Q(child_id__in=sorted(own))
    rows = await Enrolment.filter(listed, active_on(day), institution_id__in=institution_ids,
                                  child__active=True).values_list(
        "institution_id", "child_id", "child__first_name", "child__last_name")
    by_institution: dict[int, dict[int, Companion]] = defaultdict(dict)
    for inst, cid, first, last in rows:
        by_institution[inst][cid] = Companion(cid, f"{first} {str(last)[:1]}.".strip())
    return {inst: sorted(kids.values(), key=lambda c: c.label) for inst, kids in by_institution.items()}


async def _history(child_ids: list[int], day: date) -> dict[int, list[tuple[int, HistoryLine]]]:
    """The day's changes of several children, oldest first, with the institution of each (one query)."""
    lines: dict[int, list[tuple[int, HistoryLine]]] = defaultdict(list)
    for r in await PresenceChange.filter(person_id__in=child_ids, day=day, undone=False).order_by("at", "id"):
        lines[r.person_id].append((r.institution_id, line_of(r)))
    return lines


def change_between(before: Tile, after: Tile) -> HistoryLine | None:
    """The history line the next version of a tile adds (None for a plan change, a gap or an undo)."""
    if after.version != before.version + 1:
        return None
    for (status, action), target in TRANSITIONS.items():
        if status is before.state and target is after.state:
            return HistoryLine(after.since, action, target, after.changed_by, DeviceKind.TABLET, after.location,
                               after.pickup_by if target is Status.PICKED_UP else "")
    return None
