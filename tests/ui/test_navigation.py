"""Role switching, language, the child page, refusals, idle expiry and health, through the UI."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from persistence.audit import AuditEntry
from persistence.people import Custody, Person
from tests.ui.conftest import login


async def test_a_pedagogue_who_is_also_a_parent_switches_roles(user: User) -> None:
    await login(user, "demo-paedagog-bfo")
    await user.open("/")
    await user.should_see("Min institution")
    await user.should_see("Skovlyskolens BFO")
    user.find(marker="role-parent").click()
    await user.should_see("Overblik")
    await user.should_see("Myretuen")
    assert (await user.http_client.get("/")).headers["location"] == "/overblik"


async def test_the_language_switches_to_english_and_back(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune")
    await user.should_see("Kommunens institutioner")
    user.find(marker="language").click()
    await user.should_see("The municipality's institutions")
    user.find(marker="language").click()
    await user.should_see("Kommunens institutioner")


async def test_the_child_page_shows_the_path_across_institutions(user: User) -> None:
    await login(user, "demo-foraelder")
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    await user.open(f"/barn/{oscar.id}")
    await user.should_see("Forløb 0–16 år")
    await user.should_see("Skovlyskolens BFO")
    await user.should_see("XXXX")
    assert oscar.cpr is not None
    await user.should_not_see(oscar.cpr)


async def test_opening_another_familys_child_shows_a_refusal_and_is_audited(user: User) -> None:
    await login(user, "demo-foraelder")
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    own = set(await Custody.filter(guardian_id=mette.id).values_list("child_id", flat=True))
    stranger = await Person.filter(is_child=True).exclude(id__in=list(own)).first()
    assert stranger is not None
    await user.open(f"/barn/{stranger.id}")
    await user.should_see("Ingen adgang")
    await user.should_see("Du har ikke adgang til dette. Forsøget er registreret.")
    await user.should_not_see(stranger.first_name + " " + stranger.last_name)
    refused = await AuditEntry.filter(concerned_person_id=stranger.id, outcome="refused").count()
    assert refused == 1


async def test_a_parent_sent_to_an_admin_page_gets_their_own_home(user: User) -> None:
    await login(user, "demo-foraelder")
    response = await user.http_client.get("/leder")
    assert response.headers["location"] == "/overblik"


async def test_the_municipal_admin_sees_every_institution_and_expired_cross_groups(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune")
    table = user.find(marker="institutions").elements.pop()
    assert isinstance(table, ui.table) and len(table.rows) == 16
    await user.should_see("Lukket")


async def test_the_leader_sees_staff_with_superusers(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder")
    await user.should_see("Administration af Solsikken")
    table = user.find(marker="staff-table").elements.pop()
    assert isinstance(table, ui.table) and any(r["superuser"] for r in table.rows)


async def test_health_reports_the_database(user: User) -> None:
    response = await user.http_client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["database"]["status"] == "ok"


@pytest.fixture
def short_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions expire the moment they are idle."""
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "0")


async def test_an_idle_session_expires(short_idle: None, user: User) -> None:
    await login(user, "demo-foraelder")
    response = await user.http_client.get("/overblik")
    assert response.headers["location"] == "/login?reason=expired"
    await user.open("/login?reason=expired")
    await user.should_see("Du er blevet logget ud, fordi du ikke har været aktiv i et stykke tid.")


async def test_the_login_count_rises_live_and_the_page_unsubscribes_when_it_goes(user: User) -> None:
    from domain.clock import utcnow
    from domain.events import bus
    from domain.identity.service import do_login

    await login(user, "demo-admin")
    await user.open("/kommune")
    figure = user.find(marker="logins-today").elements.pop()
    assert isinstance(figure, ui.label)
    before = int(figure.text)
    listening = bus.subscriber_count("logins")
    assert listening >= 1
    await do_login("demo-foraelder", "2", now=utcnow())
    assert int(figure.text) == before + 1
    user.client.delete()
    assert bus.subscriber_count("logins") == listening - 1
