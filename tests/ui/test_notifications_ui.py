"""E-mail settings in the UI: a switch per kind on the profile, and the one-click link (GET asks, POST turns off)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from nicegui import ui
from nicegui.testing import User

from domain.broadcast import mailer
from domain.broadcast import service as broadcasts
from domain.broadcast.model import MINUTES_MIN
from domain.clock import utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.notifications.links import make_token
from domain.notifications.model import EmailKind
from domain.settings import SmtpSettings
from persistence.broadcast import BroadcastRecipient
from persistence.notifications import EmailOptOut
from persistence.people import Person
from tests.smtp_support import LINK_SECRET, Inbox, strict_parse
from tests.smtp_support import smtp_server as running_smtp
from tests.ui.conftest import login

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("krise@sammenby.dk") as server:
        yield server


async def _mette() -> Person:
    return await Person.get(first_name="Mette", last_name="Kristensen")


async def _actor(person: Person, role: str) -> Actor:
    return await current_actor(person.id, role, "2", now=utcnow())


async def _kinds_off(person: Person) -> list[str]:
    return sorted(str(kind) for (kind,) in await EmailOptOut.filter(person_id=person.id).values_list("kind"))


def _switch(user: User, kind: EmailKind) -> bool:
    (switch,) = user.find(marker=f"email-{kind.value}").elements
    assert isinstance(switch, ui.switch)
    return bool(switch.value)


async def test_the_profile_has_a_switch_per_kind_of_email_saved_at_once(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await _mette()
    await Person.filter(id=mette.id).update(email="mette@example.dk")
    await user.open("/profil")
    await user.should_see("Sammen sender e-mail til mette@example.dk.")
    await user.should_see("Påmindelser om begivenheder og samtaler")
    await user.should_see("Vigtige beskeder, du ikke har læst")
    assert _switch(user, EmailKind.REMINDERS) and _switch(user, EmailKind.URGENT)  # no row: on

    user.find(marker="email-urgent").click()
    await user.should_see("Gemt – slået fra: Vigtige beskeder, du ikke har læst")
    assert await _kinds_off(mette) == ["urgent"]
    await user.open("/profil")  # the switch is read from the table
    await user.should_see(marker="email-urgent")
    assert _switch(user, EmailKind.REMINDERS) and not _switch(user, EmailKind.URGENT)

    user.find(marker="email-urgent").click()
    await user.should_see("Gemt – slået til: Vigtige beskeder, du ikke har læst")
    assert await _kinds_off(mette) == []


async def test_a_person_without_an_address_is_told_so(user: User) -> None:
    await login(user, "demo-laerer")
    await Person.filter(first_name="Anne", last_name="Holm").update(email="")
    await user.open("/profil")
    await user.should_see("Sammen har ingen e-mailadresse på dig, så du får ingen e-mails.")


async def test_opening_the_link_asks_and_changes_nothing_and_the_one_click_post_turns_the_kind_off(
        user: User) -> None:
    mette = await _mette()
    path = f"/email/afmeld/{make_token(LINK_SECRET, mette.id, EmailKind.URGENT)}"
    client = user.http_client

    page = await client.get(path)  # what a person's browser, and a mail provider's link scanner, does
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert '<html lang="da">' in page.text and "<h1>Afmeld e-mails</h1>" in page.text
    assert "Vil du slå e-mails om vigtige beskeder, du ikke har læst, fra?" in page.text
    assert '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' \
           '<button type="submit">Slå disse e-mails fra</button></form>' in page.text
    assert '<a href="/profil">Gå til din profil</a>' in page.text
    assert (await client.head(path)).status_code == 200
    assert await _kinds_off(mette) == []

    refused = await client.post(path, data={"List-Unsubscribe": "Nej"})
    assert refused.status_code == 400 and "intet er ændret" in refused.text
    assert await _kinds_off(mette) == []

    done = await client.post(path, data=ONE_CLICK, follow_redirects=False)  # RFC 8058: the mail provider's POST
    assert done.status_code == 200
    assert "Du får ikke længere e-mails om vigtige beskeder, du ikke har læst." in done.text
    assert await _kinds_off(mette) == ["urgent"]
    assert (await client.post(path, data=ONE_CLICK)).status_code == 200  # a second click: still off, no error
    assert await _kinds_off(mette) == ["urgent"]


@pytest.mark.parametrize("token", ["", "1.urgent.forkert", "æøå", "1.urgent." + "A" * 43, "1/urgent"])
async def test_a_bad_link_gets_a_clear_danish_answer_and_changes_nothing(user: User, token: str) -> None:
    for answer in (await user.http_client.get(f"/email/afmeld/{token}"),
                   await user.http_client.post(f"/email/afmeld/{token}", data=ONE_CLICK)):
        assert answer.status_code == 404
        assert "Linket virker ikke: det er måske kun kopieret halvt, eller det er for gammelt. Intet er ændret." \
            in answer.text
        assert "<form" not in answer.text
    assert not await EmailOptOut.exists()


async def test_the_link_in_an_urgent_email_turns_it_off_and_the_next_broadcast_mails_someone_else_only(
        user: User, smtp_server: tuple[Inbox, SmtpSettings]) -> None:
    inbox, smtp = smtp_server
    await login(user, "demo-admin")
    admin = await _actor(await Person.get(first_name="Henrik", last_name="Dahl"), "admin")
    mette = await _mette()
    institutions = await broadcasts.guardian_institutions(await _actor(mette, "parent"), utcnow())
    await Person.exclude(id=mette.id).update(email="")
    await Person.filter(id=mette.id).update(email="mette@example.dk")

    async def broadcast_and_mail(title: str) -> int:
        now = utcnow()
        sent_id = await broadcasts.do_send_broadcast(admin, title=title, body="Hent jeres børn.", areas=[],
                                                     institution_ids=institutions, email_after_minutes=MINUTES_MIN,
                                                     now=now)
        sent = await mailer.send_due_emails(smtp, "https://sammen.sammenby.dk", now=now + timedelta(
            minutes=MINUTES_MIN))
        assert await BroadcastRecipient.filter(broadcast_id=sent_id, guardian_id=mette.id).exists()  # in the app
        return sent

    assert await broadcast_and_mail("Institutionen lukker kl. 12") == 1
    link = str(strict_parse(inbox.raw[0])["List-Unsubscribe"]).strip("<>")
    answer = await user.http_client.post(urlsplit(link).path, data=ONE_CLICK)
    assert answer.status_code == 200 and await _kinds_off(mette) == ["urgent"]
    assert await broadcast_and_mail("Institutionen lukker også i morgen") == 0
    assert len(inbox.raw) == 1
