"""Adoption measured from real use: guardians who logged in, superusers; daily snapshots for the trend."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from domain import access
from domain.audit import service as audit
from domain.clock import day_start
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.organisation.service import InstitutionRow, active_institution_rows, superusers_per_institution
from domain.rollout.model import AREA_OF_KIND, Area
from persistence.db import transaction
from persistence.people import Custody
from persistence.queries import active_on
from persistence.rollout import AdoptionSnapshot

RECENT_DAYS = 30


@dataclass(frozen=True)
class AdoptionRow:
    """One institution's (or area's) adoption figures."""

    institution_id: int
    name: str
    area: Area
    guardians: int
    guardians_ever: int
    guardians_30d: int
    superusers: int

    @property
    def share_ever(self) -> float:
        """Share of guardians who have ever logged in."""
        return self.guardians_ever / self.guardians if self.guardians else 0.0

    @property
    def share_30d(self) -> float:
        """Share of guardians who logged in within the last 30 days."""
        return self.guardians_30d / self.guardians if self.guardians else 0.0

    def after_login(self, first_ever: bool, first_in_30d: bool) -> AdoptionRow:
        """The figures once one more of this institution's guardians has logged in."""
        return replace(self, guardians_ever=self.guardians_ever + first_ever,
                       guardians_30d=self.guardians_30d + first_in_30d)


def end_of(day: date) -> datetime:
    """The first moment after a Copenhagen day."""
    return day_start(day + timedelta(days=1))


async def _guardian_counts(day: date, login_filter: Q | None) -> dict[int, int]:
    """Distinct guardians of children enrolled on a day, per institution, optionally only those who logged in."""
    query = Custody.filter(active_on(day, "valid_from", "valid_to"), active_on(day, "child__enrolments__start",
                                                                               "child__enrolments__end"))
    if login_filter is not None:
        query = query.filter(login_filter)
    rows = await query.annotate(n=Count("guardian_id", distinct=True)).group_by(
        "child__enrolments__institution_id").values_list("child__enrolments__institution_id", "n")
    return {int(i): int(n) for i, n in rows}


async def compute(day: date, institutions: list[InstitutionRow] | None = None,
                  supers: dict[int, int] | None = None) -> list[AdoptionRow]:
    """Adoption per institution as of the end of a day, from login records (3 to 5 aggregate queries)."""
    institutions = institutions if institutions is not None else await active_institution_rows()
    supers = supers if supers is not None else await superusers_per_institution(day)
    until = end_of(day)
    since = until - timedelta(days=RECENT_DAYS)
    total = await _guardian_counts(day, None)
    ever = await _guardian_counts(day, Q(guardian__account__logins__at__lt=until))
    recent = await _guardian_counts(day, Q(guardian__account__logins__at__lt=until,
                                           guardian__account__logins__at__gte=since))
    return [AdoptionRow(i, name, AREA_OF_KIND[InstitutionKind(kind)], total.get(i, 0), ever.get(i, 0),
                        recent.get(i, 0), supers.get(i, 0)) for i, name, kind in institutions]


async def adoption(actor: Actor, day: date) -> list[AdoptionRow]:
    """Adoption per institution for the project team."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    return await compute(day)


def by_area(rows: list[AdoptionRow]) -> list[AdoptionRow]:
    """The institutions' figures summed per area (a guardian in two institutions counts in both)."""
    out = []
    for area in Area:
        mine = [r for r in rows if r.area is area]
        out.append(AdoptionRow(0, area.value, area, sum(r.guardians for r in mine),
                               sum(r.guardians_ever for r in mine), sum(r.guardians_30d for r in mine),
                               sum(r.superusers for r in mine)))
    return out


async def do_store_snapshot(day: date) -> int:
    """The daily job: store (or refresh) each institution's figures for a day; returns rows written."""
    rows = await compute(day)
    async with transaction():
        await AdoptionSnapshot.filter(day=day).delete()
        await AdoptionSnapshot.bulk_create([
            AdoptionSnapshot(day=day, institution_id=r.institution_id, guardians=r.guardians,
                             guardians_ever=r.guardians_ever, guardians_30d=r.guardians_30d, superusers=r.superusers)
            for r in rows])
    return len(rows)


async def do_backfill_snapshots(until: date, days: int) -> int:
    """Store snapshots for the days not yet stored in a window ending on a day."""
    stored = set(await AdoptionSnapshot.filter(day__gt=until - timedelta(days=days)).distinct()
                 .values_list("day", flat=True))
    written = 0
    for offset in range(days - 1, -1, -1):
        day = until - timedelta(days=offset)
        if day not in stored or day == until:
            written += await do_store_snapshot(day)
    return written


@dataclass(frozen=True)
class TrendPoint:
    """One day's shares for one area."""

    day: date
    area: Area
    share_ever: float
    share_30d: float


async def trend(actor: Actor, since: date) -> list[TrendPoint]:
    """Daily shares per area from the stored snapshots (one aggregate query)."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    rows = await AdoptionSnapshot.filter(day__gte=since).annotate(
        g=Sum("guardians"), e=Sum("guardians_ever"), r=Sum("guardians_30d")).group_by(
        "day", "institution__kind").values_list("day", "institution__kind", "g", "e", "r")
    sums: dict[tuple[date, Area], list[int]] = defaultdict(lambda: [0, 0, 0])
    for day, kind, guardians, ever, recent in rows:  # at most 7 kinds a day: folding kinds into areas
        acc = sums[(day, AREA_OF_KIND[InstitutionKind(kind)])]
        acc[0] += guardians
        acc[1] += ever
        acc[2] += recent
    return [TrendPoint(day, area, e / g if g else 0.0, r / g if g else 0.0)
            for (day, area), (g, e, r) in sorted(sums.items())]
