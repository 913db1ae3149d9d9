"""A world for push delivery tests: the factory's people, a local push service, a sender with its VAPID key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from domain.events import Outbox
from domain.notifications import vapid
from domain.notifications.centre import Category, NewNotification
from domain.notifications.delivery import run_once
from domain.notifications.outbox import do_enqueue
from domain.notifications.push import PushSender
from persistence.notifications import PushSubscription
from tests.factory import World, build_world
from tests.push_service import FakeDevice, PushService

AFTERNOON = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen: no quiet hours


@dataclass
class Push:
    """The local push service, the sender that reaches it, and the world whose people own the devices."""

    service: PushService
    sender: PushSender
    world: World

    async def device(self, name: str, person_id: int | None = None) -> tuple[FakeDevice, int]:
        """A fake browser subscribed for a person (the guardian by default)."""
        fake = self.service.device(name)
        sub = await PushSubscription.create(person_id=person_id or self.world.guardian.id, endpoint=fake.endpoint,
                                            p256dh=fake.p256dh, auth=fake.auth, created_at=AFTERNOON)
        return fake, sub.id

    async def run(self, now: datetime) -> int:
        """One pass of the worker with the push channel only."""
        return await run_once({"push": self.sender}, now)


@asynccontextmanager
async def push_world(key_dir: Path) -> AsyncIterator[Push]:
    """Start the push service and the sender; on leaving, check no request failed VAPID or decryption."""
    keys = vapid.load_or_create(key_dir)
    service = await PushService(keys.public_b64url).start()
    sender = PushSender(keys, "mailto:drift@sammen.localhost", timeout=0.5)
    try:
        yield Push(service, sender, await build_world())
    finally:
        await sender.close()
        await service.stop()
    assert service.refused == []  # every request carried a valid VAPID signature and decryptable content


def note(person_id: int, source: str, *, category: Category = Category.MESSAGE, sensitive: bool = False,
         title: str = "Ny besked fra Anne Holm", body: str = "Tur i skoven fredag") -> NewNotification:
    """A notification as a message would cause it."""
    return NewNotification(person_id=person_id, category=category, title=title, link=f"/beskeder/{source}",
                           source=source, body=body, sensitive=sensitive)


async def enqueue(*notes: NewNotification, now: datetime = AFTERNOON) -> None:
    """Queue notifications and their deliveries as their cause would."""
    await do_enqueue(list(notes), Outbox(), now=now)
