"""The stamkort through the UI: a guardian fills it in, staff read it, the board marks the allergy, others refused."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local
from persistence.people import Person
from persistence.presence import PresenceDay
from persistence.stamkort import Stamkort
from tests.ui.conftest import login
from ui.presence.tiles import TileCard

HEALTH = "Astma, bruger spray ved anstrengelse"


async def oscar() -> Person:
    return await Person.get(first_name="Oscar", last_name="Kristensen")


async def test_a_guardian_at_level_3_fills_in_the_stamkort_and_sees_it_saved(user: User) -> None:
    child = await oscar()
    await login(user, "demo-foraelder", acr="3")
    await user.open(f"/barn/{child.id}")
    await user.should_see(marker="to-stamkort")
    await user.open(f"/barn/{child.id}/stamkort")
    await user.should_see("Stamkort for Oscar Kristensen")
    await user.should_see("Allergier")
    user.find(marker="stamkort-health_notes").type(HEALTH)
    user.find(marker="stamkort-diet").clear().type("Ingen nødder, heller ikke i kage")
    user.find(marker="stamkort-save").click()
    await user.should_see("Stamkortet er gemt")
    row = await Stamkort.get(child_id=child.id)
    assert (row.allergies, row.diet, row.health_notes) == ("Jordnødder og nødder",
                                                           "Ingen nødder, heller ikke i kage", HEALTH)
    await user.should_see("Tilladelser")
    await user.should_see(marker="to-consents")


async def test_bad_input_is_refused_in_danish_and_nothing_changes(user: User) -> None:
    child = await oscar()
    await login(user, "demo-foraelder", acr="3")
    await user.open(f"/barn/{child.id}/stamkort")
    user.find(marker="stamkort-doctor_phone").clear().type("ring til mor")
    user.find(marker="stamkort-allergies").clear().type("Æg")
    user.find(marker="stamkort-save").click()
    await user.should_see("Telefonnummeret må kun indeholde tal")
    row = await Stamkort.get(child_id=child.id)
    assert (row.allergies, row.doctor_phone) == ("Jordnødder og nødder", "+45 70 20 30 40")


async def test_at_level_2_the_health_notes_ask_for_mitid_and_stay_as_they_were(user: User) -> None:
    child = await oscar()
    await Stamkort.filter(child_id=child.id).update(health_notes=HEALTH)
    await login(user, "demo-foraelder", acr="2")
    await user.open(f"/barn/{child.id}/stamkort")
    await user.should_see("Log ind med MitID for at se helbredsoplysninger")
    await user.should_not_see(HEALTH)
    await user.should_see(marker="step-up")
    user.find(marker="stamkort-allergies").clear().type("Jordnødder, nødder og æg")
    user.find(marker="stamkort-save").click()
    await user.should_see("Stamkortet er gemt")
    row = await Stamkort.get(child_id=child.id)
    assert (row.allergies, row.health_notes) == ("Jordnødder, nødder og æg", HEALTH)


async def test_the_class_teacher_reads_it_from_the_childs_page_and_cannot_edit(user: User) -> None:
    child = await oscar()
    await Stamkort.filter(child_id=child.id).update(health_notes=HEALTH)
    await login(user, "demo-laerer", acr="3")
    await user.open(f"/barn/{child.id}")
    user.find(marker="to-stamkort").click()
    await user.should_see("Stamkort for Oscar Kristensen")
    await user.should_see("Jordnødder og nødder")
    await user.should_see(HEALTH)
    await user.should_see("+45 70 20 30 40")
    await user.should_not_see(marker="stamkort-save")


async def test_ppr_and_a_child_account_are_refused(user: User) -> None:
    child = await oscar()
    await login(user, "demo-ppr", acr="3")
    await user.open(f"/barn/{child.id}/stamkort")
    await user.should_see(marker="refusal")
    await user.should_not_see("Jordnødder og nødder")


async def test_the_board_marks_the_allergy_and_the_dialog_and_daily_list_show_allergy_and_diet(user: User) -> None:
    child = await oscar()
    await PresenceDay.filter(person_id=child.id, day=today_local()).delete()  # expected today, so his tile shows
    await login(user, "demo-paedagog-bfo")
    await user.open("/kommegaa")
    await user.should_see(marker=f"tile-{child.id}")
    card = next(e for e in user.find(marker=f"tile-{child.id}").elements if isinstance(e, TileCard))
    assert card.props["allergy"] == "allergi: Jordnødder og nødder"
    user.find(marker=f"tile-{child.id}").click()
    await user.should_see(marker="panel-safety", retries=20)
    await user.should_see("Allergi: Jordnødder og nødder")
    await user.should_see("Kost: Ingen nødder i madpakken")
    await user.open("/kommegaa/dagsliste")
    await user.should_see(marker="daily-heading")
    assert user.client is not None
    tables = [e for e in user.client.elements.values() if isinstance(e, ui.table)]
    row = next(r for table in tables for r in table.rows if r["id"] == child.id)
    assert row["safety"] == "Allergi: Jordnødder og nødder · Kost: Ingen nødder i madpakken"
    assert any(c["label"] == "Allergi og kost" for c in tables[0].columns)
