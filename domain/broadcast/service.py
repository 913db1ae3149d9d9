"""Sending, reading and ending the municipality's urgent broadcast."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from tortoise.expressions import Q, Subquery

from domain import access
from domain.audit import service as audit
from domain.broadcast.model import (
    BODY_MAX,
    MINUTES_MAX,
    MINUTES_MIN,
    TITLE_MAX,
    BannerItem,
    BroadcastEnded,
    BroadcastRead,
    BroadcastSent,
    Place,
)
from domain.broadcast.notify import notify_broadcast
from domain.clock import today_local
from domain.errors import DomainError, NotFound
from domain.events import committing
from domain.identity.model import Actor
from domain.organisation.model import InstitutionKind
from domain.rollout.model import AREA_OF_KIND, Area
from domain.text import check_typed_text
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.db import transaction
from persistence.organisation import Institution
from persistence.people import Custody, Enrolment, Person
from persistence.queries import active_on, ints

INSERT_BATCH = 5000


async def check_admin(actor: Actor, action: str) -> int:
    """Only the municipal admin sends and ends broadcasts; returns the admin's municipality."""
    await audit.check(access.can_administer_municipality(actor), actor, action)
    found = ints(await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True))
    if not found:
        raise NotFound("broadcast.error.not_found")
    return found[0]


def check_text(title: str, body: str, email_after_minutes: int | None) -> tuple[str, str]:
    """The cleaned title and body, or a refusal naming what is wrong."""
    title = " ".join(title.split())  # one line: it becomes an e-mail subject
    body = body.strip()
    if not title:
        raise DomainError("broadcast.error.title_empty")
    if len(title) > TITLE_MAX:
        raise DomainError("broadcast.error.title_too_long", max=TITLE_MAX)
    if not body:
        raise DomainError("broadcast.error.body_empty")
    if len(body) > BODY_MAX:
        raise DomainError("broadcast.error.body_too_long", max=BODY_MAX)
    if email_after_minutes is not None and not MINUTES_MIN <= email_after_minutes <= MINUTES_MAX:
        raise DomainError("broadcast.error.minutes", low=MINUTES_MIN, high=MINUTES_MAX)
    return title, body


async def resolve_institutions(municipality_id: int, areas: list[Area], institution_ids: list[int]) -> list[int]:
    """The active institutions of the chosen areas plus the chosen ones; unknown ids are refused."""
    kinds = [kind for kind, area in AREA_OF_KIND.items() if area in {Area(a) for a in areas}]
    wanted = set(institution_ids)
    if not kinds and not wanted:
        raise DomainError("broadcast.error.no_institutions")
    rows = ints(await Institution.filter(Q(kind__in=kinds) | Q(id__in=sorted(wanted)) if kinds else Q(
        id__in=sorted(wanted)), municipality_id=municipality_id, active=True).values_list("id", flat=True))
    if not wanted <= set(rows):
        raise DomainError("broadcast.error.unknown_institution")
    if not rows:
        raise DomainError("broadcast.error.no_institutions")
    return sorted(rows)


async def recipient_pairs(institution_ids: list[int], day: date) -> set[tuple[int, int]]:
    """(guardian, institution) for every current guardian of every child enrolled there today: two queries."""
    enrolled = Enrolment.filter(active_on(day), institution_id__in=institution_ids)
    places: dict[int, set[int]] = defaultdict(set)
    for child_id, institution_id in await enrolled.values_list("child_id", "institution_id"):
        places[int(child_id)].add(int(institution_id))
    custodies = await Custody.filter(
        active_on(day, "valid_from", "valid_to"), guardian__active=True,
        child_id__in=Subquery(Enrolment.filter(active_on(day), institution_id__in=institution_ids)
                              .values("child_id"))).values_list("guardian_id", "child_id")
    return {(int(guardian), place) for guardian, child in custodies for place in places.get(int(child), ())}


async def count_broadcast_recipients(actor: Actor, *, areas: list[Area], institution_ids: list[int],
                                     now: datetime) -> int:
    """How many different guardians a broadcast to these areas and institutions would reach."""
    municipality_id = await check_admin(actor, "broadcast.preview")
    chosen = await resolve_institutions(municipality_id, areas, institution_ids)
    return len({guardian for guardian, _ in await recipient_pairs(chosen, today_local(now))})


