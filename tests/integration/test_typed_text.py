"""Typed text with a NUL or another control character is refused with a Danish message and nothing is stored.

PostgreSQL cannot store NUL in text, so a message holding one failed there without a word (and SQLite stored it).
Every do_* service that takes typed text checks it first; the refusal is logged as one line without the text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from domain.calendar import service as calendar
from domain.errors import DomainError
from domain.messages import autoreply, drafts, folders
from domain.messages import service as messages
from domain.posts import service as posts
from domain.rollout.plan import MilestoneDraft, MilestoneStatus
from domain.text import has_control
from persistence.calendar import CalendarEvent
from persistence.messages import AutoReply, Draft, Folder, Message
from persistence.posts import Post
from tests.messages_world import NOW, MessagesWorld, build_messages_world
from ui.i18n import t

SECRET = "Annas nye adresse"
TYPED = (f"{SECRET}\x00", f"{SECRET}\x01", f"{SECRET}\x1b[2J", f"{SECRET}\x0b")


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


def writes(mw: MessagesWorld, text: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    """One write per kind of typed text, each with `text` where a person types."""
    start = NOW + timedelta(days=2)
    return {
        "message": lambda: messages.do_send(mw.teacher, subject="Tur", body=text,
                                            recipient_keys=[mw.key(mw.w.guardian)], now=NOW),
        "subject": lambda: messages.do_send(mw.teacher, subject=text, body="Husk madpakke",
                                            recipient_keys=[mw.key(mw.w.guardian)], now=NOW),
        "draft": lambda: drafts.do_save_draft(mw.guardian, draft_id=None, thread_id=None, subject="Kladde", body=text,
                                              recipient_keys=[], sensitive=False, now=NOW),
        "folder": lambda: folders.do_create_folder(mw.guardian, name=text, now=NOW),
        "autosvar": lambda: autoreply.do_set_auto_reply(mw.teacher, first_day=start.date(), last_day=start.date(),
                                                         text=text, now=NOW),
        "event": lambda: calendar.do_create_event(mw.teacher, scope="group", group_id=mw.w.class_2a.id, title=text,
                                                  all_day=False, start=start, end=start + timedelta(hours=1), now=NOW),
        "post": lambda: posts.do_publish(mw.teacher, institution_id=mw.w.school.id, group_ids=[], title="Opslag",
                                         body=text, important=False, expires_on=None, allow_comments=True, now=NOW),
    }


async def stored() -> tuple[int, ...]:
    return (await Message.all().count(), await Draft.all().count(), await Folder.all().count(),
            await AutoReply.all().count(), await CalendarEvent.all().count(), await Post.all().count())


@pytest.mark.parametrize("text", TYPED, ids=["nul", "soh", "escape", "vertical-tab"])
async def test_typed_text_with_a_control_character_is_refused_in_danish_and_nothing_is_stored(
        mw: MessagesWorld, text: str, caplog: pytest.LogCaptureFixture) -> None:
    before = await stored()
    caplog.set_level(logging.WARNING, logger="sammen.input")
    for kind, write in writes(mw, text).items():
        with pytest.raises(DomainError) as refused:
            await write()
        assert refused.value.key == "error.control_characters", kind
    assert await stored() == before
    assert t("error.control_characters", "da").startswith("Teksten indeholder et usynligt kontroltegn")
    lines = [r.getMessage() for r in caplog.records if r.name == "sammen.input"]
    assert len(lines) == len(writes(mw, text))  # one line per refusal
    assert all("refused input with a control character in do_" in line and SECRET not in line for line in lines)


async def test_tabs_and_line_breaks_are_ordinary_text(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.teacher, subject="Tur", body="Husk:\n\t- madpakke\r\n\t- regntøj",
                                  recipient_keys=[mw.key(mw.w.guardian)], now=NOW)
    assert (await Message.get(id=sent.message_id)).body == "Husk:\n\t- madpakke\r\n\t- regntøj"


def test_a_control_character_is_found_inside_lists_dicts_and_dataclasses() -> None:
    draft = MilestoneDraft(programme_id=1, phase_id=None, title="Go-live", owner="Ib\x00", due=NOW.date(),
                           status=next(iter(MilestoneStatus)))
    assert has_control(draft) and not has_control(replace(draft, owner="Ib"))
    assert has_control(["ok", {"spørgsmål": "svar\x00"}]) and has_control({"nøgle\x07": 1})
    assert not has_control(["ok", {"a": ("b\n\t", 3, None)}])
