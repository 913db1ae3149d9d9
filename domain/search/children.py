"""Finding children by name or class/group within the children the actor may see (the child page's own rule)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q

from domain import access
from domain.collation import danish_key
from domain.identity.model import Actor, ChildFacts, Role
from domain.organisation.model import GroupKind
from persistence.people import Enrolment
from persistence.queries import active_on


@dataclass(frozen=True)
class ChildHit:
    """A child the actor may see: "Rita Rasmussen · 2.A" with where they are ("Skovlyskolen")."""

    child_id: int
    name: str
    label: str
    detail: str


def _scope(actor: Actor) -> Q | None:
    """The enrolments whose children the actor may see, or None when the role sees no child through search."""
    match actor.role:
        case Role.PARENT:
            return Q(child_id__in=sorted(actor.guardian_of)) if actor.guardian_of else None
        case Role.STAFF | Role.LEADER:
            mine = actor.leader_institutions if actor.role is Role.LEADER else actor.staff_institutions
            return Q(institution_id__in=sorted(mine)) if mine else None
        case Role.PPR:
            return Q(child_id__in=sorted(actor.ppr_children)) if actor.ppr_children else None
        case Role.ADMIN:
            return Q()
        case _:
            return None


async def search_children(actor: Actor, words: list[str], today: date, limit: int) -> list[ChildHit]:
    """Currently enrolled children matching every word by first or last name or group, each passing can_view_child.

    One query; a child in a school and its BFO is named by the school class.
    """
    scope = _scope(actor)
    if scope is None or not words:
        return []
    query = Enrolment.filter(scope, active_on(today), child__active=True, child__is_child=True)
    for word in words:
        query = query.filter(Q(child__first_name__icontains=word) | Q(child__last_name__icontains=word)
                             | Q(group__name__icontains=word))
    rows = await query.order_by("child__first_name", "child__last_name", "child_id").limit(limit * 3).values_list(
        "child_id", "child__first_name", "child__last_name", "group__name", "group__kind", "institution_id",
        "institution__name")
    names: dict[int, str] = {}
    groups: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    places: dict[int, set[str]] = defaultdict(set)
    institutions: dict[int, set[int]] = defaultdict(set)
    for child_id, first, last, group, kind, inst_id, inst in rows:
        cid = int(child_id)
        names[cid] = f"{first} {last}"
        if group:
            groups[cid].append((kind != GroupKind.KLASSE.value, str(group)))
        places[cid].add(str(inst))
        institutions[cid].add(int(inst_id))
    out = []
    for cid, name in names.items():
        if not access.can_view_child(actor, ChildFacts(cid, frozenset(institutions[cid]))).allowed:
            continue
        group = min(groups[cid])[1] if groups[cid] else ""
        out.append(ChildHit(cid, name, f"{name} · {group}" if group else name,
                            ", ".join(sorted(places[cid], key=danish_key))))
    return sorted(out, key=lambda h: (danish_key(h.name), h.child_id))[:limit]
