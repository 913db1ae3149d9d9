"""Retention (sletning): the municipality's rules, what they would delete, running them, and the daily pass."""

from __future__ import annotations

import logging
from datetime import date, datetime

from domain import access
from domain.audit import service as audit
from domain.clock import start_of_local_day, today_local
from domain.errors import DomainError, NotFound
from domain.gdpr import retention_messages, retention_people, retention_presence
from domain.gdpr.retention_model import (
    ALBUMS_DEFAULT,
    RANGES,
    PolicyView,
    RetentionCounts,
    RunView,
    local_midnight_utc,
    months_after,
    months_before,
)
from domain.identity.model import Actor
from persistence.db import transaction
from persistence.gallery import Album
from persistence.gdpr import RetentionPolicy, RetentionRun
from persistence.organisation import Institution
from persistence.people import Person
from persistence.queries import ints

log = logging.getLogger(__name__)
HISTORY_MAX = 50


async def check_admin(actor: Actor, action: str) -> int:
    """Only the municipal admin; returns the admin's municipality (refusals audited)."""
    await audit.check(access.can_administer_municipality(actor), actor, action)
    found = ints(await Person.filter(id=actor.person_id).values_list("municipality_id", flat=True))
    if not found:
        raise NotFound("retention.error.no_municipality")
    return found[0]


def _view(row: RetentionPolicy | None) -> PolicyView:
    if row is None:
        return PolicyView()
    return PolicyView(row.messages_months, row.presence_months, row.anonymise_after_months, row.updated_at,
                      row.updated_by, row.albums_months)


async def policy_for(municipality_id: int) -> PolicyView:
    """The rules of one municipality (all None when never set)."""
    return _view(await RetentionPolicy.get_or_none(municipality_id=municipality_id))


async def policy_of(actor: Actor) -> PolicyView:
    """The admin's municipality's rules."""
    return await policy_for(await check_admin(actor, "retention.view"))


async def album_months(institution_id: int) -> int:
    """How many months an album of the institution is kept, by its municipality's rule (one query)."""
    found = ints(await RetentionPolicy.filter(municipality__institutions__id=institution_id).values_list(
        "albums_months", flat=True))
    return found[0] if found else ALBUMS_DEFAULT


async def _recompute_album_expiry(municipality_id: int, months: int) -> int:
    """Each album of the municipality expires the given months after it was made (the hourly job deletes it)."""
    institutions = ints(await Institution.filter(municipality_id=municipality_id).values_list("id", flat=True))
    albums = await Album.filter(institution_id__in=institutions).only("id", "created_at", "expires_at")
    changed = []
    for album in albums:
        expires = months_after(album.created_at, months)
        if album.expires_at != expires:
            album.expires_at = expires
            changed.append(album)
    if changed:
        await Album.bulk_update(changed, fields=["expires_at"], batch_size=500)
    return len(changed)


def check_months(rule: str, months: int | None) -> int | None:
    """The months of a rule when allowed, or a refusal naming the range."""
    if months is None:
        return None
    low, high = RANGES[rule]
    if isinstance(months, bool) or not isinstance(months, int) or not low <= months <= high:
        raise DomainError(f"retention.error.{rule}_range", low=low, high=high)
    return months


async def do_set_policy(actor: Actor, *, messages_months: int | None, presence_months: int | None,
                        anonymise_after_months: int | None, now: datetime,
                        albums_months: int | None = None) -> PolicyView:
    """Store the rules (None keeps for ever) after checking each range; audited with the new values only.

    The albums rule is never "for ever": None leaves it as it is. A changed albums rule moves the deletion date of
    every album of the municipality to its creation plus the new months, so the hourly purge honours it.
    """
    municipality_id = await check_admin(actor, "retention.set_policy")
    values: dict[str, int | None] = {"messages_months": check_months("messages", messages_months),
                                     "presence_months": check_months("presence", presence_months),
                                     "anonymise_after_months": check_months("anonymise", anonymise_after_months)}
    if albums_months is not None:
        values["albums_months"] = check_months("albums", albums_months)
    before = await policy_for(municipality_id)
    async with transaction():
        await RetentionPolicy.update_or_create(defaults={**values, "updated_at": now, "updated_by": actor.name[:160]},
                                               municipality_id=municipality_id)
        if albums_months is not None and albums_months != before.albums_months:
            await _recompute_album_expiry(municipality_id, albums_months)
        await audit.record("retention.set_policy", audit.ALLOWED, actor=actor, detail=" ".join(
            f"{k}={'keep' if v is None else v}" for k, v in values.items()))
    return await policy_for(municipality_id)


