"""Everything the rollout page shows, read once: the plan, readiness, adoption and its trend."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from domain import access
from domain.audit import service as audit
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.organisation.service import InstitutionRow, active_institution_rows, superusers_per_institution
from domain.presence.observed import checkins_per_week
from domain.rollout import adoption, plan
from domain.rollout.adoption import AdoptionRow, TrendPoint
from domain.rollout.model import AREA_OF_KIND, Area
from domain.rollout.plan import ProgrammeView

TREND_DAYS = 60
CHECKIN_WEEKS = 8


@dataclass(frozen=True)
class RolloutOverview:
    """The data behind /udrulning."""

    programmes: list[ProgrammeView]
    adoption: list[AdoptionRow]
    trend: list[TrendPoint]
    checkins: dict[tuple[date, Area], int]


async def overview(actor: Actor, today: date) -> RolloutOverview:
    """Read the page's data with shared lookups (institutions and superusers once); the matrix loads by itself."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    institutions = await active_institution_rows()
    supers = await superusers_per_institution(today)
    return RolloutOverview(
        programmes=await plan.plan(actor, today),
        adoption=await adoption.compute(today, institutions, supers),
        trend=await adoption.trend(actor, today - timedelta(days=TREND_DAYS)),
        checkins=_by_area(await checkins_per_week(today - timedelta(days=CHECKIN_WEEKS * 7)), institutions),
    )


def _by_area(per_institution: dict[tuple[date, int], int], institutions: list[InstitutionRow]
             ) -> dict[tuple[date, Area], int]:
    """Digital check-ins per week folded into the three areas."""
    area_of = {i: AREA_OF_KIND[InstitutionKind(kind)] for i, _, kind in institutions}
    out: dict[tuple[date, Area], int] = defaultdict(int)
    for (week, institution_id), n in per_institution.items():
        if institution_id in area_of:
            out[(week, area_of[institution_id])] += n
    return dict(out)
