"""A closed page is freed by reference counting, so frozen live pages cannot leak closed ones."""

from __future__ import annotations

import gc
from collections.abc import Callable

from nicegui import Client
from nicegui.testing import User

from tests.ui.conftest import login
from ui.freezer import Freezer

PAGES = 3


async def _open(create_user: Callable[[], User], subject: str, path: str) -> list[Client]:
    for _ in range(PAGES):
        visitor = create_user()
        await login(visitor, subject)
        await visitor.open(path)
    return [c for c in Client.instances.values() if c.page is not None and c.page.path == path]


def _cyclic_garbage_of_closing(clients: list[Client]) -> int:
    """Delete the clients with the collector off, then count what only the cycle collector could free."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for client in clients:
            client.delete()
        clients.clear()
        gc.collect()
        found = len(gc.garbage)
        gc.garbage.clear()
    finally:
        gc.set_debug(0)
        gc.enable()
    return found


async def test_closing_overblik_and_the_board_leaves_nothing_for_the_cycle_collector(
        user: User, create_user: Callable[[], User]) -> None:
    # Before ui/heap.release_removed_elements: about 4,350 objects per closed Overblik, 2,070 per closed board.
    parents = await _open(create_user, "demo-foraelder", "/overblik")
    assert len(parents) == PAGES
    assert _cyclic_garbage_of_closing(parents) == 0
    boards = await _open(create_user, "demo-paedagog-bfo", "/kommegaa")
    assert len(boards) == PAGES
    assert _cyclic_garbage_of_closing(boards) == 0


def _tracked() -> int:
    return gc.get_freeze_count() + len(gc.get_objects())


async def test_pages_frozen_while_open_are_freed_when_they_close(user: User, create_user: Callable[[], User]) -> None:
    await _open(create_user, "demo-foraelder", "/overblik")  # the first pages warm caches that stay
    # Without freezing: what a login and a closed page leave anyway (sessions, storage), the yardstick.
    gc.collect()
    before = _tracked()
    for client in (await _open(create_user, "demo-foraelder", "/overblik"))[-PAGES:]:
        client.delete()
    gc.collect()
    left_unfrozen = _tracked() - before
    freezer = Freezer()
    try:
        freezer.step()
        before = _tracked()
        clients = (await _open(create_user, "demo-foraelder", "/overblik"))[-PAGES:]
        freezer.step()
        frozen_open = gc.get_freeze_count()
        for client in clients:
            client.delete()
        clients.clear()
        freezer.step()
        frozen_closed = gc.get_freeze_count()
        left_frozen = _tracked() - before
        assert frozen_open - frozen_closed > PAGES * 3_000  # the closed pages left the frozen generation
        assert left_frozen - left_unfrozen < PAGES * 100, (left_frozen, left_unfrozen)  # nothing more stayed behind
    finally:
        gc.unfreeze()


async def test_a_deleted_client_lets_go_of_its_storage_and_handlers(user: User,
                                                                    create_user: Callable[[], User]) -> None:
    # The bell and the unread badges sit in per-client storage and point back at the client; every followed topic
    # left a delete handler holding it: cycles that kept a whole closed board alive on a real server.
    clients = await _open(create_user, "demo-paedagog-bfo", "/kommegaa")
    client = clients[-1]
    assert client.storage and client.delete_handlers
    client.delete()
    assert not client.storage and not client.delete_handlers
    assert not client.connect_handlers and not client.disconnect_handlers
