"""How many login callbacks one client address may make: checked before any token work or audit row."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from domain.audit import service as audit
from domain.errors import DomainError
from domain.limits import Limit, address_key, limiter

# Generous: parents behind one mobile operator's shared address log in around the same time; a flood is thousands.
LOGIN_CALLBACKS = Limit("login_callback", 60, timedelta(minutes=1))


class LoginFlood(DomainError):
    """Too many login callbacks from one address; `minutes` says when to try again."""


async def check_login_rate(address: str, *, now: datetime) -> None:
    """Count a callback; over the limit, refuse it with one audit row per lockout (not one per request)."""
    key = address_key(address)
    verdict = await limiter.hit(LOGIN_CALLBACKS, key, now=now)
    if verdict.allowed:
        return
    if await limiter.first_refusal(LOGIN_CALLBACKS, key, verdict, now=now):
        await audit.record("login", audit.REFUSED, client_address=address,
                           detail=f"rate_limited: more than {LOGIN_CALLBACKS.count} callbacks a minute")
    wait = (verdict.retry_at or now) - now
    raise LoginFlood("login.refused.too_many", minutes=max(1, math.ceil(wait.total_seconds() / 60)))
