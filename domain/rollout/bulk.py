"""The project team ticks one item for every institution of a wave or filter at once, and can undo it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.rollout.matrix import MatrixFilter, load_matrix
from domain.rollout.model import Area, ChecklistAction, ReadinessChanged
from domain.rollout.readiness import OBSERVERS, check_comment
from persistence.db import transaction
from persistence.rollout import ChecklistEntry, ChecklistItem, ChecklistTick


@dataclass(frozen=True)
class BulkPlan:
    """Which institutions a bulk tick of one item would tick (those in the filter not yet done)."""

    item_id: int
    title: str
    institution_ids: tuple[int, ...]

    @property
    def count(self) -> int:
        """How many institutions would be ticked."""
        return len(self.institution_ids)


@dataclass(frozen=True)
class Previous:
    """A cell as it was before a bulk tick (ticked None: it had never been touched)."""

    institution_id: int
    ticked: bool | None
    by_person_id: int | None
    by_name: str
    at: datetime | None
    comment: str


@dataclass(frozen=True)
class BulkUndo:
    """What undoing a bulk tick puts back."""

    item_id: int
    at: datetime
    previous: tuple[Previous, ...]

    @property
    def count(self) -> int:
        """How many institutions were ticked."""
        return len(self.previous)


async def check_bulk_tick(actor: Actor, item_id: int, filters: MatrixFilter, today: date) -> BulkPlan:
    """The institutions in the filter, of the item's area, where the item is neither ticked nor observed."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    item = await ChecklistItem.get_or_none(id=item_id).prefetch_related("programme")
    if item is None:
        raise NotFound("error.not_found")
    # The institutions shown: a status filter on an open phase means that phase's status, as on the page.
    view = await load_matrix(actor, replace(filters, area=Area(item.programme.area), page=0), today)
    ids = [r.institution_id for r in view.rows]
    done: set[int] = set(await ChecklistTick.filter(  # type: ignore[arg-type]
        item_id=item_id, ticked=True, institution_id__in=ids).values_list("institution_id", flat=True))
    if item.observed is not None and item.observed in OBSERVERS:
        done |= await OBSERVERS[item.observed](today)
    return BulkPlan(item_id, item.title, tuple(i for i in ids if i not in done))


async def do_bulk_tick(actor: Actor, plan: BulkPlan, comment: str, *, now: datetime) -> BulkUndo:
    """Tick the plan's item at its institutions in one transaction; each cell's history gets the tick."""
    text = check_comment(comment)
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    if not plan.institution_ids:
        raise DomainError("rollout.error.bulk_nothing")
    ids = list(plan.institution_ids)
    async with committing(transaction) as outbox:
        stored = {row[0]: row for row in await ChecklistTick.filter(item_id=plan.item_id, institution_id__in=ids)
                  .values_list("institution_id", "ticked", "by_person_id", "by_name", "at", "comment")}
        # A cell someone ticked since the count was shown is left as it is.
        targets = [i for i in ids if not (i in stored and stored[i][1])]
        previous = tuple(Previous(*stored[i]) if i in stored else Previous(i, None, None, "", None, "")
                         for i in targets)
        fields = {"ticked": True, "by_person_id": actor.person_id, "by_name": actor.name, "at": now, "comment": text}
        await ChecklistTick.filter(item_id=plan.item_id, institution_id__in=[i for i in targets if i in stored]) \
            .update(**fields)
        await ChecklistTick.bulk_create([ChecklistTick(institution_id=i, item_id=plan.item_id, **fields)
                                         for i in targets if i not in stored])
        await ChecklistEntry.bulk_create([ChecklistEntry(
            institution_id=i, item_id=plan.item_id, action=ChecklistAction.TICK, by_person_id=actor.person_id,
            by_name=actor.name, at=now, comment=text) for i in targets])
        for i in targets:
            outbox.add(ReadinessChanged(i, plan.item_id, True, False, actor.name, now.isoformat(), text, False))
    return BulkUndo(plan.item_id, now, previous)


async def do_undo_bulk(actor: Actor, undo: BulkUndo, *, now: datetime) -> int:
    """Put back the cells a bulk tick changed, unless someone has changed them since; returns how many."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    ids = [p.institution_id for p in undo.previous]
    async with committing(transaction) as outbox:
        still = set(await ChecklistTick.filter(item_id=undo.item_id, institution_id__in=ids, ticked=True,
                                               at=undo.at, by_person_id=actor.person_id)
                    .values_list("institution_id", flat=True))
        back = [p for p in undo.previous if p.institution_id in still]
        for p in back:
            cell = ChecklistTick.filter(item_id=undo.item_id, institution_id=p.institution_id)
            if p.ticked is None:
                await cell.delete()
            else:
                await cell.update(ticked=p.ticked, by_person_id=p.by_person_id, by_name=p.by_name, at=p.at,
                                  comment=p.comment)
            outbox.add(ReadinessChanged(p.institution_id, undo.item_id, bool(p.ticked), True, p.by_name,
                                        p.at.isoformat() if p.at else "", p.comment, False))
        await ChecklistEntry.bulk_create([ChecklistEntry(
            institution_id=p.institution_id, item_id=undo.item_id, action=ChecklistAction.UNTICK,
            by_person_id=actor.person_id, by_name=actor.name, at=now, comment="") for p in back])
    return len(back)
