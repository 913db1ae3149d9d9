"""Items beside events: closing days, booked conference times and form and vacation request deadlines."""

from __future__ import annotations

from datetime import date, datetime

from domain.calendar.facts import Reach
from domain.calendar.holidays import closing_items
from domain.calendar.model import CalendarItem, ItemKind
from domain.identity.model import Actor
from persistence.calendar import ConferenceSlot, Form, VacationRequest
from persistence.presence import PresenceSettings


async def extra_items(actor: Actor, reach: Reach, first: date, last: date, start: datetime,
                      end: datetime) -> list[CalendarItem]:
    """Closing days of the places reached, the children's booked conferences (or own rounds) and deadlines."""
    policy = reach.policy
    items: list[CalendarItem] = []
    institutions = sorted(policy.institution_ids)
    if institutions:
        for inst_id, name, raw in await PresenceSettings.filter(institution_id__in=institutions).values_list(
                "institution_id", "institution__name", "closing_days"):
            kids = tuple(sorted(reach.children_of_institution.get(int(inst_id), frozenset())))
            items += closing_items(int(inst_id), str(name), raw or [], first, last, kids)
    items += await _conferences(actor, reach, start, end)
    groups = sorted(policy.group_ids)
    if groups:
        for form_id, title, deadline, group_id, group_name, inst_id in await Form.filter(
                group_id__in=groups, closed_at__isnull=True, deadline__gte=start, deadline__lt=end).values_list(
                "id", "title", "deadline", "group_id", "group__name", "group__institution_id"):
            kids = tuple(sorted(reach.children_of_group.get(int(group_id), frozenset())))
            items.append(CalendarItem(kind=ItemKind.FORM_DEADLINE, key=f"form:{form_id}", title=str(title),
                                      starts_at=deadline, ends_at=deadline, all_day=False,
                                      scope_label=str(group_name), institution_id=inst_id, child_ids=kids,
                                      url=f"/kalender/blanketter/{form_id}"))
    if groups or institutions:
        items += await _vacation(reach, start, end)
    return items


async def _conferences(actor: Actor, reach: Reach, start: datetime, end: datetime) -> list[CalendarItem]:
    if reach.children:
        query = ConferenceSlot.filter(child_id__in=sorted(reach.children))
    elif reach.policy.staff:
        query = ConferenceSlot.filter(round__organiser_id=actor.person_id, child_id__isnull=False)
    else:
        return []
    rows = await query.filter(starts_at__lt=end, ends_at__gt=start, round__closed_at__isnull=True).values_list(
        "id", "round_id", "round__title", "round__place", "starts_at", "ends_at", "child_id",
        "round__group__name", "round__group__institution_id", "round__organiser_name")
    return [CalendarItem(kind=ItemKind.CONFERENCE, key=f"conference:{slot_id}", title=str(title),
                         starts_at=s, ends_at=e, all_day=False, place=str(place or ""), scope_label=str(group),
                         institution_id=inst, child_ids=(int(child),) if reach.children else (),
                         organiser_name=str(organiser or ""), url=f"/kalender/samtaler/{round_id}")
            for slot_id, round_id, title, place, s, e, child, group, inst, organiser in rows]


async def _vacation(reach: Reach, start: datetime, end: datetime) -> list[CalendarItem]:
    policy = reach.policy
    items = []
    for req_id, title, deadline, inst_ids, group_ids in await VacationRequest.filter(
            deadline__gte=start, deadline__lt=end).values_list("id", "title", "deadline", "institution_ids",
                                                               "group_ids"):
        insts = {int(i) for i in inst_ids or []} & set(policy.institution_ids)
        groups = {int(g) for g in group_ids or []} & set(policy.group_ids)
        if not insts and not groups:
            continue
        kids: set[int] = set()
        for i in insts:
            kids |= reach.children_of_institution.get(i, frozenset())
        for g in groups:
            kids |= reach.children_of_group.get(g, frozenset())
        only = next(iter(insts)) if len(insts) == 1 else None
        items.append(CalendarItem(kind=ItemKind.VACATION_DEADLINE, key=f"vacation:{req_id}", title=str(title),
                                  starts_at=deadline, ends_at=deadline, all_day=False, institution_id=only,
                                  child_ids=tuple(sorted(kids)), url=f"/kalender/ferie/{req_id}"))
    return items
