"""Folders and a reader's own seat on SQLite and PostgreSQL: unique names, leaving, deleting for me, read state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.events import Event, bus
from domain.identity.model import Role
from domain.messages import folders, threads
from domain.messages.model import InboxChanged
from domain.messages.reading import check_reader
from persistence.messages import Participant, SharedInbox
from tests.factory import World, build_world
from tests.integration.test_messages_attachments import NOW, actor_for, thread_between


@pytest.fixture
async def world(database: str) -> World:
    return await build_world()


@pytest.fixture
def heard(world: World) -> Iterator[list[Event]]:
    events: list[Event] = []
    subs = [bus.subscribe(f"inbox:{p.id}", events.append) for p in (world.teacher, world.guardian)]
    yield events
    for sub in subs:
        sub.cancel()


async def test_folder_names_are_unique_per_owner_and_deleting_one_returns_its_threads_to_the_inbox(
        world: World, heard: list[Event]) -> None:
    teacher = await actor_for(world.teacher, Role.STAFF)
    leader = await actor_for(world.leader, Role.LEADER)
    trips = await folders.do_create_folder(teacher, name="  Ture  ", now=NOW)
    await folders.do_create_folder(leader, name="Ture", now=NOW)  # another owner may use the same name
    for name in ("ture", "x" * 61, "   "):
        with pytest.raises(DomainError) as refused:
            await folders.do_create_folder(teacher, name=name, now=NOW)
        assert refused.value.key in ("messages.folder_exists", "messages.folder_name")
    with pytest.raises(AccessDenied):
        await folders.list_folders(await actor_for(world.guardian, Role.PARENT))
    first, _ = await thread_between(world.guardian, world.teacher)
    second, _ = await thread_between(world.other_guardian, world.teacher)
    for thread in (first, second):
        await threads.do_move_to_folder(teacher, thread.id, folder_id=trips, now=NOW)
    with pytest.raises(NotFound):  # the leader's folder is not the teacher's
        await threads.do_move_to_folder(teacher, first.id, folder_id=trips + 1, now=NOW)
    assert [(f.name, f.thread_count) for f in await folders.list_folders(teacher)] == [("Ture", 2)]
    await folders.do_rename_folder(teacher, trips, name="Skovture", now=NOW)
    heard.clear()
    await folders.do_delete_folder(teacher, trips, now=NOW)
    assert await folders.list_folders(teacher) == []
    assert await Participant.filter(person_id=world.teacher.id, folder_id__isnull=False).count() == 0
    assert heard == [InboxChanged(world.teacher.id, folders.FOLDERS_CHANGED)]


async def test_leaving_a_thread_removes_access_and_delete_for_me_only_hides_it(
        world: World, heard: list[Event]) -> None:
    guardian = await actor_for(world.guardian, Role.PARENT)
    left, _ = await thread_between(world.teacher, world.guardian)
    hidden, _ = await thread_between(world.teacher, world.guardian)
    await threads.do_mute(guardian, hidden.id, muted=True, now=NOW)
    await threads.do_leave(guardian, left.id, now=NOW)
    with pytest.raises(AccessDenied):
        await check_reader(guardian, left.id)
    with pytest.raises(AccessDenied):  # a former reader cannot touch the seat again either
        await threads.do_mark_unread(guardian, left.id, now=NOW)
    await threads.do_delete_for_me(guardian, hidden.id, now=NOW)
    seat = await check_reader(guardian, hidden.id)  # still a reader: a new message brings it back
    assert (seat.deleted_at, seat.muted, seat.left_at) == (NOW, True, None)
    assert [e for e in heard if isinstance(e, InboxChanged)] == [
        InboxChanged(world.guardian.id, hidden.id), InboxChanged(world.guardian.id, left.id),
        InboxChanged(world.guardian.id, hidden.id)]
    with pytest.raises(AccessDenied):  # folders are for staff
        await threads.do_move_to_folder(guardian, hidden.id, folder_id=None, now=NOW)


async def test_unread_state_is_the_readers_own_and_a_shared_inbox_seat_allows_only_read_state(
        world: World, heard: list[Event]) -> None:
    guardian = await actor_for(world.guardian, Role.PARENT)
    teacher = await actor_for(world.teacher, Role.STAFF)
    thread, _ = await thread_between(world.guardian, world.teacher)
    await threads.do_mark_unread(teacher, thread.id, now=NOW)
    await threads.do_mark_unread(teacher, thread.id, now=NOW)
    assert (await Participant.get(thread_id=thread.id, person_id=world.teacher.id)).unread == 1
    assert (await Participant.get(thread_id=thread.id, person_id=world.guardian.id)).unread == 0
    await threads.do_mark_read(teacher, thread.id, now=NOW)
    assert (await Participant.get(thread_id=thread.id, person_id=world.teacher.id)).unread == 0
    with pytest.raises(AccessDenied):
        await threads.do_mark_unread(await actor_for(world.other_guardian, Role.PARENT), thread.id, now=NOW)
    with pytest.raises(NotFound):
        await threads.do_mark_read(guardian, thread.id + 1000, now=NOW)
    office, _ = await thread_between(world.guardian)
    inbox = await SharedInbox.create(institution=world.school, name="Skolens kontor")
    await Participant.create(thread=office, inbox=inbox, joined_at=NOW, last_message_at=NOW, unread=3)
    await threads.do_mark_read(teacher, office.id, now=NOW)
    assert (await Participant.get(thread_id=office.id, inbox_id=inbox.id)).unread == 0
    for personal in (threads.do_leave, threads.do_delete_for_me):
        with pytest.raises(AccessDenied):
            await personal(teacher, office.id, now=NOW)
