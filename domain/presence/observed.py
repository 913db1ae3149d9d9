"""What KommeGå tells the rollout: paired wall screens, institutions checking in digitally, check-ins per week."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from tortoise.functions import Count

from domain.presence.model import Action
from persistence.presence import PresenceChange, WallScreen
from persistence.queries import ints

IN_USE_DAYS = 14


async def institutions_with_wall_screen(today: date) -> set[int]:
    """Institutions with a paired wall screen that has not been revoked."""
    return set(ints(await WallScreen.filter(paired_at__isnull=False, revoked_at__isnull=True,
                                            institution_id__isnull=False).distinct()
                    .values_list("institution_id", flat=True)))


async def institutions_checking_in(today: date) -> set[int]:
    """Institutions where children were checked in digitally within the last two weeks."""
    since = today - timedelta(days=IN_USE_DAYS)
    return set(ints(await PresenceChange.filter(action=Action.CHECK_IN, day__gte=since, day__lte=today,
                                                undone=False).distinct().values_list("institution_id", flat=True)))


async def checkins_per_week(since: date) -> dict[tuple[date, int], int]:
    """Digital check-ins per (Monday of the week, institution), in one aggregate query."""
    rows = await PresenceChange.filter(action=Action.CHECK_IN, day__gte=since, undone=False).annotate(
        n=Count("id")).group_by("day", "institution_id").values_list("day", "institution_id", "n")
    out: dict[tuple[date, int], int] = defaultdict(int)
    for day, institution_id, n in rows:
        out[(day - timedelta(days=day.weekday()), int(institution_id))] += int(n)
    return dict(out)
