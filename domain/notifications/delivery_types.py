"""The delivery interface between the sending worker and each channel's handler (as agreed in issue 18's rules)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DeliveryJob:
    """One claimed outbox row with what its channel needs."""

    id: int
    notification_id: int
    person_id: int
    channel: str
    device_id: int | None
    category: str
    title: str
    body: str
    link: str
    sensitive: bool
    created_at: datetime
    attempts: int


@dataclass(frozen=True)
class Outcome:
    """How one job went."""

    delivery_id: int
    ok: bool
    retry: bool = False
    error: str = ""  # a short code or class, never content
    gone: bool = False  # push: the service answered 404/410 -> the worker deletes that PushSubscription


Handler = Callable[[Sequence[DeliveryJob], datetime], Awaitable[list[Outcome]]]  # (batch, now) -> one Outcome per job
