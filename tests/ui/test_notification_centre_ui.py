"""The bell and /notifikationer through the UI: a live count, the list, a row that opens its item, mark all read."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from domain.clock import utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.notifications import service as centre
from persistence.identity import UserAccount
from persistence.notifications import Notification
from tests.ui.conftest import login
from tests.ui.test_messages_thread import anne, mette_id, send_to


def _bell(user: User) -> ui.button:
    [bell] = [b for b in user.find(marker="notification-bell").elements if isinstance(b, ui.button)]
    return bell


async def _counted(user: User, expected: int) -> None:
    for _ in range(60):
        if _bell(user).props.get("data-unread") == str(expected):
            break
        await asyncio.sleep(0.1)
    bell = _bell(user)
    assert bell.props.get("data-unread") == str(expected)
    name = f"Notifikationer, {expected} ulæste" if expected else "Notifikationer"
    assert bell.props["aria-label"] == name


async def test_the_bell_counts_a_new_message_live_and_the_list_opens_it_and_marks_it_read(user: User) -> None:
    mette = await mette_id()
    await Notification.filter(person_id=mette).delete()  # the demo's own history would only blur the figures
    await login(user, "demo-foraelder")
    await user.open("/notifikationer")
    await user.should_see(marker="empty")
    await user.should_see("Her kommer nye beskeder og svar")
    await _counted(user, 0)
    sent = await send_to([mette], "Skolefoto på mandag", "Fotografen kommer kl. 9.")
    await _counted(user, 1)  # on the open page, without a reload
    await user.should_see("Ny besked fra Anne Holm")  # the list is redrawn live too
    await user.should_see("Skolefoto på mandag")
    await user.should_not_see("Fotografen kommer kl. 9.")  # the text stays in the thread
    await user.should_see("Ulæst")
    [row] = await centre.list_notifications(await mette_actor())
    answer = await user.http_client.get(f"/notifikationer/{row.id}", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, f"/beskeder/{sent.thread_id}")
    await _counted(user, 0)
    await user.should_see("Ingen ulæste notifikationer")


async def test_mark_all_read_and_someone_elses_notification_is_refused(user: User) -> None:
    mette = await mette_id()
    await Notification.filter(person_id=mette).delete()
    for subject in ("Første", "Anden"):
        await send_to([mette], subject, "Tekst")
    teacher = await anne()
    theirs = await Notification.create(person_id=teacher.person_id, category="message", title="Til Anne",
                                       source="test:1", link="/beskeder", created_at=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/notifikationer")
    await _counted(user, 2)
    await user.should_see("2 ulæste notifikationer")
    user.find(marker="mark-all").click()
    await _counted(user, 0)
    await user.should_see("Alle er markeret som læst")
    await user.should_not_see("Ulæst")
    await user.open(f"/notifikationer/{theirs.id}")
    await user.should_see(marker="refusal")
    await user.should_see("Notifikationen findes ikke.")
    assert await Notification.filter(id=theirs.id, read_at__isnull=True).exists()


async def mette_actor() -> Actor:
    """Mette as the domain sees her (the list is read through the same service the page uses)."""
    account = await UserAccount.get(oidc_subject="demo-foraelder")
    return await current_actor(account.person_id, "parent", "2", now=utcnow())
