"""The staff's read models beside the live board: where they may run KommeGå, the printable day, a child's panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import access
from domain.audit import service as audit
from domain.contacts.phone import format_phone
from domain.identity.model import Actor
from domain.presence import history, pickups
from domain.presence.model import PRESENCE_KINDS, Action, Pickup, Status
from domain.presence.notes import NoteView, note_of
from domain.presence.tiles import load_settings, local_hhmm, planned_pickup, plans_for, who_picks_up
from persistence.organisation import Institution
from persistence.people import Custody, Enrolment, PickupPerson
from persistence.presence import PresenceChange, PresenceDay
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
    picked_up_by: str  # as recorded at the check-out (pickups.ALONE_LABEL when the child went alone)
    plan: Pickup  # who the plan says picks the child up
    has_note: bool
    sleeps: tuple[str, ...] = ()  # "12:10–13:25", the last one open ("12:10–") while the child sleeps


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
    sleeps = await sleep_periods(institution_id, day)
    await audit.record("view_presence_daily", audit.ALLOWED, actor=actor, detail=f"institution:{institution_id}")
    grouped: dict[int, tuple[str, list[DailyRow]]] = {}
    for child in children:
        row, plan = days.get(child["child_id"]), plans.get(child["child_id"])
        status = Status(row["status"]) if row else Status.NOT_ARRIVED
        entry = DailyRow(
            child_id=child["child_id"], name=f"{child['child__first_name']} {child['child__last_name']}",
            status=status, location=row["location"] if row else "",
            arrived=local_hhmm(row["arrived_at"]) if row else "", left=local_hhmm(row["left_at"]) if row else "",
            picked_up_by=row["pickup_label"] if row else "", plan=planned_pickup(plan),
            has_note=bool(plan and plan.note), sleeps=sleeps.get(child["child_id"], ()))
        group_id = child["group_id"] or 0
        grouped.setdefault(group_id, (child["group__name"] or "", []))[1].append(entry)
    groups = tuple(DailyGroup(gid, name, tuple(sorted(rows, key=lambda r: r.name.casefold())))
                   for gid, (name, rows) in sorted(grouped.items(), key=lambda g: g[1][0].casefold()))
    return DailyList(institution_id, settings.name, day, groups)


async def sleep_periods(institution_id: int, day: date) -> dict[int, tuple[str, ...]]:
    """Each child's naps on a day from the history: from falling asleep to the next change (woke up, checked out)."""
    rows = await PresenceChange.filter(institution_id=institution_id, day=day, undone=False).order_by(
        "at", "id").values_list("person_id", "action", "at")
    started: dict[int, str] = {}
    periods: dict[int, list[str]] = {}
    for person_id, action, at in rows:
        if person_id in started:  # any change after falling asleep ends the nap (a check-out wakes the child)
            periods.setdefault(person_id, []).append(f"{started.pop(person_id)}–{local_hhmm(at)}")
        if action == Action.SLEEP:
            started[person_id] = local_hhmm(at)
    for person_id, since in started.items():
        periods.setdefault(person_id, []).append(f"{since}–")
    return {k: tuple(v) for k, v in periods.items()}


@dataclass(frozen=True)
class Contact:
    """Someone who may pick the child up, as the dialog lists them: relation and a phone number to call."""

    key: str
    label: str
    relation: str
    phone: str
    picture_url: str = ""  # a guardian's own picture (domain/contacts), so staff know who comes


@dataclass(frozen=True)
class PanelFacts:
    """What a tile's panel adds to the tile: the plan's note, who may pick up, and the day so far."""

    note: str
    pickup: Pickup  # who picks the child up now: the panel's plan line and its check-out button both say this
    choices: tuple[pickups.PickupChoice, ...]
    may_go_alone: bool
    history: tuple[history.HistoryLine, ...]
    contacts: tuple[Contact, ...] = ()
    staff_note: NoteView | None = None


async def panel_facts(actor: Actor, child_id: int, institution_id: int, day: date) -> PanelFacts:
    """The panel's extra facts for one child today (the history read is audited)."""
    lines = await history.day_history(actor, child_id, institution_id, day)
    settings = await load_settings(institution_id)
    plan = (await plans_for([child_id], day)).get(child_id)
    row = await PresenceDay.get_or_none(person_id=child_id, institution_id=institution_id, day=day)
    pickup = who_picks_up(Status(row.status), row.pickup_label, row.left_at, plan) if row else planned_pickup(plan)
    choices = await pickups.authorised(child_id, day)
    may_go_alone = settings.self_leave_allowed and plan is not None and plan.alone_min is not None
    return PanelFacts(plan.note if plan else "", pickup, tuple(choices), may_go_alone, tuple(lines),
                      await contacts_of(child_id, day, choices), await note_of(child_id, institution_id, day))


async def contacts_of(child_id: int, day: date, choices: list[pickups.PickupChoice]) -> tuple[Contact, ...]:
    """The authorised list with each person's relation and phone, in the list's order (two queries)."""
    guardians = await Custody.filter(active_on(day, "valid_from", "valid_to"), child_id=child_id).values_list(
        "guardian_id", "guardian__phone", "guardian__photo_url")
    others = await PickupPerson.filter(child_id=child_id).values_list("id", "relation", "phone")
    # A guardian's phone and picture are the ones they keep on their profile (domain/contacts), shown formatted.
    known = {f"g:{g}": ("", format_phone(str(p or "")), str(u or "")) for g, p, u in guardians}
    known.update({f"p:{i}": (str(r or ""), format_phone(str(p or "")), "") for i, r, p in others})
    return tuple(Contact(c.key, c.label, *known.get(c.key, ("", "", ""))) for c in choices)
