"""Items beside events, in ONE query: closing days, booked conference times, form and vacation deadlines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from domain.calendar.facts import Reach
from domain.calendar.holidays import closing_items
from domain.calendar.model import CalendarItem, ItemKind
from domain.identity.model import Actor
from persistence.db import connection

# Each branch yields: kind, id, ref, title, place, starts, ends, group_id, child_id, extra, extra2, label, inst_id.
# The vacation branch comes first with typed columns, so PostgreSQL resolves every later NULL against it.
VACATION = """SELECT 'vacation', v.id, v.id, v.title, '', v.deadline, v.deadline, CAST(NULL AS INTEGER),
 CAST(NULL AS INTEGER), CAST(v.institution_ids AS TEXT), CAST(v.group_ids AS TEXT), '', CAST(NULL AS INTEGER)
 FROM vacation_request v WHERE v.deadline >= ? AND v.deadline < ?"""
CONFERENCE = """SELECT 'conference', s.id, r.id, r.title, r.place, s.starts_at, s.ends_at, r.group_id, s.child_id,
 '', r.organiser_name, g.name, g.institution_id FROM conference_slot s JOIN conference_round r ON r.id = s.round_id
 JOIN "group" g ON g.id = r.group_id WHERE r.closed_at IS NULL AND s.starts_at < ? AND s.ends_at > ? AND """
FORM = """SELECT 'form', f.id, f.id, f.title, '', f.deadline, f.deadline, f.group_id, NULL, '', '', g.name,
 g.institution_id FROM form f JOIN "group" g ON g.id = f.group_id
 WHERE f.closed_at IS NULL AND f.deadline >= ? AND f.deadline < ? AND """
MEMBER = """SELECT 'member', m.group_id, m.group_id, '', '', NULL, NULL, m.group_id, m.person_id, '', '', '', NULL
 FROM group_membership m WHERE m.person_id IN """
CLOSING = """SELECT 'closing', p.institution_id, p.institution_id, '', '', NULL, NULL, NULL, NULL,
 CAST(p.closing_days AS TEXT), '', i.name, p.institution_id FROM presence_settings p
 JOIN institution i ON i.id = p.institution_id WHERE p.institution_id IN """


@dataclass
class Extras:
    """What the one query found: items, and the cross groups of the actor's children (group -> children)."""

    items: list[CalendarItem] = field(default_factory=list)
    member_groups: dict[int, set[int]] = field(default_factory=dict)


def _marks(values: list[int]) -> str:
    # only "?" placeholders are ever joined into the text; every value travels as a bound parameter
    return "(" + ", ".join("?" for _ in values) + ")"


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.fromisoformat(str(value)).astimezone(UTC)


def _statement(actor: Actor, reach: Reach, start: datetime, end: datetime,
               stamp: Any) -> tuple[str, list[Any]]:
    policy, kids = reach.policy, sorted(reach.children)
    branches, params = [VACATION], [stamp(start), stamp(end)]
    if kids:
        branches.append(CONFERENCE + "s.child_id IN " + _marks(kids))
        params += [stamp(end), stamp(start), *kids]
        branches.append(MEMBER + _marks(kids))
        params += kids
    elif policy.staff:
        branches.append(CONFERENCE + "s.child_id IS NOT NULL AND r.organiser_id = ?")
        params += [stamp(end), stamp(start), actor.person_id]
    groups = sorted(policy.group_ids)
    if groups or kids:
        where = []
        if groups:
            where.append("f.group_id IN " + _marks(groups))
        if kids:  # cross groups of the children, which the reach does not know yet
            crossing = "f.group_id IN (SELECT group_id FROM group_membership WHERE person_id IN "  # noqa: S608
            where.append(crossing + _marks(kids) + ")")
        branches.append(FORM + "(" + " OR ".join(where) + ")")
        params += [stamp(start), stamp(end), *groups, *kids]
    institutions = sorted(policy.institution_ids)
    if institutions:
        branches.append(CLOSING + _marks(institutions))
        params += institutions
    return "\nUNION ALL\n".join(branches), params


