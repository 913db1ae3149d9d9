"""Search results open their item: a post on its own page, an event's dialog, and fællespostkasse threads for staff."""

from __future__ import annotations

import pytest

from domain.errors import DomainError
from domain.messages import service as messages
from domain.posts import feed
from domain.posts import service as posts
from domain.search.service import search
from tests.messages_world import NOW, MessagesWorld, build_messages_world


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


async def test_a_post_result_links_to_the_post_itself_which_opens_for_the_reader_only(mw: MessagesWorld) -> None:
    post_id = await posts.do_publish(mw.teacher, institution_id=mw.w.school.id, group_ids=[], title="Julefest",
                                     body="Kom og syng", important=False, expires_on=None, allow_comments=True, now=NOW)
    [hit] = (await search(mw.guardian, "julefest", now=NOW)).posts
    assert (hit.ref_id, hit.link) == (post_id, f"/opslag/{post_id}")
    view = await feed.post_view(mw.guardian, post_id, today=mw.w.today)
    assert (view.post_id, view.title, view.allow_comments) == (post_id, "Julefest", True)
    with pytest.raises(DomainError):
        await feed.post_view(mw.leader, post_id, today=mw.w.today)  # the kindergarten's leader may not see it


async def test_a_shared_inbox_thread_is_found_by_staff_who_work_there_and_not_by_others(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.guardian, subject="Glemt madkasse", body="Den blå ligger i hallen", now=NOW,
                                  recipient_keys=[f"shared_inbox:{mw.w.school.id}"])
    [hit] = (await search(mw.teacher, "madkasse", now=NOW)).messages
    assert (hit.ref_id, hit.link) == (sent.thread_id, f"/beskeder/{sent.thread_id}")
    assert [h.ref_id for h in (await search(mw.teacher, "blå hallen", now=NOW)).messages] == [sent.thread_id]
    assert (await search(mw.leader, "madkasse", now=NOW)).messages == ()  # works at the kindergarten
    assert (await search(mw.other_guardian, "madkasse", now=NOW)).messages == ()
    [mine] = (await search(mw.guardian, "madkasse", now=NOW)).messages  # the sender's own seat, once
    assert mine.ref_id == sent.thread_id


async def test_a_thread_in_both_the_own_and_the_shared_inbox_is_one_result(mw: MessagesWorld) -> None:
    sent = await messages.do_send(mw.guardian, subject="Cykelhjelm", body="Til Tina og kontoret", now=NOW,
                                  recipient_keys=[mw.key(mw.w.teacher), f"shared_inbox:{mw.w.school.id}"])
    assert [h.ref_id for h in (await search(mw.teacher, "cykelhjelm", now=NOW)).messages] == [sent.thread_id]
