"""The top bar's search: messages, posts and events each through their feature's rules, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.calendar import service as calendar
from domain.calendar.notify import link_to
from domain.messages import service as messages
from domain.posts import service as posts
from domain.search.service import search
from persistence.people import GroupMembership
from tests.messages_world import NOW, MessagesWorld, build_messages_world
from tests.querycount import count_queries


@pytest.fixture
async def mw(sqlite_database: str) -> MessagesWorld:
    w = await build_messages_world()
    await GroupMembership.create(group=w.w.class_2a, person=w.w.teacher)
    return w


async def _publish(mw: MessagesWorld, title: str, n: int = 1, groups: list[int] | None = None) -> None:
    for i in range(n):
        await posts.do_publish(mw.teacher, institution_id=mw.w.school.id, group_ids=groups or [], title=f"{title} {i}",
                               body="Husk madpakke", important=False, expires_on=None, allow_comments=False,
                               now=NOW + timedelta(seconds=i))


async def _event(mw: MessagesWorld, title: str, *, private: bool = False, description: str = "") -> int:
    start = NOW + timedelta(days=3)
    return await calendar.do_create_event(mw.teacher, scope="group", group_id=mw.w.class_2a.id, title=title,
                                          description=description, all_day=False, start=start,
                                          end=start + timedelta(hours=1), private=private, now=NOW)


async def test_a_parent_finds_her_messages_posts_and_events_but_not_another_familys_thread(mw: MessagesWorld) -> None:
    await messages.do_send(mw.teacher, subject="Skovtur fredag", body="Husk gummistøvler", now=NOW,
                           recipient_keys=[mw.key(mw.w.guardian)])
    await messages.do_send(mw.teacher, subject="Skovtur for Carl", body="Kun til Olga", now=NOW,
                           recipient_keys=[mw.key(mw.w.other_guardian)])
    await _publish(mw, "Skovtur til Dyrehaven")
    event_id = await _event(mw, "Skovtur", description="Medbring https://skovly.dk/liste")
    found = await search(mw.guardian, "skovtur", now=NOW)
    assert [h.title for h in found.messages] == ["Skovtur fredag"]
    assert [h.title for h in found.posts] == ["Skovtur til Dyrehaven 0"]
    assert found.posts[0].link == f"/opslag/{found.posts[0].ref_id}"
    assert [(h.ref_id, h.link) for h in found.events] == [(event_id, link_to(NOW + timedelta(days=3), event_id))]
    assert found.messages[0].link.startswith("/beskeder/")
    assert (await search(mw.guardian, "gummistøvler", now=NOW)).messages[0].title == "Skovtur fredag"
    assert (await search(mw.other_guardian, "fredag", now=NOW)).messages == ()
    assert (await search(mw.leader, "skovtur", now=NOW)).total == 0  # the kindergarten's leader sees none of it
    assert (await search(mw.guardian, "s", now=NOW)).total == 0  # one letter is no search


async def test_a_private_events_description_and_a_sensitive_message_are_not_searched(mw: MessagesWorld) -> None:
    await _event(mw, "Møde", private=True, description="hemmelig dagsorden")
    await messages.do_send(mw.teacher, subject="Om Anna", body="diagnose fra lægen", sensitive=True, now=NOW,
                           recipient_keys=[mw.key(mw.w.guardian)])
    assert (await search(mw.guardian, "hemmelig", now=NOW)).events == ()
    assert (await search(mw.guardian, "diagnose", now=NOW)).messages == ()  # level 2: sensitive text is not read


async def test_the_search_costs_the_same_queries_for_one_or_many_results(mw: MessagesWorld) -> None:
    await _publish(mw, "Juleklip")
    await _event(mw, "Juleklip")
    await messages.do_send(mw.teacher, subject="Juleklip", body="Saks", recipient_keys=[mw.key(mw.w.guardian)],
                           now=NOW)
    with count_queries() as few:
        assert (await search(mw.guardian, "juleklip", now=NOW)).total == 3
    await _publish(mw, "Juleklip", 8, groups=[mw.w.class_2a.id])
    for i in range(8):
        await _event(mw, f"Juleklip {i}")
        await messages.do_send(mw.teacher, subject=f"Juleklip {i}", body="Lim", now=NOW + timedelta(minutes=i),
                               recipient_keys=[mw.key(mw.w.guardian)], rate_limited=False)
    with count_queries() as many:
        assert (await search(mw.guardian, "juleklip", now=NOW)).total == 27
    assert len(many) == len(few)
