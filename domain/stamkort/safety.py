"""Allergies and diet for the KommeGå board, its tile dialog and the daily list: one query for a whole institution."""

from __future__ import annotations

from datetime import date

from tortoise.expressions import Q, Subquery

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor
from domain.stamkort.model import Safety
from persistence.people import Enrolment
from persistence.queries import active_on
from persistence.stamkort import Stamkort

ACTION = "view_stamkort_safety"


async def institution_safety(actor: Actor, institution_id: int, day: date) -> dict[int, Safety]:
    """Each child enrolled on the day with allergies or a diet: whoever runs the board sees them (audited per child)."""
    await audit.check(access.can_operate_presence(actor, institution_id), actor, ACTION)
    enrolled = Enrolment.filter(active_on(day), institution_id=institution_id, child__active=True).values("child_id")
    rows = await Stamkort.filter(Q(allergies__not="") | Q(diet__not=""), child_id__in=Subquery(enrolled)).values_list(
        "child_id", "allergies", "diet")
    found = {int(child_id): Safety(str(allergies), str(diet)) for child_id, allergies, diet in rows}
    if found:
        await audit.record_reads(actor, ACTION, sorted(found), detail=f"institution:{institution_id}")
    return found
