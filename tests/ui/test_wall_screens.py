"""The leader's KommeGå page through the UI: only their own screens, live list, settings and closing days."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.facts import load_person_facts
from domain.identity.model import Role
from domain.presence import kiosk
from persistence.organisation import Institution
from persistence.people import Person
from persistence.presence import PresenceSettings, WallScreen
from tests.ui.conftest import login


async def test_a_leader_sees_neither_nor_revokes_another_institutions_screen(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder/kommegaa")
    await user.should_see("Vægskærme og KommeGå")
    await user.should_see("Ingen vægskærme er parret endnu.")
    await user.should_not_see("Vægskærm i garderoben")
    await user.should_not_see(marker="institution-select")
    wall = await WallScreen.get(id=1)
    await user.open(f"/leder/kommegaa?institution={wall.institution_id}")
    await user.should_see(marker="refusal")
    await user.should_not_see("Vægskærm i garderoben")
    await user.should_not_see(marker="revoke-1")
    assert (await WallScreen.get(id=1)).revoked_at is None


async def test_staff_who_are_not_leaders_are_sent_home(user: User) -> None:
    await login(user, "demo-paedagog-bfo")
    await user.open("/leder/kommegaa")
    await user.should_not_see("Vægskærme og KommeGå")


async def test_the_list_updates_when_a_screen_is_paired_elsewhere(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder/kommegaa")
    await user.should_see("Ingen vægskærme er parret endnu.")
    peter = await Person.get(first_name="Peter", last_name="Lund")
    facts = await load_person_facts(peter.id, today_local())
    assert facts is not None
    solsikken = await Institution.get(name="Solsikken")
    request = await kiosk.do_request_pairing(now=utcnow())
    await kiosk.do_pair(facts.actor(Role.LEADER, "3"), solsikken.id, request.code, "Ved indgangen", now=utcnow())
    await user.should_see("Ved indgangen")
    await user.should_see(marker="revoke-" + str(request.wall_screen_id))


async def test_a_wrong_code_is_refused_and_kept(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder/kommegaa")
    user.find(marker="pair-code").type("12")
    user.find(marker="pair-name").type("Hallen")
    user.find(marker="pair-screen").click()
    await user.should_see("Koden findes ikke eller er udløbet")


async def test_the_admin_chooses_among_institutions(user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/leder/kommegaa")
    await user.should_see(marker="institution-select")
    wall = await WallScreen.get(id=1)
    await user.open(f"/leder/kommegaa?institution={wall.institution_id}")
    await user.should_see("Vægskærm i garderoben")


async def test_the_leader_saves_settings_and_bad_hours_are_refused(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder/kommegaa")
    solsikken = await Institution.get(name="Solsikken")
    before = await PresenceSettings.get(institution_id=solsikken.id)
    user.find(marker="settings-opens").clear().type("18:00")
    user.find(marker="settings-save").click()
    await user.should_see("Åbningstiden skal ligge før lukketiden.")
    assert (await PresenceSettings.get(institution_id=solsikken.id)).opens_min == before.opens_min
    user.find(marker="settings-opens").clear().type("07:15")
    user.find(marker="settings-add-location").click()
    user.find(marker=f"settings-location-{len(before.locations)}").type("Kælderen")
    user.find(marker="settings-pin").click()
    user.find(marker="settings-save").click()
    await user.should_see("Indstillingerne er gemt.")
    after = await PresenceSettings.get(institution_id=solsikken.id)
    assert (after.opens_min, after.locations[-1], after.kiosk_pin) == (435, "Kælderen", not before.kiosk_pin)


async def test_the_leader_adds_and_removes_a_closing_day_but_not_one_in_the_past(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder/kommegaa")
    solsikken = await Institution.get(name="Solsikken")
    past, future = today_local() - timedelta(days=1), today_local() + timedelta(days=40)
    user.find(marker="closing-day-date").type(past.isoformat())
    user.find(marker="closing-day-add").click()
    await user.should_see("Lukkedagen ligger i fortiden")
    user.find(marker="closing-day-date").clear().type(future.isoformat())
    user.find(marker="closing-day-reason").type("Personaledag")
    user.find(marker="closing-day-add").click()
    await user.should_see("Lukkedagen er tilføjet.")
    await user.should_see(marker=f"closing-day-{future.isoformat()}")
    row = await PresenceSettings.get(institution_id=solsikken.id)
    assert {"day": future.isoformat(), "reason": "Personaledag"} in row.closing_days
    user.find(marker=f"remove-closing-day-{future.isoformat()}").click()
    await user.should_see("Lukkedagen er fjernet.")
    row = await PresenceSettings.get(institution_id=solsikken.id)
    assert future.isoformat() not in {d["day"] for d in row.closing_days}
