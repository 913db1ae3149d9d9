"""Retention of KommeGå history: presence days, their changes and past day plans before a cutoff day."""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.expressions import Subquery
from tortoise.models import Model

from persistence.db import transaction
from persistence.organisation import Institution
from persistence.people import Person
from persistence.presence import PlanEntry, PresenceChange, PresenceDay
from persistence.queries import ints

# Rows per delete statement: each batch is one short transaction, so the board never waits long on a lock.
ROW_BATCH = 5000


async def _institutions(municipality_id: int) -> list[int]:
    return ints(await Institution.filter(municipality_id=municipality_id).values_list("id", flat=True))


def _scopes(institutions: list[int], municipality_id: int, cutoff: date) -> list[tuple[type[Model], dict[str, Any]]]:
    children = Subquery(Person.filter(municipality_id=municipality_id, is_child=True).values("id"))
    return [
        (PresenceChange, {"institution_id__in": institutions, "day__lt": cutoff}),
        (PresenceDay, {"institution_id__in": institutions, "day__lt": cutoff}),
        (PlanEntry, {"child_id__in": children, "day__isnull": False, "day__lt": cutoff}),
    ]


async def plan_presence(municipality_id: int, cutoff: date) -> tuple[int, int, int]:
    """(presence days, presence changes, day plans) dated before the cutoff: three counting queries."""
    institutions = await _institutions(municipality_id)
    changes, days, plans = [await model.filter(**where).count()
                            for model, where in _scopes(institutions, municipality_id, cutoff)]
    return days, changes, plans


async def delete_presence(municipality_id: int, cutoff: date) -> tuple[int, int, int]:
    """Delete presence days, changes and day plans before the cutoff, a batch of rows per transaction."""
    institutions = await _institutions(municipality_id)
    done: list[int] = []
    for model, where in _scopes(institutions, municipality_id, cutoff):
        total = 0
        while True:
            async with transaction():
                ids = ints(await model.filter(**where).order_by("id").limit(ROW_BATCH).values_list("id", flat=True))
                if ids:
                    total += await model.filter(id__in=ids).delete()
            if len(ids) < ROW_BATCH:
                break
        done.append(total)
    changes, days, plans = done
    return days, changes, plans
