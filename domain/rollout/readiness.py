"""Each institution's readiness checklist: ticked by the project team, or by Sammen where it can see."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.exceptions import IntegrityError

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.organisation.service import InstitutionRow, active_institution_rows, superusers_per_institution
from domain.presence.observed import institutions_checking_in, institutions_with_wall_screen
from domain.rollout.model import AREA_OF_KIND, Area, ReadinessCell, ReadinessChanged, ReadinessItem
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.rollout import ReadinessTick

SAMMEN = "Sammen"
Observer = Callable[[date], Awaitable[set[int]]]


async def _institutions_with_superusers(today: date) -> set[int]:
    return {i for i, n in (await superusers_per_institution(today)).items() if n > 0}


# What Sammen can observe for itself; the first message is ticked by hand until messages land.
OBSERVERS: dict[ReadinessItem, Observer] = {
    ReadinessItem.SUPERUSERS: _institutions_with_superusers,
    ReadinessItem.WALL_SCREEN_PAIRED: institutions_with_wall_screen,
    ReadinessItem.KOMMEGAA_IN_USE: institutions_checking_in,
}


@dataclass(frozen=True)
class ReadinessRow:
    """One institution's line in the matrix."""

    institution_id: int
    name: str
    kind: InstitutionKind
    area: Area
    cells: dict[ReadinessItem, ReadinessCell]

    @property
    def done(self) -> int:
        """How many items are ticked."""
        return sum(c.ticked for c in self.cells.values())


@dataclass(frozen=True)
class ReadinessMatrix:
    """Institutions x items, with ticked counts per area and item."""

    rows: list[ReadinessRow]

    def area_totals(self) -> dict[Area, dict[ReadinessItem, tuple[int, int]]]:
        """Per area and item: (ticked, institutions)."""
        out: dict[Area, dict[ReadinessItem, tuple[int, int]]] = {}
        for area in Area:
            rows = [r for r in self.rows if r.area is area]
            out[area] = {item: (sum(r.cells[item].ticked for r in rows), len(rows)) for item in ReadinessItem}
        return out


def _cell(inst_id: int, item: ReadinessItem, tick: ReadinessTick | None, observed: bool) -> ReadinessCell:
    if observed:
        return ReadinessCell(inst_id, item, True, SAMMEN, None, "", True)
    if tick is None:
        return ReadinessCell(inst_id, item, False, "", None, "", False)
    return ReadinessCell(inst_id, item, tick.ticked, tick.by_name, tick.at, tick.comment, False)


async def readiness_matrix(actor: Actor, today: date, *, institutions: list[InstitutionRow] | None = None,
                           observed: dict[ReadinessItem, set[int]] | None = None) -> ReadinessMatrix:
    """Every active institution's checklist; a caller that already read institutions or observations passes them."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    if institutions is None:
        institutions = await active_institution_rows()
    ticks = {(t.institution_id, ReadinessItem(t.item)): t for t in await ReadinessTick.all()}
    seen = dict(observed or {})
    for item, observer in OBSERVERS.items():
        if item not in seen:
            seen[item] = await observer(today)
    rows = []
    for inst_id, name, kind_value in institutions:
        kind = InstitutionKind(kind_value)
        cells = {item: _cell(inst_id, item, ticks.get((inst_id, item)), inst_id in seen.get(item, set()))
                 for item in ReadinessItem}
        rows.append(ReadinessRow(inst_id, name, kind, AREA_OF_KIND[kind], cells))
    return ReadinessMatrix(rows)


async def do_tick(actor: Actor, institution_id: int, item: ReadinessItem, ticked: bool, comment: str, *,
                  now: datetime) -> ReadinessCell:
    """Tick or untick one item with a comment; Sammen's own observations cannot be unticked by hand."""
    check_typed_text(comment)
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    if len(comment) > 300:
        raise DomainError("rollout.error.too_long")
    if not await Institution.filter(id=institution_id).exists():
        raise NotFound("error.not_found")
    observer = OBSERVERS.get(item)
    if observer is not None and institution_id in await observer(now.date()):
        raise DomainError("rollout.error.observed")
    cell = ReadinessCell(institution_id, item, ticked, actor.name, now, comment.strip(), False)
    async with committing(transaction) as outbox:
        updated = await ReadinessTick.filter(institution_id=institution_id, item=item).update(
            ticked=ticked, by_person_id=actor.person_id, by_name=actor.name, at=now, comment=cell.comment)
        if not updated:
            # Two first ticks at once: the unique (institution, item) lets one insert win; the loser's
            # transaction fails and the user is told to try again, so no tick is half-written.
            try:
                await ReadinessTick.create(institution_id=institution_id, item=item, ticked=ticked,
                                           by_person_id=actor.person_id, by_name=actor.name, at=now,
                                           comment=cell.comment)
            except IntegrityError as clash:
                raise DomainError("rollout.error.try_again") from clash
        outbox.add(ReadinessChanged(institution_id, item.value, ticked, actor.name, now.isoformat(),
                                    cell.comment, False))
    return cell