def _cutoffs(policy: PolicyView, now: datetime) -> tuple[datetime | None, date | None, date | None]:
    # Everything dated before the same day N months ago (Copenhagen days) goes.
    today = today_local(now)
    days = [None if n is None else months_before(today, n) for n in
            (policy.messages_months, policy.presence_months, policy.anonymise_after_months)]
    return (None if days[0] is None else local_midnight_utc(days[0])), days[1], days[2]


async def plan_retention(municipality_id: int, *, now: datetime) -> RetentionCounts:
    """What the rules would delete now: counting queries only, nothing changes."""
    policy = await policy_for(municipality_id)
    message_cut, presence_cut, anonymise_cut = _cutoffs(policy, now)
    messages = threads = attachments = days = changes = plans = children = 0
    if message_cut is not None:
        messages, threads, attachments = await retention_messages.plan_messages(municipality_id, message_cut)
    if presence_cut is not None:
        days, changes, plans = await retention_presence.plan_presence(municipality_id, presence_cut)
    if anonymise_cut is not None:
        children = len(await retention_people.children_to_anonymise(municipality_id, anonymise_cut))
    return RetentionCounts(messages, threads, attachments, days, changes, plans, children)


async def preview(actor: Actor, *, now: datetime) -> RetentionCounts:
    """What a run would delete now, for the admin's confirmation (not recorded; a dry run is)."""
    return await plan_retention(await check_admin(actor, "retention.view"), now=now)


async def _apply(municipality_id: int, policy: PolicyView, now: datetime) -> RetentionCounts:
    message_cut, presence_cut, anonymise_cut = _cutoffs(policy, now)
    messages = threads = attachments = days = changes = plans = children = 0
    if message_cut is not None:
        messages, threads, attachments = await retention_messages.delete_messages(municipality_id, message_cut)
    if presence_cut is not None:
        days, changes, plans = await retention_presence.delete_presence(municipality_id, presence_cut)
    if anonymise_cut is not None:
        ids = await retention_people.children_to_anonymise(municipality_id, anonymise_cut)
        children = await retention_people.anonymise(ids, now=now)
    return RetentionCounts(messages, threads, attachments, days, changes, plans, children)


async def do_run_retention(actor: Actor | None, *, now: datetime, dry_run: bool,
                           municipality_id: int | None = None) -> RetentionCounts:
    """Apply the rules (or only count, on a dry run) and record the run with its counts and one audit entry."""
    if actor is not None:
        municipality_id = await check_admin(actor, "retention.run")
    if municipality_id is None:
        raise NotFound("retention.error.no_municipality")
    policy = await policy_for(municipality_id)
    counts = await plan_retention(municipality_id, now=now) if dry_run else await _apply(municipality_id, policy, now)
    async with transaction():
        await RetentionRun.create(municipality_id=municipality_id, at=now, dry_run=dry_run, counts=counts.as_dict(),
                                  actor_name=actor.name[:160] if actor else "")
        await audit.record("retention.dry_run" if dry_run else "retention.run", audit.ALLOWED, actor=actor,
                           detail=f"municipality={municipality_id} {counts.detail()}")
    return counts


async def runs_of(actor: Actor, limit: int = HISTORY_MAX) -> list[RunView]:
    """The admin's municipality's runs, newest first."""
    municipality_id = await check_admin(actor, "retention.view")
    rows = await RetentionRun.filter(municipality_id=municipality_id).order_by("-at", "-id").limit(limit)
    return [RunView(r.id, r.at, r.dry_run, RetentionCounts.from_dict(r.counts), r.actor_name) for r in rows]


async def daily_retention(*, now: datetime) -> dict[int, RetentionCounts]:
    """Run the rules of every municipality that has some, once a day: skipped when a real run exists for today."""
    done: dict[int, RetentionCounts] = {}
    since = start_of_local_day(now)
    for row in await RetentionPolicy.all().order_by("municipality_id"):
        if not _view(row).any_rule:
            continue
        if await RetentionRun.filter(municipality_id=row.municipality_id, dry_run=False, at__gte=since).exists():
            continue
        try:
            counts = await do_run_retention(None, now=now, dry_run=False, municipality_id=row.municipality_id)
        except Exception:
            # Nothing recorded, so the next hourly pass tries again; other municipalities still run.
            log.exception("retention failed for municipality %s; retrying next hour", row.municipality_id)
            continue
        log.info("retention for municipality %s: %s", row.municipality_id, counts.detail())
        done[row.municipality_id] = counts
    return done
