"""Open KommeGå boards: a check-in costs the same queries for 1 or 20 boards, and every board shows the new tile."""

from __future__ import annotations

import asyncio

import httpx
from nicegui import core, ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.events import bus
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.presence import service
from domain.presence.board import load_board
from domain.presence.model import Action, DeviceKind, Status
from persistence.identity import UserAccount
from persistence.organisation import Institution
from tests.querycount import count_queries
from tests.ui.conftest import login

BOARDS = 20
SOFIE = "demo-paedagog-bfo"


async def sofie() -> Actor:
    account = await UserAccount.get(oidc_subject=SOFIE)
    return await current_actor(account.person_id, "staff", "2", now=utcnow())


def another_user() -> User:
    """A further browser on the same app (the `user` fixture's lifespan already runs)."""
    return User(httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url="http://test"))


async def open_board(u: User) -> None:
    await login(u, SOFIE)
    await u.open("/kommegaa")
    await u.should_see(marker="board-grid")
    (status,) = u.find(marker="status-filter").elements
    assert isinstance(status, ui.select)
    status.set_value("")  # "Alle": the default view hides a child gone home, and the test follows one out and in


async def counted(actor: Actor, child_id: int, institution_id: int, action: Action) -> int:
    with count_queries() as sent:
        await service.do_action(actor, child_id, institution_id, action, now=utcnow(), device=DeviceKind.TABLET)
        await asyncio.sleep(0)  # the boards handle the event just after this turn: count what they send too
    return len(sent)


async def test_a_check_in_reaches_20_open_boards_for_the_queries_of_one(user: User) -> None:
    await open_board(user)
    staff = await sofie()
    bfo = await Institution.get(name="Skovlyskolens BFO")
    topic = f"presence:{bfo.id}"
    assert bus.subscriber_count(topic) == 1
    board = await load_board(staff, bfo.id, today_local())
    child = next(t.child_id for t in board.tiles.values()
                 if t.status in (Status.NOT_ARRIVED.value, Status.PICKED_UP.value))
    with_one = await counted(staff, child, bfo.id, Action.CHECK_IN)
    await user.should_see(marker=f"status-{child}-{Status.PRESENT.value}")
    await counted(staff, child, bfo.id, Action.CHECK_OUT)
    await user.should_see(marker=f"status-{child}-{Status.PICKED_UP.value}")

    others = [another_user() for _ in range(BOARDS - 1)]
    for other in others:
        await open_board(other)
    assert bus.subscriber_count(topic) == BOARDS
    with_many = await counted(staff, child, bfo.id, Action.CHECK_IN)
    assert with_many == with_one
    for u in (user, *others):
        await u.should_see(marker=f"status-{child}-{Status.PRESENT.value}")
