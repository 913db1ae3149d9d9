"""Ticking an institution's checklist: the project team anywhere, a leader or superuser at their own institution."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.exceptions import IntegrityError

from domain import access
from domain.audit import service as audit
from domain.collation import danish_key
from domain.errors import AccessDenied, DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor, Role
from domain.organisation.model import InstitutionKind
from domain.organisation.service import superusers_per_institution
from domain.presence.observed import institutions_checking_in, institutions_with_wall_screen
from domain.rollout.model import (
    AREA_OF_KIND,
    ChecklistAction,
    ObservedKey,
    ReadinessCell,
    ReadinessChanged,
)
from domain.text import check_typed_text
from persistence.db import transaction
from persistence.messages import SharedInbox
from persistence.organisation import Institution
from persistence.people import Employment
from persistence.queries import active_on
from persistence.rollout import ChecklistEntry, ChecklistItem, ChecklistTick

SAMMEN = "Sammen"
COMMENT_MAX = 300
Observer = Callable[[date], Awaitable[set[int]]]


async def _institutions_with_superusers(today: date) -> set[int]:
    return {i for i, n in (await superusers_per_institution(today)).items() if n > 0}


async def _institutions_with_messages(today: date) -> set[int]:
    """Institutions whose staff (today's) or shared inbox have sent a message themselves (not an auto-reply)."""
    staff = await Employment.filter(active_on(today), person__messages_sent__auto_reply=False).distinct() \
        .values_list("institution_id", flat=True)
    inbox = await SharedInbox.filter(messages__auto_reply=False).distinct().values_list("institution_id", flat=True)
    return {int(i) for i in [*staff, *inbox]}  # type: ignore[call-overload]


# What Sammen can observe for itself.
OBSERVERS: dict[ObservedKey, Observer] = {
    ObservedKey.SUPERUSERS: _institutions_with_superusers,
    ObservedKey.WALL_SCREEN_PAIRED: institutions_with_wall_screen,
    ObservedKey.KOMMEGAA_IN_USE: institutions_checking_in,
    ObservedKey.FIRST_MESSAGE: _institutions_with_messages,
}


async def observations(keys: set[ObservedKey], today: date) -> dict[ObservedKey, set[int]]:
    """Institutions Sammen has seen doing each of the keys (one query per key that has an observer)."""
    return {key: await OBSERVERS[key](today) for key in keys if key in OBSERVERS}


@dataclass(frozen=True)
class HistoryEntry:
    """One tick, untick or comment on a cell."""

    at: datetime
    by_name: str
    action: ChecklistAction
    comment: str


async def superuser_at(actor: Actor, today: date) -> frozenset[int]:
    """The institutions where a staff member is a superuser today (none for other roles)."""
    if actor.role is not Role.STAFF:
        return frozenset()
    rows: list[int] = await Employment.filter(active_on(today), person_id=actor.person_id, superuser=True) \
        .values_list("institution_id", flat=True)  # type: ignore[assignment]
    return frozenset(int(i) for i in rows)


async def check_own(actor: Actor, institution_id: int, today: date, action: str = "tick_readiness") -> None:
    """Refuse, with the reason in Danish, anyone but the project team or a leader or superuser of the institution."""
    await _check(access.can_tick_readiness(actor, institution_id, await superuser_at(actor, today)), actor, action)


async def check_view(actor: Actor, institution_id: int, today: date) -> bool:
    """Refuse those who may not see the institution's checklist; True when the actor may also tick it."""
    superuser = await superuser_at(actor, today)
    await _check(access.can_view_readiness(actor, institution_id, superuser), actor, "view_readiness")
    return access.can_tick_readiness(actor, institution_id, superuser).allowed


async def _check(decision: access.Decision, actor: Actor, action: str) -> None:
    try:
        await audit.check(decision, actor, action)
    except AccessDenied:
        raise AccessDenied("rollout.error.not_own_institution") from None


async def my_institutions(actor: Actor, today: date) -> list[tuple[int, str]]:
    """The institutions whose checklist a leader, or anyone on staff, sees on their own page, in Danish order."""
    if actor.role is Role.LEADER:
        ids = actor.leader_institutions
    elif actor.role is Role.STAFF:
        ids = actor.staff_institutions
    else:
        ids = frozenset()
    rows = await Institution.filter(id__in=list(ids), active=True).values_list("id", "name")
    return sorted(((int(i), str(n)) for i, n in rows), key=lambda r: danish_key(r[1]))


async def _item_for(institution_id: int, item_id: int) -> ChecklistItem:
    """The item, refused unless it belongs to a programme of the institution's area."""
    kind: list[str] = await Institution.filter(id=institution_id).values_list(
        "kind", flat=True)  # type: ignore[assignment]
    item = await ChecklistItem.get_or_none(id=item_id).prefetch_related("programme")
    if not kind or item is None:
        raise NotFound("error.not_found")
    if item.programme.area != AREA_OF_KIND[InstitutionKind(kind[0])]:
        raise DomainError("rollout.error.not_this_area")
    return item


def check_comment(comment: str) -> str:
    check_typed_text(comment)
    if len(comment.strip()) > COMMENT_MAX:
        raise DomainError("rollout.error.too_long")
    return comment.strip()


async def do_tick(actor: Actor, institution_id: int, item_id: int, ticked: bool, comment: str, *,
                  now: datetime) -> ReadinessCell:
    """Tick or untick one item with a comment, kept in the cell's history; Sammen's observations stay as seen."""
    text = check_comment(comment)
    await check_own(actor, institution_id, now.date())
    item = await _item_for(institution_id, item_id)
    if item.observed is not None and item.observed in OBSERVERS and \
            institution_id in await OBSERVERS[item.observed](now.date()):
        raise DomainError("rollout.error.observed")
    return await _write(actor, institution_id, item_id, ticked, text, now,
                        ChecklistAction.TICK if ticked else ChecklistAction.UNTICK)


async def do_comment(actor: Actor, institution_id: int, item_id: int, comment: str, *, now: datetime
                     ) -> ReadinessCell:
    """Add a comment to a cell's history without changing whether it is ticked."""
    text = check_comment(comment)
    if not text:
        raise DomainError("rollout.error.comment_required")
    await check_own(actor, institution_id, now.date())
    await _item_for(institution_id, item_id)
    tick = await ChecklistTick.get_or_none(institution_id=institution_id, item_id=item_id)
    return await _write(actor, institution_id, item_id, bool(tick and tick.ticked), text, now, ChecklistAction.COMMENT)


async def _write(actor: Actor, institution_id: int, item_id: int, ticked: bool, text: str, now: datetime,
                 action: ChecklistAction) -> ReadinessCell:
    cell = ReadinessCell(institution_id, item_id, ticked, actor.name, now, text, False)
    async with committing(transaction) as outbox:
        before = await ChecklistTick.filter(institution_id=institution_id, item_id=item_id).values_list(
            "ticked", flat=True)
        if before:
            await ChecklistTick.filter(institution_id=institution_id, item_id=item_id).update(
                ticked=ticked, by_person_id=actor.person_id, by_name=actor.name, at=now, comment=text)
        else:
            # Two first ticks at once: the unique (institution, item) lets one insert win; the loser's
            # transaction fails and the user is told to try again, so no tick is half-written.
            try:
                await ChecklistTick.create(institution_id=institution_id, item_id=item_id, ticked=ticked,
                                           by_person_id=actor.person_id, by_name=actor.name, at=now, comment=text)
            except IntegrityError as clash:
                raise DomainError("rollout.error.try_again") from clash
        await ChecklistEntry.create(institution_id=institution_id, item_id=item_id, action=action,
                                    by_person_id=actor.person_id, by_name=actor.name, at=now, comment=text)
        outbox.add(ReadinessChanged(institution_id, item_id, ticked, bool(before and before[0]), actor.name,
                                    now.isoformat(), text, False))
    return cell


async def history(actor: Actor, institution_id: int, item_id: int, today: date) -> list[HistoryEntry]:
    """Every tick, untick and comment on one cell, newest first."""
    await check_view(actor, institution_id, today)
    rows = await ChecklistEntry.filter(institution_id=institution_id, item_id=item_id).order_by("-at", "-id") \
        .values_list("at", "by_name", "action", "comment")
    return [HistoryEntry(at, by, ChecklistAction(action), comment) for at, by, action, comment in rows]
