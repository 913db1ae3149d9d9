"""Status messages a screen reader hears without moving focus (WCAG 4.1.3), and search fields with real names."""

from __future__ import annotations

import asyncio

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui
from nicegui.element import Element
from nicegui.testing import User

from auth.session import actor_or_redirect
from domain.clock import utcnow
from domain.identity.model import Role
from domain.posts import service as posts_service
from persistence.organisation import Group, Institution
from tests.ui.conftest import login
from tests.ui.test_messages_thread import mette_id, send_to
from tests.ui.test_posts_ui import _actor as posts_actor
from tests.ui.test_posts_ui import _two_a as two_a
from tests.ui.test_surveys_ui import solsikken_survey
from ui.posts.feed import post_feed


def _one(user: User, marker: str) -> Element:
    elements = user.find(marker=marker).elements
    assert len(elements) == 1, f"{len(elements)} elements marked {marker}"
    return next(iter(elements))


def _live_region(user: User) -> ui.label:
    region = _one(user, "live-region")
    assert isinstance(region, ui.label)
    assert region.props["role"] == "status" and region.props["aria-live"] == "polite"
    return region


async def _region_says(user: User, text: str) -> None:
    for _ in range(60):
        if _live_region(user).text.rstrip("\u200b") == text:
            return
        await asyncio.sleep(0.1)
    assert _live_region(user).text == text


def _polite(element: Element) -> bool:
    """Whether the element sits in (or is) a polite live region that existed before its text changed."""
    current: Element | None = element
    while current is not None:
        if current.props.get("aria-live") == "polite":
            return True
        current = current.parent_slot.parent if current.parent_slot else None
    return False


async def test_choosing_a_recipient_is_announced_and_the_count_is_a_polite_live_region(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    search = _one(user, "recipient-search")
    assert search.props["aria-label"] == "Til: søg efter navn, klasse eller gruppe"  # not a placeholder alone
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    user.find(marker="recipient-search").type("2.A")
    await user.should_see("Alle forældre i 2.A")
    found = len(user.find(marker="found").elements.pop().default_slot.children)
    await _region_says(user, f"{found} forslag. Pil ned for at vælge.")
    option = _one(user, f"choice-group_guardians:{two_a.id}")
    assert option.props["role"] == "option" and option.props["tabindex"] == "-1"
    user.find(marker=f"choice-group_guardians:{two_a.id}").click()
    await _region_says(user, "Alle forældre i 2.A er valgt som modtager.")
    await user.should_see("Modtages af")
    assert _polite(_one(user, "recipient-count"))


async def test_draft_saved_is_a_polite_status(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder/ny")
    user.find(marker="subject").type("Forældremøde")
    await user.should_see("Kladde gemt")
    status = _one(user, "draft-status")
    assert status.props["role"] == "status" and _polite(status)


async def test_a_new_message_is_announced_in_words_and_the_badge_is_not_read_as_a_bare_number(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/beskeder")
    await user.should_see(marker="new-message")
    await asyncio.sleep(0.3)  # the badges count just after the page is built
    before = int(_one(user, "user-menu").client.storage["msg_unread_badges"].count)
    await send_to([await mette_id()], "Skolefoto på mandag", "Fotografen kommer kl. 9.")
    await _region_says(user, f"Ny besked. Du har {before + 1} ulæste beskeder.")
    for badge in user.find(marker="unread-badge").elements:
        assert badge.props["aria-hidden"] == "true"
        button = badge.parent_slot.parent if badge.parent_slot else None
        assert button is not None
        assert button.props["aria-label"] in (f"Beskeder – {before + 1} ulæste beskeder",
                                              f"Menu – ulæste beskeder: {before + 1}")


async def test_the_inbox_search_has_a_name_of_its_own(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/beskeder")
    assert _one(user, "inbox-search").props["aria-label"] == "Søg i beskeder"


async def test_the_audit_log_person_search_is_named_by_its_caption_not_its_placeholder(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/revision")
    await user.should_see("Revisionslog")
    assert _one(user, "audit-person-text").props["aria-label"] == \
        "Person (hvis data): Søg på navn eller fødselsdato (DDMMÅÅ)"


async def test_a_survey_text_answer_is_named_by_its_question(user: User) -> None:
    survey_id, (_, text_question) = await solsikken_survey()
    await login(user, "demo-foraelder")
    await user.open("/evaluering")
    user.find(marker=f"answer-{survey_id}").click()
    await user.should_see(marker=f"text-{text_question}")
    assert _one(user, f"text-{text_question}").props["aria-label"] == "2. Hvad mangler du?"


async def test_a_comment_field_is_named_not_only_by_its_placeholder(user: User) -> None:
    @ui.page("/test/opslag-feed-navn")
    async def feed_page(request: Request) -> RedirectResponse | None:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return actor
        await post_feed(actor)
        return None

    anne = await posts_actor("Anne", "Holm", Role.STAFF)
    school = await Institution.get(name="Skovlyskolen")
    post_id = await posts_service.do_publish(anne, institution_id=school.id, group_ids=[(await two_a()).id],
                                             title="Forældremøde", body="Torsdag kl. 17.", important=False,
                                             expires_on=None, allow_comments=True, now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/test/opslag-feed-navn")
    comments = user.find(marker=f"comments-{post_id}").elements.pop()
    assert isinstance(comments, ui.expansion)
    comments.set_value(True)
    await user.should_see(marker=f"comment-input-{post_id}")
    assert _one(user, f"comment-input-{post_id}").props["aria-label"] == "Skriv en kommentar"
