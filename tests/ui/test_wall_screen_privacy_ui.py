"""The wall screen through the UI: no element sent to the browser tells that a child is sick or on vacation."""

from __future__ import annotations

import asyncio
import json

from nicegui.testing import User

from demo.presence import DEMO_WALL_SCREEN_TOKEN
from domain.clock import today_local, utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.presence import service
from domain.presence.board import board_rows
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.tiles import load_settings
from persistence.identity import UserAccount
from persistence.presence import WallScreen

ABSENCE_MARKS = ("sick", "beach_access", "bg-red-2", "bg-purple-2", "syg", "ferie")


def payload(user: User, child_id: int) -> str:
    """Everything the browser gets of one child's tile: props, classes and texts of it and all inside it."""
    (card,) = user.find(marker=f"kiosk-tile-{child_id}").elements
    return json.dumps([e._to_dict() for e in [card, *card.descendants()]], default=str)


async def bfo_staff() -> Actor:
    account = await UserAccount.get(oidc_subject="demo-paedagog-bfo")
    return await current_actor(account.person_id, "staff", "2", now=utcnow())


async def test_a_child_reported_sick_before_and_while_the_screen_is_open_shows_only_as_not_present(
        user: User) -> None:
    institution_id = (await WallScreen.get(id=1)).institution_id
    assert institution_id is not None
    board = await board_rows(await load_settings(institution_id), today_local())
    first, second, third = [t.child_id for t in sorted(board.tiles.values(), key=lambda t: t.child_id)
                             if t.state is Status.NOT_ARRIVED][:3]
    staff = await bfo_staff()
    await service.do_action(staff, first, institution_id, Action.REPORT_SICK, now=utcnow(), device=DeviceKind.TABLET)
    await service.do_action(staff, third, institution_id, Action.CHECK_IN, now=utcnow(), device=DeviceKind.TABLET)
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    await user.should_see(marker=f"kiosk-tile-{first}")
    shown = payload(user, first)
    assert "radio_button_unchecked" in shown and not [m for m in ABSENCE_MARKS if m in shown]
    assert "check_circle" in payload(user, third)
    await service.do_action(staff, second, institution_id, Action.REPORT_SICK, now=utcnow(), device=DeviceKind.TABLET)
    # Falling ill while here keeps the child here until an adult checks it out: present, and nothing says why.
    await service.do_action(staff, third, institution_id, Action.REPORT_SICK, now=utcnow(), device=DeviceKind.TABLET)
    for _ in range(60):  # the events reach the open screen
        if "sick" not in payload(user, third) and "radio_button_unchecked" in payload(user, second):
            break
        await asyncio.sleep(0.05)
    shown = payload(user, second)
    assert "radio_button_unchecked" in shown and not [m for m in ABSENCE_MARKS if m in shown]
    shown = payload(user, third)
    assert "check_circle" in shown and not [m for m in ABSENCE_MARKS if m in shown]
