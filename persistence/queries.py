"""Query pieces every feature uses: rows running on a day, and flat id lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from tortoise.expressions import Q


def active_on(day: date, start_field: str = "start", end_field: str = "end") -> Q:
    """Rows whose span covers a day (no end means still running)."""
    starts: dict[str, Any] = {f"{start_field}__lte": day}
    open_end: dict[str, Any] = {f"{end_field}__isnull": True}
    ends: dict[str, Any] = {f"{end_field}__gte": day}
    return Q(**starts) & (Q(**open_end) | Q(**ends))


def ints(rows: Iterable[Any]) -> list[int]:
    """Tortoise types flat values_list as tuples; this says what they are."""
    return [int(r) for r in rows]
