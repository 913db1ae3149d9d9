"""Push devices: a browser's subscription is checked, kept for the signed-in person, listed and removed by them only."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from domain.errors import DomainError, NotFound
from domain.events import Outbox
from domain.notifications.centre import Category, NewNotification
from domain.notifications.devices import do_remove_device, do_renew, do_subscribe, list_devices
from domain.notifications.outbox import do_enqueue
from persistence.notifications import NotificationDelivery, PushSubscription
from tests.messages_world import MessagesWorld, build_messages_world

NOW = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


P256DH = b64(b"\x04" + bytes(range(64)))
AUTH = b64(bytes(range(16)))


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def test_a_parent_subscribes_a_phone_and_sees_it_listed(mw: MessagesWorld) -> None:
    device = await do_subscribe(mw.guardian, ENDPOINT, P256DH, AUTH, "Chrome på Android", NOW)
    assert device.label == "Chrome på Android" and device.created_at == NOW and device.last_used_at is None
    assert [d.id for d in await list_devices(mw.guardian)] == [device.id]
    assert await list_devices(mw.teacher) == []
    row = await PushSubscription.get(id=device.id)
    assert (row.person_id, row.endpoint, row.p256dh, row.auth) == (mw.guardian.person_id, ENDPOINT, P256DH, AUTH)


async def test_subscribing_again_keeps_one_row_with_the_new_keys(mw: MessagesWorld) -> None:
    first = await do_subscribe(mw.guardian, ENDPOINT, P256DH, AUTH, "Chrome på Android", NOW)
    new_auth = b64(bytes(range(16, 32)))
    again = await do_subscribe(mw.guardian, ENDPOINT, P256DH + "=", new_auth, "Chrome på Android", LATER)
    assert again.id == first.id and again.created_at == NOW
    assert await PushSubscription.filter(endpoint=ENDPOINT).values_list("auth", flat=True) == [new_auth]


@pytest.mark.parametrize(("endpoint", "local_http"), [
    ("http://push.example/abc", False),
    ("http://127.0.0.1:8123/push/1", False),  # a local push service only in development and tests
    ("ftp://push.example/abc", False),
    ("javascript:alert(1)", False),
    ("https://", False),
    ("https://user@push.example/abc", False),
    ("https://push.example/" + "a" * 600, False),
    ("http://push.example/abc", True),  # development allows this machine, not the world over http
])
async def test_an_endpoint_that_is_not_https_is_refused(mw: MessagesWorld, endpoint: str, local_http: bool) -> None:
    with pytest.raises(DomainError) as refused:
        await do_subscribe(mw.guardian, endpoint, P256DH, AUTH, "x", NOW, local_http=local_http)
    assert refused.value.key == "push.error.endpoint"
    assert await PushSubscription.all().count() == 0


async def test_a_local_push_service_is_allowed_in_development(mw: MessagesWorld) -> None:
    for host in ("http://127.0.0.1:8123/push/1", "http://localhost:8123/push/2"):
        await do_subscribe(mw.guardian, host, P256DH, AUTH, "Chromium på Linux", NOW, local_http=True)
    assert len(await list_devices(mw.guardian)) == 2


@pytest.mark.parametrize(("p256dh", "auth"), [
    ("", AUTH),
    (P256DH, ""),
    (b64(b"\x04" + bytes(63)), AUTH),  # one byte short
    (b64(b"\x02" + bytes(64)), AUTH),  # not an uncompressed point
    (P256DH, b64(bytes(15))),
    (P256DH, b64(bytes(17))),
    ("not base64 at all!", AUTH),
    (P256DH.replace("A", "+"), AUTH),  # standard base64, not base64url
    (P256DH, "<script>x</script>"),
])
async def test_malformed_keys_are_refused(mw: MessagesWorld, p256dh: str, auth: str) -> None:
    with pytest.raises(DomainError) as refused:
        await do_subscribe(mw.guardian, ENDPOINT, p256dh, auth, "x", NOW)
    assert refused.value.key == "push.error.keys"
    assert await PushSubscription.all().count() == 0


async def test_a_device_that_changes_hands_moves_and_takes_nothing_queued_along(mw: MessagesWorld) -> None:
    old = await do_subscribe(mw.guardian, ENDPOINT, P256DH, AUTH, "Chrome på Android", NOW)
    note = NewNotification(person_id=mw.guardian.person_id, category=Category.MESSAGE, title="Ny besked fra Anne Holm",
                           link="/beskeder/1", source="message:1")
    await do_enqueue([note], Outbox(), now=NOW)
    assert await NotificationDelivery.filter(channel="push", device_id=old.id, failed=False).count() == 1
    moved = await do_subscribe(mw.other_guardian, ENDPOINT, P256DH, AUTH, "Chrome på Android", LATER)
    assert moved.id != old.id and moved.created_at == LATER
    assert await list_devices(mw.guardian) == []
    assert [d.id for d in await list_devices(mw.other_guardian)] == [moved.id]
    queued = await NotificationDelivery.get(channel="push", device_id=old.id)
    assert queued.failed and queued.error == "device_moved" and queued.sent_at is None


async def test_a_person_removes_their_own_device_only(mw: MessagesWorld) -> None:
    mine = await do_subscribe(mw.guardian, ENDPOINT, P256DH, AUTH, "Chrome på Android", NOW)
    with pytest.raises(NotFound):
        await do_remove_device(mw.other_guardian, mine.id)
    with pytest.raises(NotFound):
        await do_remove_device(mw.teacher, mine.id)
    assert [d.id for d in await list_devices(mw.guardian)] == [mine.id]
    await do_remove_device(mw.guardian, mine.id)
    assert await list_devices(mw.guardian) == []
    with pytest.raises(NotFound):
        await do_remove_device(mw.guardian, mine.id)  # twice: gone already, said plainly


async def test_removing_a_device_drops_what_was_queued_for_it(mw: MessagesWorld) -> None:
    mine = await do_subscribe(mw.guardian, ENDPOINT, P256DH, AUTH, "Safari på iPhone", NOW)
    await do_enqueue([NewNotification(person_id=mw.guardian.person_id, category=Category.MESSAGE, title="Ny besked",
                                      link="/beskeder/2", source="message:2")], Outbox(), now=NOW)
    await do_remove_device(mw.guardian, mine.id)
    queued = await NotificationDelivery.get(channel="push", device_id=mine.id)
    assert queued.failed and queued.error == "device_removed"


async def test_a_renewed_subscription_keeps_its_device_and_person(mw: MessagesWorld) -> None:
    device = await do_subscribe(mw.guardian, ENDPOINT, P256DH, AUTH, "Chrome på Android", NOW)
    new_auth = b64(bytes(range(1, 17)))
    assert await do_renew(ENDPOINT, ENDPOINT + "-2", P256DH, new_auth)
    row = await PushSubscription.get(id=device.id)
    assert (row.person_id, row.endpoint, row.auth) == (mw.guardian.person_id, ENDPOINT + "-2", new_auth)
    assert not await do_renew(ENDPOINT, ENDPOINT + "-3", P256DH, AUTH)  # the old address is no longer known
    other = await do_subscribe(mw.other_guardian, ENDPOINT + "-other", P256DH, AUTH, "Safari på iPhone", NOW)
    assert not await do_renew(ENDPOINT + "-2", ENDPOINT + "-other", P256DH, AUTH)  # cannot take another's device
    assert (await PushSubscription.get(id=other.id)).person_id == mw.other_guardian.person_id
    with pytest.raises(DomainError):
        await do_renew(ENDPOINT + "-2", "http://push.example/x", P256DH, AUTH)
