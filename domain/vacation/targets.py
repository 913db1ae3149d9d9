"""Who a vacation request concerns, and the KommeGå settings that decide which days are open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Q

from domain.errors import NotFound
from domain.presence.model import PRESENCE_KINDS
from domain.presence.tiles import Settings, load_settings, settings_from_row
from domain.vacation.model import RequestInfo
from persistence.organisation import Group
from persistence.people import Enrolment
from persistence.presence import PresenceSettings
from persistence.queries import active_on
from persistence.vacation import VacationRequest

PRESENCE_KIND_VALUES = [k.value for k in PRESENCE_KINDS]


@dataclass(frozen=True)
class Concerned:
    """A child a request concerns, at the KommeGå institution where it is enrolled on the first day."""

    child_id: int
    first_name: str
    last_name: str
    institution_id: int
    group_name: str


def info_of(row: VacationRequest) -> RequestInfo:
    """The read model of a stored request."""
    return RequestInfo(row.id, row.title, row.note, row.first_day, row.last_day, row.deadline, row.author_name,
                       tuple(int(i) for i in row.institution_ids), tuple(int(g) for g in row.group_ids))


async def load_request(request_id: int) -> tuple[VacationRequest, RequestInfo]:
    """A request by id, or NotFound."""
    row = await VacationRequest.get_or_none(id=request_id)
    if row is None:
        raise NotFound("vacation.error.not_found")
    return row, info_of(row)


def _targets(info: RequestInfo) -> Q:
    return Q(institution_id__in=list(info.institution_ids) or [0]) | Q(group_id__in=list(info.group_ids) or [0])


async def concerned(info: RequestInfo, child_ids: list[int] | None = None) -> list[Concerned]:
    """The children enrolled at the request's KommeGå institutions or groups on its first day (one query)."""
    query = Enrolment.filter(_targets(info), active_on(info.first_day), child__active=True,
                             institution__kind__in=PRESENCE_KIND_VALUES)
    if child_ids is not None:
        query = query.filter(child_id__in=child_ids or [0])
    rows: list[dict[str, Any]] = await query.order_by("child__first_name", "child_id").values(
        "child_id", "child__first_name", "child__last_name", "institution_id", "group__name")
    seen: dict[int, Concerned] = {}
    for r in rows:
        seen.setdefault(r["child_id"], Concerned(r["child_id"], r["child__first_name"], r["child__last_name"],
                                                 r["institution_id"], r["group__name"] or ""))
    return list(seen.values())


async def concerned_child(info: RequestInfo, child_id: int) -> Concerned:
    """One concerned child, or NotFound when the request does not concern it."""
    found = await concerned(info, [child_id])
    if not found:
        raise NotFound("vacation.error.not_concerned")
    return found[0]


async def settings_of(institution_ids: set[int]) -> dict[int, Settings]:
    """KommeGå settings of several institutions in one query (defaults created for any without)."""
    rows = await PresenceSettings.filter(institution_id__in=list(institution_ids) or [0]).select_related(
        "institution")
    found = {row.institution_id: settings_from_row(row) for row in rows}
    for missing in institution_ids - found.keys():
        found[missing] = await load_settings(missing)
    return found


async def reach(info: RequestInfo) -> frozenset[int]:
    """The institutions a request reaches: its own and those of its groups."""
    groups: list[Any] = await Group.filter(id__in=list(info.group_ids) or [0]).values_list("institution_id",
                                                                                          flat=True)
    return frozenset(info.institution_ids) | frozenset(int(g) for g in groups if g is not None)


def closed_label(settings: Settings, day: date) -> str:
    """Why a day is closed for this institution ("" when open)."""
    reason = settings.closed_reason(day)
    return "" if reason is None else reason
