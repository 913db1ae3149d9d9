"""A post marked Vigtigt tells the guardians it reaches, in one read of who they are however many."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from tortoise.expressions import Q, Subquery

from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification
from domain.notifications.outbox import do_enqueue
from persistence.organisation import Institution
from persistence.people import Custody, Enrolment, GroupMembership
from persistence.queries import active_on, ints

TITLE = "Vigtigt opslag fra {place}"


async def guardians_reached(institution_id: int, group_ids: Sequence[int], day: date) -> list[int]:
    """Current, active guardians of the children a post reaches (as the feed's access policy decides): one query."""
    enrolled = Enrolment.filter(active_on(day))
    if group_ids:
        in_groups = enrolled.filter(group_id__in=list(group_ids)).values("child_id")
        members = GroupMembership.filter(group_id__in=list(group_ids), person__is_child=True, person_id__in=Subquery(
            Enrolment.filter(active_on(day)).values("child_id"))).values("person_id")
        children = Q(child_id__in=Subquery(in_groups)) | Q(child_id__in=Subquery(members))
    else:
        children = Q(child_id__in=Subquery(enrolled.filter(institution_id=institution_id).values("child_id")))
    rows = await Custody.filter(children, active_on(day, "valid_from", "valid_to"), guardian__active=True).distinct(
    ).values_list("guardian_id", flat=True)
    return sorted(set(ints(rows)))


async def notify_important_post(outbox: Outbox, *, post_id: int, institution_id: int, group_ids: Sequence[int],
                                title: str, author_id: int, day: date, now: datetime) -> int:
    """Tell each guardian the post reaches (not its author); inside the publish's transaction."""
    people = [p for p in await guardians_reached(institution_id, group_ids, day) if p != author_id]
    if not people:
        return 0
    names = await Institution.filter(id=institution_id).values_list("name", flat=True)
    heading = TITLE.format(place=str(names[0]) if names else "institutionen")
    return await do_enqueue([NewNotification(person_id=p, category=Category.IMPORTANT_POST, title=heading, body=title,
                                             link=f"/opslag/{post_id}", source=f"post:{post_id}") for p in people],
                            outbox, now=now)
