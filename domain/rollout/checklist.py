"""The readiness checklist as data: items of a programme (optionally of a phase) the project team writes and orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.rollout.model import Area, ChecklistChanged, ObservedKey, SpanKind
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.rollout import ChecklistItem, Programme, Span

TITLE_MAX, OWNER_MAX = 160, 120
NO_PHASE = ""  # the column key of items that belong to no phase
NONE: tuple[str, str, date | None] = (NO_PHASE, "", None)


@dataclass(frozen=True)
class ItemView:
    """One checklist item, with its programme's area and its phase's key and label."""

    id: int
    programme_id: int
    area: Area
    phase_id: int | None
    phase_key: str
    phase_label: str
    phase_start: date | None
    title: str
    owner: str
    deadline: date | None
    position: int
    observed: ObservedKey | None


@dataclass(frozen=True)
class ItemDraft:
    """What the item dialog sends."""

    programme_id: int
    phase_id: int | None
    title: str
    owner: str = ""
    deadline: date | None = None
    observed: ObservedKey | None = None


@dataclass(frozen=True)
class PhaseOption:
    """A phase of a programme, as the item dialog offers it."""

    id: int
    programme_id: int
    key: str
    label: str
    start: date
    end: date


async def load_items(programme_ids: list[int] | None = None) -> list[ItemView]:
    """Items of every (or the given) programme in their order, in three queries; no access check (callers have one)."""
    programmes = dict(await Programme.all().values_list("id", "area"))
    phases = {i: (k, lbl, start) for i, k, lbl, start in
              await Span.filter(kind=SpanKind.PHASE).values_list("id", "key", "label", "start")}
    query = ChecklistItem.all() if programme_ids is None else ChecklistItem.filter(programme_id__in=programme_ids)
    rows = await query.order_by("programme_id", "position", "id").values_list(
        "id", "programme_id", "phase_id", "title", "owner", "deadline", "position", "observed")
    out = []
    for item_id, programme_id, phase_id, title, owner, deadline, position, observed in rows:
        key, label, start = phases.get(phase_id, NONE) if phase_id is not None else NONE
        out.append(ItemView(item_id, programme_id, Area(programmes[programme_id]), phase_id, key, label, start, title,
                            owner, deadline, position, ObservedKey(observed) if observed else None))
    return out


async def checklist(actor: Actor, programme_id: int) -> list[ItemView]:
    """A programme's items in order (the project team's editor)."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    return await load_items([programme_id])


async def phase_options(actor: Actor) -> list[PhaseOption]:
    """Every programme's phases by start, for the item dialog."""
    await audit.check(access.can_view_rollout(actor), actor, "view_rollout")
    rows = await Span.filter(kind=SpanKind.PHASE).order_by("start", "id").values_list(
        "id", "programme_id", "key", "label", "start", "end")
    return [PhaseOption(*row) for row in rows]


async def check_item(actor: Actor, draft: ItemDraft) -> None:
    """Refuse others, an empty or long title, an unknown programme, and a phase of another programme."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    if not draft.title.strip():
        raise DomainError("rollout.error.title_required")
    if len(draft.title.strip()) > TITLE_MAX or len(draft.owner.strip()) > OWNER_MAX:
        raise DomainError("rollout.error.too_long")
    if not await Programme.filter(id=draft.programme_id).exists():
        raise NotFound("error.not_found")
    if draft.phase_id is not None and not await Span.filter(
            id=draft.phase_id, programme_id=draft.programme_id, kind=SpanKind.PHASE).exists():
        raise DomainError("rollout.error.unknown_phase")


async def do_save_item(actor: Actor, draft: ItemDraft, item_id: int | None = None) -> int:
    """Create an item (last in its programme) or change one; returns its id."""
    check_typed_text(draft)
    await check_item(actor, draft)
    fields: dict[str, Any] = {
        "programme_id": draft.programme_id, "phase_id": draft.phase_id, "title": draft.title.strip(),
        "owner": draft.owner.strip(), "deadline": draft.deadline, "observed": draft.observed}
    async with committing(transaction) as outbox:
        if item_id is None:
            last = await ChecklistItem.filter(programme_id=draft.programme_id).order_by("-position").first()
            item_id = (await ChecklistItem.create(**fields, position=(last.position + 1) if last else 1)).id
        else:
            item = await ChecklistItem.get_or_none(id=item_id)
            if item is None:
                raise NotFound("error.not_found")
            if item.programme_id != draft.programme_id:
                raise DomainError("rollout.error.other_programme")
            await ChecklistItem.filter(id=item_id).update(**fields)
        outbox.add(ChecklistChanged(draft.programme_id))
    return item_id


async def do_delete_item(actor: Actor, item_id: int) -> None:
    """Remove an item with its ticks and history (the project team only)."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    item = await ChecklistItem.get_or_none(id=item_id)
    if item is None:
        raise NotFound("error.not_found")
    async with committing(transaction) as outbox:
        await item.delete()
        outbox.add(ChecklistChanged(item.programme_id))


async def do_move_item(actor: Actor, item_id: int, step: int) -> None:
    """Move an item one place up (-1) or down (+1) in its programme; the ends stay where they are."""
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")
    item = await ChecklistItem.get_or_none(id=item_id)
    if item is None:
        raise NotFound("error.not_found")
    rows = list(await ChecklistItem.filter(programme_id=item.programme_id).order_by("position", "id")
                .values_list("id", "position"))
    at = next(n for n, (other, _) in enumerate(rows) if other == item_id)
    to = at + (1 if step > 0 else -1)
    if not 0 <= to < len(rows):
        return
    async with committing(transaction) as outbox:
        (mine, my_position), (theirs, their_position) = rows[at], rows[to]
        if my_position != their_position:
            await ChecklistItem.filter(id=mine).update(position=their_position)
            await ChecklistItem.filter(id=theirs).update(position=my_position)
        else:
            # Two items that share a place (two inserts at once) are numbered apart first.
            ids = [other for other, _ in rows]
            ids[at], ids[to] = ids[to], ids[at]
            for position, other in enumerate(ids, start=1):
                await ChecklistItem.filter(id=other).update(position=position)
        outbox.add(ChecklistChanged(item.programme_id))


def by_title(items: list[ItemView]) -> list[ItemView]:
    """Items in Danish alphabetical order (for pickers that list many)."""
    return sorted(items, key=lambda i: danish_key(i.title))
