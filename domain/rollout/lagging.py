"""Institutions lagging behind their wave: go-live passed or near, and less of the checklist done than the wave needs.

At go-live (and after it) a wave needs every item done; in the two weeks before, at least SOON_SHARE of them.
Only waves of programmes still running count: a finished programme's shortfalls are history, not a task.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.identity.model import Actor
from domain.rollout.waves import WaveView, load_waves
from persistence.rollout import Programme

SOON = timedelta(days=14)
SOON_SHARE = 0.75


@dataclass(frozen=True)
class Lagging:
    """An institution behind its wave: how much it has done, and how much the wave needs by now."""

    institution_id: int
    name: str
    wave_id: int
    wave: str
    go_live: date
    done: int
    total: int
    required: float

    @property
    def share(self) -> float:
        """The share of the checklist done."""
        return self.done / self.total if self.total else 0.0

    def days_left(self, today: date) -> int:
        """Days until go-live; negative once it has passed."""
        return (self.go_live - today).days


def required_share(go_live: date, today: date) -> float | None:
    """What a wave needs done by today: all from go-live on, SOON_SHARE in the two weeks before, nothing earlier."""
    if go_live <= today:
        return 1.0
    if go_live - today <= SOON:
        return SOON_SHARE
    return None


def find_lagging(waves: Iterable[WaveView], progress: Mapping[int, tuple[int, int]], today: date) -> list[Lagging]:
    """Members of the waves below what their wave needs, by go-live date, then least done, then name (Danish)."""
    out: list[Lagging] = []
    for wave in waves:
        need = required_share(wave.go_live, today)
        if need is None:
            continue
        for member in wave.members:
            done, total = progress.get(member.institution_id, (0, 0))
            # An institution with nothing on its checklist has nothing to be behind on.
            if total and done / total < need:
                out.append(Lagging(member.institution_id, member.name, wave.id, wave.name, wave.go_live, done, total,
                                   need))
    return sorted(out, key=lambda r: (r.go_live, r.share, danish_key(r.name)))


async def lagging(actor: Actor, today: date, progress: Mapping[int, tuple[int, int]]) -> list[Lagging]:
    """The institutions behind their wave in running programmes, given each one's (done, total) checklist items."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    running = set(await Programme.filter(end__gte=today).values_list("id", flat=True))
    return find_lagging([w for w in await load_waves() if w.programme_id in running], progress, today)