async def do_send_broadcast(actor: Actor, *, title: str, body: str, areas: list[Area], institution_ids: list[int],
                            email_after_minutes: int | None, now: datetime) -> int:
    """Send a broadcast to every current guardian of the chosen places (one bulk insert); returns its id."""
    check_typed_text(title, body)
    municipality_id = await check_admin(actor, "broadcast.send")
    title, body = check_text(title, body, email_after_minutes)
    chosen = await resolve_institutions(municipality_id, areas, institution_ids)
    pairs = sorted(await recipient_pairs(chosen, today_local(now)))
    if not pairs:
        raise DomainError("broadcast.error.no_recipients")
    async with committing(transaction) as outbox:
        broadcast = await Broadcast.create(municipality_id=municipality_id, sender_id=actor.person_id, title=title,
                                           body=body, created_at=now, email_after_minutes=email_after_minutes)
        await BroadcastRecipient.bulk_create(
            [BroadcastRecipient(broadcast_id=broadcast.id, guardian_id=g, institution_id=i) for g, i in pairs],
            batch_size=INSERT_BATCH)
        await notify_broadcast(outbox, broadcast_id=broadcast.id, guardian_ids=[g for g, _ in pairs], title=title,
                               body=body, now=now)
        await audit.record("broadcast.send", audit.ALLOWED, actor=actor, detail=f"broadcast {broadcast.id}")
        reached = tuple(sorted({i for _, i in pairs}))
        outbox.add(BroadcastSent(broadcast.id, title, body, now, reached))
    return int(broadcast.id)


async def do_mark_read(actor: Actor, broadcast_id: int, *, now: datetime) -> bool:
    """Mark every row of this guardian read (again is harmless); True when something changed."""
    rows = await BroadcastRecipient.filter(broadcast_id=broadcast_id, guardian_id=actor.person_id).values_list(
        "institution_id", "read_at")
    await audit.check(access.can_mark_broadcast_read(actor, bool(rows)), actor, "broadcast.read")
    unread = tuple(sorted({int(i) for i, read_at in rows if read_at is None}))
    if not unread:
        return False
    async with committing(transaction) as outbox:
        changed = await BroadcastRecipient.filter(broadcast_id=broadcast_id, guardian_id=actor.person_id,
                                                  read_at__isnull=True).update(read_at=now)
        if changed:
            outbox.add(BroadcastRead(broadcast_id, actor.person_id, unread))
    return bool(changed)


async def do_end_broadcast(actor: Actor, broadcast_id: int, *, now: datetime) -> None:
    """Take a broadcast off Overblik and /krise (ending it twice changes nothing)."""
    municipality_id = await check_admin(actor, "broadcast.end")
    if not await Broadcast.filter(id=broadcast_id, municipality_id=municipality_id).exists():
        raise NotFound("broadcast.error.not_found")
    places = ints(await BroadcastRecipient.filter(broadcast_id=broadcast_id).distinct().values_list(
        "institution_id", flat=True))
    async with committing(transaction) as outbox:
        if await Broadcast.filter(id=broadcast_id, ended_at__isnull=True).update(ended_at=now):
            await audit.record("broadcast.end", audit.ALLOWED, actor=actor, detail=f"broadcast {broadcast_id}")
            outbox.add(BroadcastEnded(broadcast_id, tuple(sorted(places))))


async def unread_for_guardian(actor: Actor) -> list[BannerItem]:
    """The active broadcasts this guardian has not read, newest first (one query)."""
    rows = await BroadcastRecipient.filter(guardian_id=actor.person_id, read_at__isnull=True,
                                           broadcast__ended_at__isnull=True).distinct().values_list(
        "broadcast_id", "broadcast__title", "broadcast__body", "broadcast__created_at")
    items = {int(i): BannerItem(int(i), str(t), str(b), c) for i, t, b, c in rows}
    return sorted(items.values(), key=lambda item: (item.created_at, item.id), reverse=True)


async def guardian_institutions(actor: Actor, now: datetime) -> list[int]:
    """Where the guardian's children are enrolled today: the topics their Overblik follows."""
    if not actor.guardian_of:
        return []
    rows = await Enrolment.filter(active_on(today_local(now)), child_id__in=sorted(actor.guardian_of)).distinct(
    ).values_list("institution_id", flat=True)
    return sorted(set(ints(rows)))


async def broadcast_places(actor: Actor) -> list[Place]:
    """The municipality's active institutions the admin can choose, by name."""
    municipality_id = await check_admin(actor, "broadcast.places")
    rows = await Institution.filter(municipality_id=municipality_id, active=True).order_by("name").values_list(
        "id", "name", "kind")
    return [Place(int(i), str(name), AREA_OF_KIND[InstitutionKind(kind)].value) for i, name, kind in rows]
