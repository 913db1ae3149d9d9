"""How many messages one person may send in a minute (a stolen session or a stuck script cannot flood inboxes)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from domain.audit import service as audit
from domain.errors import DomainError
from domain.identity.model import Actor
from domain.limits import Limit, limiter

SENDS_PER_PERSON = Limit("message_sends", 30, timedelta(minutes=1))


async def check_send_rate(actor: Actor, *, now: datetime) -> None:
    """Refuse a send (counting nothing) while the person has no room left; the first refusal is audited."""
    key = str(actor.person_id)
    verdict = await limiter.check(SENDS_PER_PERSON, key, now=now)
    if verdict.allowed:
        return
    if await limiter.first_refusal(SENDS_PER_PERSON, key, verdict, now=now):
        await audit.record("messages.rate_limited", audit.REFUSED, actor=actor,
                           detail=f"more than {SENDS_PER_PERSON.count} sends a minute")
    wait = (verdict.retry_at or now) - now
    raise DomainError("messages.too_many_sends", count=SENDS_PER_PERSON.count,
                      seconds=max(1, math.ceil(wait.total_seconds())))


async def count_send(actor: Actor, *, now: datetime) -> None:
    """Count a message that went out (refused attempts are not counted, so waiting is enough to send again)."""
    await limiter.hit(SENDS_PER_PERSON, str(actor.person_id), now=now)
