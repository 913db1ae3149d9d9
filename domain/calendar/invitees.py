"""Who an invitation to a group or institution event goes to, in a fixed number of queries however many."""

from __future__ import annotations

from datetime import date

from tortoise.expressions import Subquery

from domain.access import EventFacts
from domain.calendar.model import Scope
from domain.clock import age_on
from domain.identity.facts import CHILD_LOGIN_MIN_AGE
from persistence.calendar import Invitation
from persistence.people import Custody, Enrolment, GroupMembership
from persistence.queries import active_on, ints


async def invitees_of(facts: EventFacts, today: date) -> dict[int, int | None]:
    """Current guardians of the children there (with the child they come through) and the children aged 10+."""
    if facts.scope == Scope.GROUP and facts.group is not None:
        enrolled = Enrolment.filter(active_on(today), group_id=facts.group.group_id)
        members = GroupMembership.filter(group_id=facts.group.group_id, person__is_child=True)
        rows = [*await enrolled.values_list("child_id", "child__birth_date", "child__active"),
                *await members.values_list("person_id", "person__birth_date", "person__active")]
        child_filter: dict[str, object] = {"child_id__in": [int(r[0]) for r in rows]}
    elif facts.scope == Scope.INSTITUTION and facts.institution_id is not None:
        enrolled = Enrolment.filter(active_on(today), institution_id=facts.institution_id)
        rows = list(await enrolled.values_list("child_id", "child__birth_date", "child__active"))
        # a subquery, so a big institution does not turn into hundreds of bound parameters
        child_filter = {"child_id__in": Subquery(enrolled.values("child_id"))}
    else:
        return {}
    wanted: dict[int, int | None] = {}
    custody = await Custody.filter(active_on(today, "valid_from", "valid_to"), guardian__active=True,
                                   **child_filter).order_by("child_id").values_list("guardian_id", "child_id")
    active_children = {int(r[0]) for r in rows if r[2]}
    for guardian_id, child_id in custody:
        if int(child_id) in active_children:
            wanted.setdefault(int(guardian_id), int(child_id))
    for child_id, born, active in rows:
        if active and born is not None and age_on(born, today) >= CHILD_LOGIN_MIN_AGE:
            wanted.setdefault(int(child_id), None)
    return wanted


async def sync_invitations(event_id: int, wanted: dict[int, int | None]) -> tuple[list[int], list[int]]:
    """Invite those newly wanted in one insert and drop those no longer wanted; the rest keep their answers.

    Returns those still invited from before and those newly invited.
    """
    have = set(ints(await Invitation.filter(event_id=event_id).values_list("person_id", flat=True)))
    gone = sorted(have - set(wanted))
    if gone:
        await Invitation.filter(event_id=event_id, person_id__in=gone).delete()
    new = [Invitation(event_id=event_id, person_id=p, via_child_id=c) for p, c in wanted.items() if p not in have]
    if new:
        await Invitation.bulk_create(new)
    return sorted(have & set(wanted)), [int(i.person_id) for i in new]
