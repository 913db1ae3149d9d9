"""The urgent broadcast through the UI: the admin sends with the exact count and sees figures; a guardian reads it."""

from __future__ import annotations

import pytest
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui
from nicegui.testing import User

from auth.session import actor_or_redirect
from domain.broadcast import service
from domain.clock import utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.rollout.model import Area
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.people import Person
from tests.ui.conftest import login
from ui.broadcast.banner import broadcast_banner


async def _admin() -> Actor:
    henrik = await Person.get(first_name="Henrik", last_name="Dahl")
    return await current_actor(henrik.id, "admin", "2", now=utcnow())


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture
def mail_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app is built with an SMTP server configured (nothing is sent: the UI tests run no jobs)."""
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")


async def test_the_admin_sees_the_exact_count_confirms_and_follows_the_figures(mail_server: None, user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/krisebesked")
    await user.should_see("Ny krisebesked")
    expected = await service.count_broadcast_recipients(await _admin(), areas=[Area.SKOLE], institution_ids=[],
                                                        now=utcnow())
    user.find(marker="area-skole").click()
    await user.should_see(f"Beskeden sendes til {_dotted(expected)} forældre.")
    user.find(marker="broadcast-send").click()
    await user.should_see("Skriv en overskrift.")
    user.find(marker="broadcast-title").type("Skolerne lukker fra mandag")
    user.find(marker="broadcast-body").type("<b>Alle skoler</b> holder lukket.")
    user.find(marker="broadcast-send").click()
    await user.should_see(f"Send til {_dotted(expected)} forældre?")
    user.find(marker="broadcast-confirm").click()
    await user.should_see("Læst pr. institution")
    await user.should_see("<b>Alle skoler</b> holder lukket.")  # shown as text, never as HTML
    broadcast = await Broadcast.get(title="Skolerne lukker fra mandag")
    assert len(set(await BroadcastRecipient.filter(broadcast_id=broadcast.id).values_list(
        "guardian_id", flat=True))) == expected
    assert broadcast.email_after_minutes == 60
    await user.should_see(f"Læst af 0 af {_dotted(expected)} forældre (0 %)")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    await service.do_mark_read(await current_actor(mette.id, "parent", "2", now=utcnow()), broadcast.id,
                               now=utcnow())
    await user.should_see(f"Læst af 1 af {_dotted(expected)} forældre", retries=30)  # live, without reload
    user.find(marker="broadcast-end").click()
    await user.should_see(marker="broadcast-end-confirm")
    user.find(marker="broadcast-end-confirm").click()
    await user.should_see("Krisebeskeden er afsluttet.")
    assert (await Broadcast.get(id=broadcast.id)).ended_at is not None


async def test_a_guardian_sees_a_new_broadcast_live_and_it_goes_when_read(user: User) -> None:
    @ui.page("/test/krisebanner")
    async def banner_page(request: Request) -> RedirectResponse | None:
        actor = await actor_or_redirect(request)
        if isinstance(actor, RedirectResponse):
            return actor
        await broadcast_banner(actor)
        ui.label("Resten af Overblik")
        return None

    admin = await _admin()
    first = await service.do_send_broadcast(admin, title="Dagtilbud lukker", body="Fra mandag.",
                                            areas=[Area.DAGTILBUD], institution_ids=[], email_after_minutes=None,
                                            now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/test/krisebanner")
    await user.should_see("Dagtilbud lukker")
    await service.do_send_broadcast(admin, title="Skolerne lukker også", body="<script>x</script>",
                                    areas=[Area.SKOLE], institution_ids=[], email_after_minutes=None, now=utcnow())
    await user.should_see("Skolerne lukker også")  # live, without reload
    await user.should_see("<script>x</script>")
    public = await user.http_client.get("/krise")  # the app's own public route, no login needed
    assert public.status_code == 200 and "Skolerne lukker også" in public.text and "<script>x" not in public.text
    user.find(marker=f"broadcast-read-{first}").click()
    await user.should_not_see("Dagtilbud lukker")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    assert not await BroadcastRecipient.filter(broadcast_id=first, guardian_id=mette.id, read_at=None).exists()
    await user.open("/test/krisebanner")
    await user.should_see("Skolerne lukker også")
    await user.should_not_see("Dagtilbud lukker")


async def test_without_a_mail_server_the_page_says_email_is_off_and_offers_no_choice(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/krisebesked")
    await user.should_see("E-mail til forældre, der ikke har læst beskeden, er slået fra: kommunen har ikke sat en "
                          "mailserver op (SMTP_HOST).")
    await user.should_not_see(marker="broadcast-email")
    user.find(marker="area-skole").click()
    user.find(marker="broadcast-title").type("Skolerne lukker i morgen")
    user.find(marker="broadcast-body").type("Hent jeres børn.")
    user.find(marker="broadcast-send").click()
    await user.should_see(marker="broadcast-confirm")
    user.find(marker="broadcast-confirm").click()
    await user.should_see("Læst pr. institution")
    assert (await Broadcast.get(title="Skolerne lukker i morgen")).email_after_minutes is None
