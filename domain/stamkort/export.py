"""A child's stamkort in a guardian's data export (right of access); medicine and health notes only at level 3."""

from __future__ import annotations

from typing import Any

from domain.stamkort.model import LIMITS, SENSITIVE
from persistence.stamkort import Stamkort


async def stamkort_file(child_id: int, me: int, *, full: bool, withheld: str) -> dict[str, Any]:
    """The stamkort as stored, who changed it last (me or another guardian); sensitive fields say how to get them."""
    row = await Stamkort.get_or_none(child_id=child_id)
    if row is None:
        return {"stamkort": None}
    fields = {name: getattr(row, name) if full or name not in SENSITIVE else withheld for name in LIMITS}
    return {"stamkort": {**fields, "updated_at": row.updated_at, "updated_by_me": row.updated_by_id == me}}