async def fetch_extras(actor: Actor, reach: Reach, start: datetime, end: datetime) -> list[tuple[Any, ...]]:
    """The raw rows of the one query (placeholders and timestamps in each dialect's own form)."""
    conn = connection()
    sqlite = conn.capabilities.dialect == "sqlite"

    def stamp(moment: datetime) -> Any:
        # SQLite holds timestamps as text in Tortoise's form; PostgreSQL takes the datetime itself
        return moment.astimezone(UTC).isoformat(" ") if sqlite else moment

    sql, params = _statement(actor, reach, start, end, stamp)
    if not sqlite:
        parts = sql.split("?")
        sql = parts[0] + "".join(f"${n}{part}" for n, part in enumerate(parts[1:], start=1))
    _, rows = await conn.execute_query(sql, params)
    return [tuple(r) for r in rows]


async def extra_items(actor: Actor, reach: Reach, first: date, last: date, start: datetime,
                      end: datetime) -> Extras:
    """Closing days of the places reached, the children's booked conferences (or own rounds) and deadlines."""
    found = Extras()
    rows = await fetch_extras(actor, reach, start, end)
    for row in rows:
        if row[0] == "member":
            found.member_groups.setdefault(int(row[7]), set()).add(int(row[8]))
    of_group = {g: set(c) for g, c in reach.children_of_group.items()}
    for g, c in found.member_groups.items():
        of_group.setdefault(g, set()).update(c)
    for kind, item_id, ref, title, place, starts, ends, group_id, child_id, extra, extra2, label, inst in rows:
        if kind == "closing":
            kids = tuple(sorted(reach.children_of_institution.get(int(inst), frozenset())))
            found.items += closing_items(int(inst), str(label), json.loads(extra or "[]"), first, last, kids)
        elif kind == "conference":
            found.items.append(CalendarItem(
                kind=ItemKind.CONFERENCE, key=f"conference:{item_id}", title=str(title), starts_at=_moment(starts),
                ends_at=_moment(ends), all_day=False, place=str(place or ""), scope_label=str(label),
                institution_id=inst, child_ids=(int(child_id),) if reach.children else (),
                organiser_name=str(extra2 or ""), url=f"/kalender/samtaler/{ref}"))
        elif kind == "form":
            kids = tuple(sorted(of_group.get(int(group_id), set())))
            found.items.append(CalendarItem(
                kind=ItemKind.FORM_DEADLINE, key=f"form:{item_id}", title=str(title), starts_at=_moment(starts),
                ends_at=_moment(ends), all_day=False, scope_label=str(label), institution_id=inst, child_ids=kids,
                url=f"/kalender/blanketter/{item_id}"))
        elif kind == "vacation":
            item = _vacation_item(reach, of_group, int(item_id), str(title), _moment(starts),
                                  json.loads(extra or "[]"), json.loads(extra2 or "[]"))
            if item is not None:
                found.items.append(item)
    return found


def _vacation_item(reach: Reach, of_group: dict[int, set[int]], req_id: int, title: str, deadline: datetime,
                   inst_ids: list[Any], group_ids: list[Any]) -> CalendarItem | None:
    insts = {int(i) for i in inst_ids} & set(reach.policy.institution_ids)
    groups = {int(g) for g in group_ids} & (set(reach.policy.group_ids) | set(of_group))
    if not insts and not groups:
        return None
    kids: set[int] = set()
    for i in insts:
        kids |= reach.children_of_institution.get(i, frozenset())
    for g in groups:
        kids |= of_group.get(g, set())
    only = next(iter(insts)) if len(insts) == 1 else None
    return CalendarItem(kind=ItemKind.VACATION_DEADLINE, key=f"vacation:{req_id}", title=title, starts_at=deadline,
                        ends_at=deadline, all_day=False, institution_id=only, child_ids=tuple(sorted(kids)),
                        url=f"/kalender/ferie/{req_id}")
