"""The staff's read models beside the live board: where they may run KommeGå, the printable day, a child's panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor
from domain.presence import history, pickups
from domain.presence.model import PRESENCE_KINDS, Status, hhmm
from domain.presence.tiles import load_settings, local_hhmm, plans_for
from persistence.organisation import Institution
from persistence.people import Enrolment
from persistence.presence import PresenceDay
from persistence.queries import active_on


@dataclass(frozen=True)
class Place:
    """An institution where the actor checks children in and out."""

    institution_id: int
    name: str


async def presence_places(actor: Actor) -> list[Place]:
    """The actor's workplaces that use KommeGå, by name (one query)."""
    ids = actor.staff_institutions | actor.leader_institutions
    if not ids:
        return []
    rows = await Institution.filter(id__in=list(ids), kind__in=list(PRESENCE_KINDS), active=True).order_by(
        "name").values_list("id", "name")
    return [Place(int(i), str(n)) for i, n in rows]


@dataclass(frozen=True)
class DailyRow:
    """One child on the printed list of the day."""

    child_id: int
    name: str
    status: Status
    location: str
    arrived: str
    left: str
    picked_up_by: str
    plan_pickup: str
    plan_by: str
    has_note: bool


@dataclass(frozen=True)
class DailyGroup:
    """A group's children, by name."""

    group_id: int
    name: str
    rows: tuple[DailyRow, ...]


@dataclass(frozen=True)
class DailyList:
    """An institution's day on paper."""

    institution_id: int
    institution_name: str
    day: date
    groups: tuple[DailyGroup, ...]


async def daily_list(actor: Actor, institution_id: int, day: date) -> DailyList:
    """Every enrolled child's day grouped by group, in a fixed number of queries (audited read)."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, "view_presence_daily")
    settings = await load_settings(institution_id)
    children = await Enrolment.filter(active_on(day), institution_id=institution_id, child__active=True).values(
        "child_id", "child__first_name", "child__last_name", "group_id", "group__name")
    days = {d["person_id"]: d for d in await PresenceDay.filter(
        institution_id=institution_id, day=day, is_staff=False).values(
        "person_id", "status", "location", "arrived_at", "left_at", "pickup_label")}
    plans = await plans_for((c["child_id"] for c in children), day)
    await audit.record("view_presence_daily", audit.ALLOWED, actor=actor, detail=f"institution:{institution_id}")
    grouped: dict[int, tuple[str, list[DailyRow]]] = {}
    for child in children:
        row, plan = days.get(child["child_id"]), plans.get(child["child_id"])
        status = Status(row["status"]) if row else Status.NOT_ARRIVED
        entry = DailyRow(
            child_id=child["child_id"], name=f"{child['child__first_name']} {child['child__last_name']}",
            status=status, location=row["location"] if row else "",
            arrived=local_hhmm(row["arrived_at"]) if row else "", left=local_hhmm(row["left_at"]) if row else "",
            picked_up_by=row["pickup_label"] if row else "",
            plan_pickup=hhmm(plan.pickup_min if plan else None), plan_by=plan.pickup_label if plan else "",
            has_note=bool(plan and plan.note))
        group_id = child["group_id"] or 0
        grouped.setdefault(group_id, (child["group__name"] or "", []))[1].append(entry)
    groups = tuple(DailyGroup(gid, name, tuple(sorted(rows, key=lambda r: r.name.casefold())))
                   for gid, (name, rows) in sorted(grouped.items(), key=lambda g: g[1][0].casefold()))
    return DailyList(institution_id, settings.name, day, groups)


@dataclass(frozen=True)
class PanelFacts:
    """What a tile's panel adds to the tile: the plan's note, who may pick up, and the day so far."""

    note: str
    planned_key: str
    choices: tuple[pickups.PickupChoice, ...]
    may_go_alone: bool
    history: tuple[history.HistoryLine, ...]


async def panel_facts(actor: Actor, child_id: int, institution_id: int, day: date) -> PanelFacts:
    """The panel's extra facts for one child today (the history read is audited)."""
    lines = await history.day_history(actor, child_id, institution_id, day)
    settings = await load_settings(institution_id)
    plan = (await plans_for([child_id], day)).get(child_id)
    choices = await pickups.authorised(child_id, day)
    may_go_alone = settings.self_leave_allowed and plan is not None and plan.alone_min is not None
    return PanelFacts(plan.note if plan else "", plan.pickup_key if plan else "", tuple(choices), may_go_alone,
                      tuple(lines))
