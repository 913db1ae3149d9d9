"""The outbox backlog an operator watches: due and unsent deliveries only, and how long the oldest has waited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.events import Outbox
from domain.notifications.backlog import Backlog, outbox_backlog
from domain.notifications.centre import Category, NewNotification
from domain.notifications.outbox import do_enqueue
from persistence.notifications import NotificationDelivery, PushSubscription
from tests.messages_world import MessagesWorld, build_messages_world

AFTERNOON = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen
LATE = datetime(2026, 12, 7, 22, 30, tzinfo=UTC)  # 23:30 in Copenhagen: quiet hours until 07:00


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def test_an_empty_outbox_is_no_backlog(mw: MessagesWorld) -> None:
    assert await outbox_backlog(AFTERNOON) == Backlog(0, 0.0)


async def test_due_unsent_rows_count_and_the_oldest_sets_the_age(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    for name in ("phone", "tablet"):
        await PushSubscription.create(person_id=person, endpoint=f"https://push.example/{name}", p256dh="k",
                                      auth="a", created_at=AFTERNOON)
    note = NewNotification(person_id=person, category=Category.MESSAGE, title="Ny besked fra Anne Holm",
                           link="/beskeder/1", source="message:1", body="Tur i skoven")
    await do_enqueue([note], Outbox(), now=AFTERNOON)
    assert await outbox_backlog(AFTERNOON + timedelta(seconds=90)) == Backlog(2, 90.0)
    first = await NotificationDelivery.filter(channel="push").order_by("id").first()
    assert first is not None
    await NotificationDelivery.filter(id=first.id).update(sent_at=AFTERNOON)
    await NotificationDelivery.filter(channel="push").exclude(id=first.id).update(failed=True)
    assert await outbox_backlog(AFTERNOON + timedelta(seconds=90)) == Backlog(0, 0.0)


async def test_a_delivery_held_back_by_quiet_hours_is_not_behind(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    await PushSubscription.create(person_id=person, endpoint="https://push.example/phone", p256dh="k", auth="a",
                                  created_at=LATE)
    note = NewNotification(person_id=person, category=Category.MESSAGE, title="Ny besked fra Anne Holm",
                           link="/beskeder/1", source="message:2", body="Tur i skoven")
    await do_enqueue([note], Outbox(), now=LATE)
    assert (await outbox_backlog(LATE + timedelta(minutes=5))).depth == 0
    assert (await outbox_backlog(datetime(2026, 12, 8, 6, 1, tzinfo=UTC))).depth == 1
