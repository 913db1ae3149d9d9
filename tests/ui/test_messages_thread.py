"""Reading beskeder through the UI: replies, live updates, the unread badge, sensitive gating, text never as HTML."""

from __future__ import annotations

import asyncio
import html
from urllib.parse import parse_qs, urlsplit

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.messages import service
from domain.messages.model import SendResult
from domain.settings import NSIS_HIGH
from persistence.identity import UserAccount
from persistence.messages import Message, Participant, Thread
from persistence.organisation import Group
from persistence.people import Custody, Enrolment
from persistence.queries import active_on, ints
from tests.ui.conftest import HIDDEN, login


async def anne() -> Actor:
    """The teacher in 2.A, as the domain sees her."""
    account = await UserAccount.get(oidc_subject="demo-laerer")
    return await current_actor(account.person_id, "staff", "2", now=utcnow())


async def mette_id() -> int:
    return int((await UserAccount.get(oidc_subject="demo-foraelder")).person_id)


async def other_parent_in_2a(but: int) -> int:
    """Another guardian of a child in Skovlyskolen's 2.A."""
    today = today_local()
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    children = ints(await Enrolment.filter(active_on(today), group_id=two_a.id).values_list("child_id", flat=True))
    guardians = ints(await Custody.filter(active_on(today, "valid_from", "valid_to"), child_id__in=children)
                     .exclude(guardian_id=but).values_list("guardian_id", flat=True))
    return guardians[0]


async def send_to(person_ids: list[int], subject: str, body: str, sensitive: bool = False) -> SendResult:
    return await service.do_send(await anne(), subject=subject, body=body, sensitive=sensitive,
                                 recipient_keys=[f"person:{p}" for p in person_ids], now=utcnow())


async def test_reply_goes_to_the_sender_and_reply_all_to_everyone(user: User) -> None:
    mette = await mette_id()
    other = await other_parent_in_2a(mette)
    sent = await send_to([mette, other], "Cykeltur", "Vi cykler torsdag.")
    await login(user, "demo-foraelder")
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see("Svar til Anne Holm")
    user.find(marker="reply-body").type("Oscar kommer med.")
    user.find(marker="send-reply").click()
    await user.should_see("Sendt til 1 person")
    answer = await Thread.get(subject="Sv: Cykeltur")
    seats = ints(await Participant.filter(thread_id=answer.id).values_list("person_id", flat=True))
    assert set(seats) == {mette, sent_by := (await anne()).person_id}

    await user.open(f"/beskeder/{sent.thread_id}")
    user.find(marker="toggle-reply-all").click()
    await user.should_see("Svar til alle i tråden")
    user.find(marker="reply-body").type("Vi tager madpakker med til alle.")
    user.find(marker="send-reply").click()
    await user.should_see("Sendt til 2 personer")
    bodies = await Message.filter(thread_id=sent.thread_id).order_by("id").values_list("sender_id", "body")
    assert bodies == [(sent_by, "Vi cykler torsdag."), (mette, "Vi tager madpakker med til alle.")]


async def test_a_new_message_appears_in_the_open_thread_and_an_undone_one_disappears(user: User) -> None:
    mette = await mette_id()
    sent = await send_to([mette], "Madpakker", "Husk madpakke i morgen.")
    await login(user, "demo-foraelder")
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see("Husk madpakke i morgen.")
    more = await service.do_reply(await anne(), sent.thread_id, body="Og en drikkedunk.", now=utcnow())
    assert more.thread_id == sent.thread_id
    await user.should_see("Og en drikkedunk.")
    await service.do_undo_send(await anne(), more.message_id, now=utcnow())
    await user.should_not_see("Og en drikkedunk.")
    await user.should_see("Husk madpakke i morgen.")


def _badge_texts(user: User) -> set[str]:
    return {b.text for b in user.find(marker="unread-badge").elements if isinstance(b, ui.badge) and b.visible}


async def test_the_inbox_and_the_unread_badge_follow_a_new_message_without_reload(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/beskeder")
    await user.should_see(marker="new-message")
    await asyncio.sleep(0.2)  # the badge counts just after the page is built
    before = next(iter(_badge_texts(user)), "0")
    await send_to([await mette_id()], "Skolefoto på mandag", "Fotografen kommer kl. 9.")
    await user.should_see("Skolefoto på mandag")  # the new thread is in the open list without a reload
    for _ in range(20):
        if _badge_texts(user) == {str(int(before) + 1)}:
            break
        await asyncio.sleep(0.1)
    assert _badge_texts(user) == {str(int(before) + 1)}


async def step_up(user: User, start_at: str, subject: str) -> str:
    """Follow the step-up link through the dev IdP at level 3, as a browser would; returns where Sammen sends us."""
    client = user.http_client
    start = await client.get(start_at)
    assert start.status_code in (302, 303)
    assert parse_qs(urlsplit(start.headers["location"]).query)["acr_values"] == [NSIS_HIGH]
    page = await client.get(start.headers["location"])
    fields = {k: html.unescape(v) for k, v in HIDDEN.findall(page.text)}
    answer = await client.post("/dev-idp/authorize", data={**fields, "subject": subject, "acr": "3"})
    back = await client.get(answer.headers["location"])
    assert back.status_code == 303, back.text
    return str(back.headers["location"])


async def test_a_sensitive_message_asks_for_mitid_at_level_2_and_shows_at_level_3(user: User) -> None:
    sent = await send_to([await mette_id()], "Om Oscar", "Oscar har haft en svær uge.", sensitive=True)
    await login(user, "demo-foraelder", acr="2")
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see("Følsom besked — log ind med MitID for at læse den")
    await user.should_not_see("Oscar har haft en svær uge.")
    button = user.find(marker="step-up").elements.pop()
    target = f"/auth/login?acr=3&next=%2Fbeskeder%2F{sent.thread_id}"
    assert button.props["data-href"] == target
    assert await step_up(user, target, "demo-foraelder") == f"/beskeder/{sent.thread_id}"
    await user.open(f"/beskeder/{sent.thread_id}")
    await user.should_see("Oscar har haft en svær uge.")
    await user.should_not_see("Følsom besked — log ind med MitID for at læse den")


async def test_html_and_script_in_a_body_are_shown_as_text(user: User) -> None:
    body = "<script>alert('x')</script><b>fed</b> & <img src=x onerror=alert(1)>"
    sent = await send_to([await mette_id()], "<i>Emne</i>", body)
    await login(user, "demo-foraelder")
    await user.open(f"/beskeder/{sent.thread_id}")
    shown = user.find(marker=f"body-{sent.message_id}").elements.pop()
    assert isinstance(shown, ui.label) and not isinstance(shown, (ui.html, ui.markdown))
    assert shown.text == body
    assert not any(isinstance(e, (ui.html, ui.markdown)) for e in user.find(content="fed").elements)
