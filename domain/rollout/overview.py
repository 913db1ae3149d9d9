"""Everything the rollout page shows, read once: the plan, readiness, adoption and its trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor
from domain.organisation.service import active_institution_rows, superusers_per_institution
from domain.rollout import adoption, plan, readiness
from domain.rollout.adoption import AdoptionRow, TrendPoint
from domain.rollout.model import ReadinessItem
from domain.rollout.plan import ProgrammeView
from domain.rollout.readiness import ReadinessMatrix

TREND_DAYS = 60


@dataclass(frozen=True)
class RolloutOverview:
    """The data behind /udrulning."""

    programmes: list[ProgrammeView]
    matrix: ReadinessMatrix
    adoption: list[AdoptionRow]
    trend: list[TrendPoint]


async def overview(actor: Actor, today: date) -> RolloutOverview:
    """Read the page's data with shared lookups (institutions and superusers once): 10 queries."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    institutions = await active_institution_rows()
    supers = await superusers_per_institution(today)
    return RolloutOverview(
        programmes=await plan.plan(actor, today),
        matrix=await readiness.readiness_matrix(
            actor, today, institutions=institutions,
            observed={ReadinessItem.SUPERUSERS: {i for i, n in supers.items() if n > 0}}),
        adoption=await adoption.compute(today, institutions, supers),
        trend=await adoption.trend(actor, today - timedelta(days=TREND_DAYS)),
    )
