"""A PostgreSQL restart under the services: DatabaseUnavailable while it is gone, the same pool working after."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.errors import DatabaseUnavailable
from domain.health import health
from domain.presence import service
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.service import Done
from persistence import db
from persistence.presence import PresenceDay
from tests.conftest import fresh_database
from tests.presence_world import NOW, PresenceWorld, build_presence_world
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres
GUARD = 30  # seconds: a hang guard only, so a regression to asyncpg's 60 s connect wait fails instead of stalling


@pytest.fixture
async def proxy(tmp_path: Path) -> AsyncIterator[TcpProxy]:
    """The test PostgreSQL, opened through a proxy the test can cut and restore."""
    url = await fresh_database("postgres", tmp_path)
    tcp = await TcpProxy.in_front_of(url)
    await db.open_database(tcp.url)
    try:
        yield tcp
    finally:
        await db.close_database()
        await tcp.close()


@pytest.fixture
async def world(proxy: TcpProxy) -> PresenceWorld:
    return await build_presence_world()


async def causes_while_cut(world: PresenceWorld) -> list[str]:
    """Check in until the pool's stale connections are used up; every try must be DatabaseUnavailable."""
    causes: list[str] = []
    for _ in range(db.connection().pool_maxsize + 1):  # type: ignore[attr-defined]
        with pytest.raises(DatabaseUnavailable) as refused:
            await check_in(world)
        causes.append(refused.value.cause)
    return causes


async def check_in(world: PresenceWorld) -> Done:
    return await asyncio.wait_for(service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN,
                                                    now=NOW, device=DeviceKind.TABLET), GUARD)


async def test_a_check_in_while_postgresql_is_down_is_unavailable_and_the_same_call_works_after_restore(
        proxy: TcpProxy, world: PresenceWorld) -> None:
    client = db.connection()
    await proxy.cut()
    causes = await causes_while_cut(world)
    # A connection already in the pool dies under the first tries; then the new connection is refused.
    assert set(causes) <= {"ConnectionDoesNotExistError", "ConnectionRefusedError"}
    assert causes[-1] == "ConnectionRefusedError"

    await proxy.restore()
    done = await check_in(world)
    assert Status(done.tile.status) is Status.PRESENT
    assert db.connection() is client  # nothing reopened the database: the pool replaced its dead connections
    assert await PresenceDay.filter(person_id=world.oscar.id, status=Status.PRESENT).count() == 1


async def test_a_black_hole_fails_on_the_short_connect_timeout_instead_of_hanging(
        proxy: TcpProxy, world: PresenceWorld) -> None:
    await proxy.cut(hang=True)
    assert (await causes_while_cut(world))[-1] == "TimeoutError"
    assert db.connection()._template["timeout"] == db.PG_CONNECT_TIMEOUT  # type: ignore[attr-defined]
    await proxy.restore()
    assert Status((await check_in(world)).tile.status) is Status.PRESENT


async def all_pool_connections_at_once() -> None:
    """One transaction on every connection the pool may hold, all open together (a leaked slot blocks the last)."""
    size = db.connection().pool_maxsize  # type: ignore[attr-defined]
    everyone_in = asyncio.Barrier(size)

    async def one() -> None:
        async with db.transaction() as conn:
            await conn.execute_query("SELECT 1")
            await everyone_in.wait()

    await asyncio.wait_for(asyncio.gather(*(one() for _ in range(size))), GUARD)


async def test_transactions_begun_on_connections_the_restart_killed_leave_nothing_stale_behind(
        proxy: TcpProxy, world: PresenceWorld) -> None:
    await all_pool_connections_at_once()  # every pooled connection is open, so the cut kills all of them
    await proxy.cut()
    for _ in range(db.connection().pool_maxsize + 1):  # type: ignore[attr-defined]
        with pytest.raises(DatabaseUnavailable):
            async with db.transaction() as conn:
                await conn.execute_query("SELECT 1")
    await proxy.restore()
    await all_pool_connections_at_once()
    # This task carried on, as the jobs loop or the minute ticker would: its next transaction must not be
    # handed the dead one that failed to begin.
    async with db.transaction() as conn:
        assert (await conn.execute_query("SELECT 1"))[0] == 1
    assert Status((await check_in(world)).tile.status) is Status.PRESENT


async def test_a_restart_in_the_middle_of_a_transaction_is_unavailable_and_the_next_one_commits(
        proxy: TcpProxy, world: PresenceWorld) -> None:
    with pytest.raises(DatabaseUnavailable):
        async with db.transaction() as conn:
            await conn.execute_query("SELECT 1")
            await proxy.cut()
            await conn.execute_query("SELECT 2")
    await proxy.restore()
    assert Status((await check_in(world)).tile.status) is Status.PRESENT


async def test_health_says_the_database_is_unavailable_while_cut_and_ok_after(proxy: TcpProxy) -> None:
    await proxy.cut()
    ok, body = await health()
    assert not ok
    assert body["database"] == {"status": "unavailable", "error": "ConnectionRefusedError"}
    await proxy.restore()
    ok, body = await health()
    assert ok
    assert body["database"]["status"] == "ok"
