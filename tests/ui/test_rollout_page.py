"""The rollout page through the UI: tabs, live matrix, live adoption, milestone dialog, refusals."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from domain.clock import utcnow
from domain.identity.service import current_actor, do_login
from domain.rollout import readiness
from domain.rollout.matrix import load_institution
from persistence.organisation import Institution
from persistence.people import Person
from persistence.rollout import ChecklistItem, Milestone
from tests.ui.conftest import login


async def test_the_project_team_sees_timeline_matrix_and_adoption(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    await user.should_see("Tidsplan")
    await user.should_see(marker="gantt")
    await user.should_see(marker="readiness-matrix")
    await user.should_see(marker="adoption")


SCHOOL_ROLLOUT = "/udrulning?fane=parathed&omraade=skole&fase=udrulning"


async def school_item(title: str) -> ChecklistItem:
    """An item of the demo's school plan."""
    return await ChecklistItem.get(programme__area="skole", title=title)


async def test_a_tick_elsewhere_changes_the_cell_on_an_open_page(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open(SCHOOL_ROLLOUT)
    school = await Institution.get(name="Skovlyskolen")
    item = await school_item("Personale uddannet")
    cell = user.find(marker=f"cell-{school.id}-{item.id}").elements.pop()
    assert isinstance(cell, ui.button)
    was_ticked = cell.props["icon"] == "check_circle"
    admin = await Person.get(first_name="Henrik", last_name="Dahl")
    actor = await current_actor(admin.id, "admin", "2", now=utcnow())
    await readiness.do_tick(actor, school.id, item.id, not was_ticked, "Fra en anden side", now=utcnow())
    await asyncio.sleep(0)  # pages handle events just after the publisher's turn
    assert cell.props["icon"] == ("radio_button_unchecked" if was_ticked else "check_circle")


async def test_ticking_through_the_dialog(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open(SCHOOL_ROLLOUT)
    school = await Institution.get(name="Engskolen")
    item = await school_item("Forældre informeret")
    user.find(marker=f"cell-{school.id}-{item.id}").click()
    await user.should_see(marker="cell-history")
    user.find(marker="tick-comment").type("Brev til alle forældre")
    user.find(marker="tick").click()
    await user.should_see(marker=f"cell-{school.id}-{item.id}")
    actor = await current_actor((await Person.get(first_name="Camilla", last_name="Berg")).id, "project_team", "2",
                                now=utcnow())
    data = await load_institution(actor, school.id, utcnow().date())
    assert data.cells[item.id].comment == "Brev til alle forældre"


async def test_a_guardian_login_updates_adoption_live(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    table = user.find(marker="adoption").elements.pop()
    assert isinstance(table, ui.table)
    before = {row["name"]: row["ever"] for row in table.rows}
    await do_login("demo-foraelder", "2", now=utcnow())
    after = {row["name"]: row["ever"] for row in table.rows}
    assert after["Solsikken"] != before["Solsikken"]
    assert after["Skovlyskolen"] != before["Skovlyskolen"]
    assert after["Engskolen"] == before["Engskolen"]


async def test_a_milestone_before_its_phase_is_refused_in_the_dialog(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    count = await Milestone.all().count()
    user.find(marker="new-milestone").click()
    user.find(marker="milestone-title").type("Alt for tidligt")
    due = user.find(marker="milestone-due").elements.pop()
    assert isinstance(due, ui.input)
    due.set_value("2020-01-01")  # after the dagtilbud plan starts (2019), before its first phase (8 Sep 2020)
    user.find(marker="milestone-save").click()
    await user.should_see("Milepælen ligger før fasen")
    assert await Milestone.all().count() == count


async def test_others_are_sent_home_and_the_service_refuses_them(user: User) -> None:
    await login(user, "demo-leder")
    response = await user.http_client.get("/udrulning")
    assert response.headers["location"] == "/leder"


async def test_the_report_prints_late_milestones(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning/rapport")
    await user.should_see("Statusrapport: udrulning af Sammen")
    await user.should_see("Forsinkede milepæle")
