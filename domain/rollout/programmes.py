"""Programmes and their phases and tracks as data the project team shapes: create, rename, redate, remove, restore."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from domain import access
from domain.audit import service as audit
from domain.dates import show_day
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.rollout.model import Area, PlanChanged, SpanKind
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.rollout import Milestone, Programme, Span, Wave

NAME_MAX = 120
KEY_MAX = 40


@dataclass(frozen=True)
class ProgrammeDraft:
    """What the programme dialog sends (the area is chosen once, when the programme is created)."""

    area: Area
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class SpanDraft:
    """A phase or track the team names and dates itself."""

    programme_id: int
    kind: SpanKind
    label: str
    start: date
    end: date


@dataclass(frozen=True)
class RemovedSpan:
    """A removed phase or track and the milestones it held, so Fortryd can put both back."""

    draft: SpanDraft
    key: str
    milestone_ids: tuple[int, ...]


def span_key(label: str) -> str:
    """A plain key for a span the team named ('Kurser og information' -> 'kurser_og_information')."""
    folded = unicodedata.normalize("NFKD", label.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    return re.sub(r"[^a-z0-9]+", "_", folded.encode("ascii", "ignore").decode()).strip("_")[:KEY_MAX] or "egen"


async def _check_editor(actor: Actor) -> None:
    await audit.check(access.can_edit_rollout(actor), actor, "edit_rollout")


def _check_name(name: str, empty_key: str) -> str:
    check_typed_text(name)
    name = name.strip()
    if not name:
        raise DomainError(empty_key)
    if len(name) > NAME_MAX:
        raise DomainError("rollout.error.too_long")
    return name


def _period(start: date, end: date) -> dict[str, str]:
    return {"start": show_day(start), "end": show_day(end)}


async def check_programme(actor: Actor, draft: ProgrammeDraft, programme_id: int | None = None) -> None:
    """Refuse others than the team, an empty name, an end before the start, and new dates that leave things out."""
    await _check_editor(actor)
    _check_name(draft.name, "rollout.error.programme_name_required")
    if draft.end < draft.start:
        raise DomainError("rollout.error.end_before_start")
    if programme_id is None:
        return
    outside = {**_period(draft.start, draft.end)}
    for label, first, last in await Span.filter(programme_id=programme_id).values_list("label", "start", "end"):
        if first < draft.start or last > draft.end:
            raise DomainError("rollout.error.programme_leaves_span", name=label, **outside)
    for title, due in await Milestone.filter(programme_id=programme_id).values_list("title", "due"):
        if not draft.start <= due <= draft.end:
            raise DomainError("rollout.error.programme_leaves_milestone", name=title, **outside)
    for name, go_live in await Wave.filter(programme_id=programme_id).values_list("name", "go_live"):
        if not draft.start <= go_live <= draft.end:
            raise DomainError("rollout.error.programme_leaves_wave", name=name, **outside)


async def do_create_programme(actor: Actor, draft: ProgrammeDraft) -> int:
    """A new, empty programme for an area; phases, tracks, milestones and waves are added to it afterwards."""
    await check_programme(actor, draft)
    async with committing(transaction) as outbox:
        programme = await Programme.create(area=Area(draft.area), name=draft.name.strip(), start=draft.start,
                                           end=draft.end)
        outbox.add(PlanChanged(programme.id))
    return programme.id


async def do_update_programme(actor: Actor, programme_id: int, draft: ProgrammeDraft) -> None:
    """Rename a programme or change its dates (its area stays)."""
    await _check_editor(actor)
    if not await Programme.filter(id=programme_id).exists():
        raise NotFound("error.not_found")
    await check_programme(actor, draft, programme_id)
    async with committing(transaction) as outbox:
        await Programme.filter(id=programme_id).update(name=draft.name.strip(), start=draft.start, end=draft.end)
        outbox.add(PlanChanged(programme_id))


async def check_span(actor: Actor, draft: SpanDraft, span_id: int | None = None) -> None:
    """Refuse others than the team, an empty name, bad dates, and a phase moved after one of its milestones."""
    await _check_editor(actor)
    _check_name(draft.label, "rollout.error.span_label_required")
    if draft.end < draft.start:
        raise DomainError("rollout.error.end_before_start")
    programme = await Programme.get_or_none(id=draft.programme_id)
    if programme is None:
        raise NotFound("error.not_found")
    if draft.start < programme.start or draft.end > programme.end:
        raise DomainError("rollout.error.span_outside", **_period(programme.start, programme.end))
    if span_id is not None and draft.kind is SpanKind.PHASE:
        early = await Milestone.filter(phase_id=span_id, due__lt=draft.start).order_by("due").first()
        if early is not None:
            raise DomainError("rollout.error.phase_after_milestone", title=early.title, due=show_day(early.due))


async def do_add_span(actor: Actor, draft: SpanDraft) -> int:
    """Add a phase or track with the team's own name."""
    await check_span(actor, draft)
    label = draft.label.strip()
    async with committing(transaction) as outbox:
        span = await Span.create(programme_id=draft.programme_id, kind=draft.kind, key=span_key(label), label=label,
                                 start=draft.start, end=draft.end)
        outbox.add(PlanChanged(draft.programme_id))
    return span.id


async def do_update_span(actor: Actor, span_id: int, label: str, start: date, end: date) -> None:
    """Rename a phase or track, or change its dates (the deck's own keep their key)."""
    await _check_editor(actor)
    span = await Span.get_or_none(id=span_id)
    if span is None:
        raise NotFound("error.not_found")
    await check_span(actor, SpanDraft(span.programme_id, SpanKind(span.kind), label, start, end), span_id)
    async with committing(transaction) as outbox:
        await Span.filter(id=span_id).update(label=label.strip(), start=start, end=end)
        outbox.add(PlanChanged(span.programme_id))


async def do_remove_span(actor: Actor, span_id: int) -> RemovedSpan:
    """Remove a phase or track; a phase's milestones stay in the programme without a phase. Returns what undoes it."""
    await _check_editor(actor)
    span = await Span.get_or_none(id=span_id)
    if span is None:
        raise NotFound("error.not_found")
    stones: list[int] = await Milestone.filter(phase_id=span_id).values_list("id", flat=True)  # type: ignore[assignment]
    async with committing(transaction) as outbox:
        await Milestone.filter(phase_id=span_id).update(phase_id=None)
        await Span.filter(id=span_id).delete()
        outbox.add(PlanChanged(span.programme_id))
    draft = SpanDraft(span.programme_id, SpanKind(span.kind), span.label, span.start, span.end)
    return RemovedSpan(draft, span.key, tuple(sorted(stones)))


async def do_restore_span(actor: Actor, removed: RemovedSpan) -> int:
    """Put a removed phase or track back, with the milestones it held that are still without a phase."""
    await check_span(actor, removed.draft)
    d = removed.draft
    async with committing(transaction) as outbox:
        span = await Span.create(programme_id=d.programme_id, kind=d.kind, key=removed.key, label=d.label,
                                 start=d.start, end=d.end)
        await Milestone.filter(id__in=list(removed.milestone_ids), programme_id=d.programme_id,
                               phase_id=None).update(phase_id=span.id)
        outbox.add(PlanChanged(d.programme_id))
    return span.id
