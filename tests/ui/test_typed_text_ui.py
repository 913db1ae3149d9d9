"""A control character typed (or pasted) into a message is refused on the page in Danish; nothing is sent or logged.

PostgreSQL cannot store NUL, so such a message used to vanish on Send with only a trace in the server log.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from nicegui.testing import User

from persistence.messages import Draft, Thread
from persistence.organisation import Group
from tests.ui.conftest import login

REFUSED = "Teksten indeholder et usynligt kontroltegn"


async def test_a_message_with_a_nul_character_is_refused_in_danish_and_nothing_is_sent_or_traced(
        user: User, caplog: pytest.LogCaptureFixture) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    user.find(marker="recipient-search").type("2.A")
    await user.should_see("Alle forældre i 2.A")
    user.find(marker=f"choice-group_guardians:{two_a.id}").click()
    await user.should_see(marker=f"chip-group_guardians:{two_a.id}")
    threads, drafts = await Thread.all().count(), await Draft.all().count()
    caplog.clear()
    user.find(marker="subject").type("Tur i skoven")
    user.find(marker="body").type("Husk\x00 gummistøvler.")
    await asyncio.sleep(1.3)  # the draft is saved a second after typing pauses: it is refused the same way
    user.find(marker="send").click()
    await user.should_see(REFUSED)
    assert (await Thread.all().count(), await Draft.all().count()) == (threads, drafts)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []
    refused = [r.getMessage() for r in caplog.records if r.name == "sammen.input"]
    assert refused and all("gummistøvler" not in line for line in refused)
