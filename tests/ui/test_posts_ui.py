"""Opslag through the UI: staff write on /opslag, a parent comments and reports in the feed, the leader decides."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui
from nicegui.testing import User

from auth.session import actor_or_redirect
from domain.clock import today_local, utcnow
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.posts import reports, service
from persistence.organisation import Group, Institution
from persistence.people import Person
from persistence.posts import ContentReport, Post, PostComment, PostGroup
from tests.ui.conftest import login
from ui.posts.feed import post_feed


async def _actor(first: str, last: str, role: Role) -> Actor:
    person = await Person.get(first_name=first, last_name=last)
    facts = await load_person_facts(person.id, today_local())
    assert facts is not None
    return facts.actor(role, "3")


async def _two_a() -> Group:
    return await Group.get(name="2.A", institution__name="Skovlyskolen")


async def test_a_teacher_writes_a_post_to_2a_on_opslag_and_it_shows_in_the_feed(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/opslag")
    await user.should_see("Skriv et opslag")
    user.find(marker="post-publish").click()
    await user.should_see("Skriv en overskrift.")
    assert not await Post.exists(title="Tur til skoven")
    two_a = await _two_a()
    groups = user.find(marker="post-groups").elements.pop()
    assert isinstance(groups, ui.select)
    groups.set_value([two_a.id])
    user.find(marker="post-title").type("Tur til skoven")
    user.find(marker="post-body").type("Husk gummistøvler <b>på fredag</b>.")
    user.find(marker="post-important").click()
    user.find(marker="post-publish").click()
    await user.should_see("Opslaget er offentliggjort.")
    await user.should_see("Husk gummistøvler <b>på fredag</b>.")  # the feed follows the event, shown as text
    await user.should_see("Til 2.A")
    post = await Post.get(title="Tur til skoven")
    assert post.important and post.allow_comments and post.author_name == "Anne Holm"
    assert await PostGroup.filter(post_id=post.id).values_list("group_id", flat=True) == [two_a.id]


async def test_a_parent_comments_and_reports_a_post_through_the_feed_component(user: User) -> None:
    @ui.page("/test/opslag-feed")
    async def feed_page(request: Request) -> RedirectResponse | None:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return actor
        await post_feed(actor)
        return None

    anne = await _actor("Anne", "Holm", Role.STAFF)
    school = await Institution.get(name="Skovlyskolen")
    post_id = await service.do_publish(anne, institution_id=school.id, group_ids=[(await _two_a()).id],
                                       title="Forældremøde", body="Torsdag kl. 17 i klassen.", important=False,
                                       expires_on=None, allow_comments=True, now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/test/opslag-feed")
    await user.should_see("Forældremøde")
    comments = user.find(marker=f"comments-{post_id}").elements.pop()
    assert isinstance(comments, ui.expansion)
    comments.set_value(True)  # what the browser sends when the header is tapped
    await user.should_see(marker=f"comment-input-{post_id}")
    user.find(marker=f"comment-input-{post_id}").type("Vi kommer begge to.")
    user.find(marker=f"comment-send-{post_id}").click()
    await user.should_see("Kommentaren er tilføjet.")
    await user.should_see("Vi kommer begge to.")
    assert await PostComment.filter(post_id=post_id, body="Vi kommer begge to.").exists()
    await service.do_publish(anne, institution_id=school.id, group_ids=[], title="Skolefoto på mandag",
                             body="Alle klasser.", important=True, expires_on=None, allow_comments=False,
                             now=utcnow())
    await user.should_see("Skolefoto på mandag")  # live, without reload
    user.find(marker=f"post-menu-{post_id}").click()
    user.find(marker=f"report-post-{post_id}").click()
    await user.should_see("Anmeld indhold til lederen")
    user.find(marker="report-send").click()
    await user.should_see("Skriv kort, hvorfor du anmelder.")
    user.find(marker="report-reason").type("Forkert dato")
    user.find(marker="report-send").click()
    await user.should_see("Tak. Lederen har fået din anmeldelse.")
    assert await ContentReport.filter(post_id=post_id, reason="Forkert dato").count() == 1


async def test_the_leader_removes_reported_content_after_confirming(user: User) -> None:
    peter = await _actor("Peter", "Lund", Role.LEADER)
    mette = await _actor("Mette", "Kristensen", Role.PARENT)
    solsikken = await Institution.get(name="Solsikken")
    post_id = await service.do_publish(peter, institution_id=solsikken.id, group_ids=[], title="Loppemarked",
                                       body="Køb min cykel billigt", important=False, expires_on=None,
                                       allow_comments=True, now=utcnow())
    report_id = await reports.do_report(mette, post_id=post_id, reason="Reklame", now=utcnow())
    await login(user, "demo-leder")
    await user.open("/opslag")
    await user.should_see("Anmeldelser")
    await user.should_see("Begrundelse: Reklame")
    user.find(marker=f"remove-report-{report_id}").click()
    await user.should_see(marker="confirm-report")
    user.find(marker="confirm-report").click()
    await user.should_see("Indholdet er fjernet.")
    await user.should_not_see("Køb min cykel billigt")
    await user.should_not_see(marker=f"report-{report_id}")
    assert (await Post.get(id=post_id)).removed_at is not None


async def test_removing_the_last_report_says_so_once_and_logs_no_error(user: User,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    peter = await _actor("Peter", "Lund", Role.LEADER)
    mette = await _actor("Mette", "Kristensen", Role.PARENT)
    solsikken = await Institution.get(name="Solsikken")
    post_id = await service.do_publish(peter, institution_id=solsikken.id, group_ids=[], title="Cykel til salg",
                                       body="Ring til mig", important=False, expires_on=None,
                                       allow_comments=True, now=utcnow())
    await ContentReport.all().delete()  # the demo's own open reports would hide the empty message
    report_id = await reports.do_report(mette, post_id=post_id, reason="Reklame", now=utcnow())
    await login(user, "demo-leder")
    await user.open("/opslag")
    await user.should_see("Begrundelse: Reklame")
    caplog.clear()
    user.find(marker=f"remove-report-{report_id}").click()
    await user.should_see(marker="confirm-report")
    user.find(marker="confirm-report").click()
    await user.should_see("Indholdet er fjernet.")
    await asyncio.sleep(0.5)  # the report event's own redraw comes after the click's
    section = user.find(marker="post-reports").elements.pop()
    empties = [e for e in section.descendants() if "empty" in e._markers]
    assert len(empties) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]



def _posts_shown(user: User) -> int:
    """How many post bodies the page holds right now."""
    assert user.client is not None
    return sum(1 for e in user.client.layout.descendants() if any(m.startswith("post-body-") for m in e._markers))


async def test_overblik_shows_the_first_posts_and_the_rest_behind_a_button(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see(marker="posts-show-all")
    before = _posts_shown(user)
    assert before >= 3
    user.find(marker="posts-show-all").click()
    await user.should_not_see(marker="posts-show-all")
    assert _posts_shown(user) > before
