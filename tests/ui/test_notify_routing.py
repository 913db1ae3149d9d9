"""The UI tests' harness: a notification reaches the user whose page showed it."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User


async def test_a_notification_reaches_the_user_whose_page_showed_it(create_user: Callable[[], User]) -> None:
    first, second = create_user(), create_user()
    await first.open("/tilgaengelighed")
    await second.open("/tilgaengelighed")
    page = first.client
    assert page is not None
    _ = second.javascript_rules  # as a second page's outbox does: the simulation now points ui.notify at `second`
    with page:
        ui.notify("Gemt.")
    assert "Gemt." in first.notify.messages
    assert "Gemt." not in second.notify.messages
