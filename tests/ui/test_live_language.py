"""A live redraw speaks the language of the page it draws on, not of whoever caused it."""

from __future__ import annotations

import gc
from collections.abc import Callable

from nicegui import storage, ui
from nicegui.testing import User

from tests.ui.conftest import login
from ui.i18n import t


async def test_a_redraw_caused_by_a_danish_click_draws_english_on_an_english_page(
        create_user: Callable[[], User]) -> None:
    danish, english = create_user(), create_user()
    await login(danish, "demo-laerer")
    await danish.open("/")
    await login(english, "demo-foraelder")
    await english.open("/")
    english.find(marker="language").click()
    await english.should_see(marker="language", content="DA")
    english_page, danish_page = english.client, danish.client
    assert english_page is not None and danish_page is not None
    # As in the teacher's click handler: her request is the task's context when the event reaches the parent's page.
    storage.request_contextvar.set(danish_page.request)
    with english_page:
        assert t("common.cancel") == "Cancel"
    with danish_page:
        assert t("common.cancel") == "Annuller"


async def test_text_for_an_element_already_removed_speaks_the_session_language(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/")
    page = user.client
    assert page is not None
    with page:
        box = ui.column()
    slot = box.default_slot
    box.delete()
    del box
    gc.collect()
    with slot:  # as a handler still running after its dialog was closed and freed
        assert t("common.cancel") == "Annuller"
