"""The outbox: a notification per person and cause, its deliveries chosen by role, choice, device and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification, NotificationsChanged
from domain.notifications.outbox import do_enqueue
from domain.notifications.purge import do_purge_old_notifications
from persistence.notifications import Notification, NotificationChoice, NotificationDelivery, PushSubscription
from tests.messages_world import MessagesWorld, build_messages_world

AFTERNOON = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen
LATE = datetime(2026, 12, 7, 22, 30, tzinfo=UTC)  # 23:30 in Copenhagen: quiet hours


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


def _note(person_id: int, category: Category = Category.MESSAGE, source: str = "message:1") -> NewNotification:
    return NewNotification(person_id=person_id, category=category, title="Ny besked fra Anne Holm", link="/beskeder/1",
                           source=source, body="Tur i skoven")


async def _device(person_id: int, name: str) -> int:
    sub = await PushSubscription.create(person_id=person_id, endpoint=f"https://push.example/{name}", p256dh="k",
                                        auth="a", created_at=AFTERNOON)
    return sub.id


async def test_one_cause_is_one_notification_however_often_it_is_told(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    outbox = Outbox()
    assert await do_enqueue([_note(person), _note(person)], outbox, now=AFTERNOON) == 1
    assert await do_enqueue([_note(person)], Outbox(), now=AFTERNOON) == 0
    assert await Notification.filter(person_id=person).count() == 1
    assert outbox.events == [NotificationsChanged((person,))]


async def test_a_parent_gets_a_push_on_each_device_and_quiet_hours_hold_it_back(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    phone, tablet = await _device(person, "phone"), await _device(person, "tablet")
    await do_enqueue([_note(person)], Outbox(), now=LATE)
    rows = await NotificationDelivery.filter(channel="push").order_by("device_id").values_list("device_id", "due_at")
    assert [d for d, _ in rows] == [phone, tablet]
    assert all(due == datetime(2026, 12, 8, 6, 0, tzinfo=UTC) for _, due in rows)  # 07:00 Copenhagen
    await do_enqueue([_note(person, Category.CRISIS, "broadcast:1")], Outbox(), now=LATE)
    crisis = await NotificationDelivery.filter(notification__source="broadcast:1").values_list("due_at", flat=True)
    assert crisis == [LATE, LATE]


async def test_a_choice_turns_a_default_off(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    await _device(person, "phone")
    await NotificationChoice.create(person_id=person, category="message", channel="push", on=False)
    await do_enqueue([_note(person)], Outbox(), now=AFTERNOON)
    assert await NotificationDelivery.filter(channel="push").count() == 0
    assert await Notification.filter(person_id=person).count() == 1  # the centre in the app always has it


async def test_a_sensitive_notification_keeps_no_body(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    note = NewNotification(person_id=person, category=Category.MESSAGE, title="Ny følsom besked fra Skovlyskolen",
                           link="/beskeder/2", source="message:2", body="Om Oscars helbred", sensitive=True)
    await do_enqueue([note], Outbox(), now=AFTERNOON)
    stored = await Notification.get(person_id=person)
    assert stored.body == "" and stored.sensitive


async def test_old_notifications_and_finished_deliveries_are_forgotten(mw: MessagesWorld) -> None:
    person = mw.guardian.person_id
    await _device(person, "phone")
    await do_enqueue([_note(person, source="message:old")], Outbox(), now=AFTERNOON - timedelta(days=91))
    await do_enqueue([_note(person, source="message:new")], Outbox(), now=AFTERNOON - timedelta(days=8))
    await do_enqueue([_note(person, source="message:today")], Outbox(), now=AFTERNOON)
    await NotificationDelivery.filter(notification__source="message:new").update(sent_at=AFTERNOON - timedelta(days=8))
    assert await do_purge_old_notifications(now=AFTERNOON) == (1, 1)
    assert sorted(await Notification.filter(person_id=person).values_list("source", flat=True)) == [
        "message:new", "message:today"]
    assert await NotificationDelivery.filter(notification__source="message:today").count() == 1  # still to go out
