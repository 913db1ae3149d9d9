"""The notification centre: one's own only, newest first, counted in one query, events after commit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import NotFound
from domain.events import Event, Outbox, bus
from domain.notifications import service
from domain.notifications.centre import Category, NewNotification, NotificationsChanged, notifications_topic
from domain.notifications.outbox import do_enqueue
from persistence.audit import AuditEntry
from persistence.notifications import Notification
from tests.messages_world import NOW, MessagesWorld, build_messages_world
from tests.querycount import count_queries


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def _tell(person_id: int, n: int) -> None:
    for i in range(n):
        await do_enqueue([NewNotification(person_id=person_id, category=Category.MESSAGE, title=f"Ny besked {i}",
                                          link=f"/beskeder/{i}", source=f"message:{i}", body=f"Emne {i}")],
                         Outbox(), now=NOW + timedelta(minutes=i))


async def test_the_list_is_newest_first_pages_back_and_counts_unread_in_one_query(mw: MessagesWorld) -> None:
    await _tell(mw.guardian.person_id, 5)
    await _tell(mw.other_guardian.person_id, 2)
    with count_queries() as statements:
        assert await service.unread_count(mw.guardian) == 5
    assert len(statements) == 1
    first = await service.list_notifications(mw.guardian, limit=3)
    assert [v.title for v in first] == ["Ny besked 4", "Ny besked 3", "Ny besked 2"]
    rest = await service.list_notifications(mw.guardian, limit=3, before=first[-1].id)
    assert [v.title for v in rest] == ["Ny besked 1", "Ny besked 0"]
    assert not any(v.read for v in first + rest) and first[0].link == "/beskeder/4"


async def test_marking_one_read_changes_the_count_and_tells_the_persons_pages_after_commit(mw: MessagesWorld) -> None:
    await _tell(mw.guardian.person_id, 3)
    newest = (await service.list_notifications(mw.guardian))[0]
    heard: list[Event] = []
    sub = bus.subscribe(notifications_topic(mw.guardian.person_id), heard.append)
    try:
        assert await service.do_mark_read(mw.guardian, newest.id, now=NOW) == "/beskeder/2"
        assert await service.do_mark_read(mw.guardian, newest.id, now=NOW) == "/beskeder/2"  # again: no new event
    finally:
        sub.cancel()
    assert heard == [NotificationsChanged((mw.guardian.person_id,))]
    assert await service.unread_count(mw.guardian) == 2
    assert (await service.list_notifications(mw.guardian))[0].read
    assert await service.do_mark_all_read(mw.guardian, now=NOW) == 2
    assert await service.unread_count(mw.guardian) == 0
    assert await service.do_mark_all_read(mw.guardian, now=NOW) == 0


async def test_someone_elses_notification_cannot_be_marked_read_nor_its_link_learnt(mw: MessagesWorld) -> None:
    await _tell(mw.other_guardian.person_id, 1)
    theirs = (await service.list_notifications(mw.other_guardian))[0]
    with pytest.raises(NotFound):
        await service.do_mark_read(mw.guardian, theirs.id, now=NOW)
    with pytest.raises(NotFound):
        await service.do_mark_read(mw.guardian, theirs.id + 1000, now=NOW)
    assert await Notification.filter(id=theirs.id, read_at__isnull=True).exists()
    assert await AuditEntry.filter(action="notifications.read", outcome="refused",
                                   actor_person_id=mw.guardian.person_id).count() == 1
    assert await service.list_notifications(mw.guardian) == []
    assert await service.do_mark_all_read(mw.guardian, now=NOW) == 0
    assert await service.unread_count(mw.other_guardian) == 1


async def test_a_sensitive_notification_never_shows_a_body(mw: MessagesWorld) -> None:
    await Notification.create(person_id=mw.guardian.person_id, category="message", title="Ny følsom besked",
                              body="skulle aldrig stå her", sensitive=True, source="message:9", created_at=NOW)
    [view] = await service.list_notifications(mw.guardian)
    assert view.body == ""
