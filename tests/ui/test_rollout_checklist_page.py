"""The checklist through the UI: the team edits items and ticks a column in bulk, a leader ticks her own institution."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from domain.clock import utcnow
from domain.identity.service import current_actor
from domain.rollout import readiness
from persistence.organisation import Institution
from persistence.people import Person
from persistence.rollout import ChecklistEntry, ChecklistItem, ChecklistTick
from tests.ui.conftest import login

SCHOOLS = "/udrulning?fane=parathed&omraade=skole"


async def test_the_team_adds_an_item_to_a_plan_in_the_editor(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning?fane=parathed")
    before = await ChecklistItem.filter(programme__area="skole").count()
    user.find(marker="new-item").click()
    user.find(marker="item-title").type("Forældremøde om Sammen holdt")
    user.find(marker="item-owner").type("Skolelederen")
    deadline = user.find(marker="item-deadline").elements.pop()
    assert isinstance(deadline, ui.input)
    deadline.set_value("31.02.2027")
    user.find(marker="item-save").click()
    await user.should_see("Den dato findes ikke")
    assert await ChecklistItem.filter(programme__area="skole").count() == before
    deadline.set_value("1.3.2027")
    user.find(marker="item-save").click()
    await user.should_see("Punktet er gemt.")
    item = await ChecklistItem.get(title="Forældremøde om Sammen holdt")
    assert (item.owner, item.deadline.isoformat(), item.position) == ("Skolelederen", "2027-03-01", before + 1)
    await user.should_see(marker=f"item-{item.id}")


async def test_filters_come_from_the_address_and_show_the_count(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open(SCHOOLS)
    schools = await Institution.filter(kind="skole", active=True).count()
    every = await Institution.filter(active=True).count()
    await user.should_see(f"Viser {schools} af {every} institutioner")
    await user.should_see(marker="phase-udrulning")


async def test_the_team_ticks_a_column_for_every_school_shown_and_undoes_it(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open(SCHOOLS + "&fase=udrulning")
    item = await ChecklistItem.get(programme__area="skole", title="Forældre informeret")
    schools = await Institution.filter(kind="skole", active=True).values_list("id", flat=True)
    before = set(await ChecklistTick.filter(item_id=item.id, ticked=True).values_list("institution_id", flat=True))
    missing = len(set(schools) - before)
    assert missing > 1
    user.find(marker=f"bulk-{item.id}").click()
    await user.should_see(f"Afkryds “Forældre informeret” for {missing} institutioner?")
    user.find(marker="bulk-yes").click()
    await user.should_see(marker="bulk-undo")
    assert await ChecklistTick.filter(item_id=item.id, ticked=True).count() == len(before) + missing
    user.find(marker="bulk-undo").click()
    await user.should_see(f"Fortrudt for {missing} institutioner.")
    after = set(await ChecklistTick.filter(item_id=item.id, ticked=True).values_list("institution_id", flat=True))
    assert after == before


async def test_a_leader_ticks_her_own_institution_from_her_navigation(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/leder")
    await user.should_see("Udrulning")
    await user.open("/parathed")
    await user.should_see("Solsikken")
    solsikken = await Institution.get(name="Solsikken")
    item = await ChecklistItem.get(programme__area="dagtilbud", title="Faste rutiner for beskeder aftalt")
    user.find(marker=f"own-tick-{item.id}").click()
    await user.should_see(marker=f"own-untick-{item.id}")
    tick = await ChecklistTick.get(institution_id=solsikken.id, item_id=item.id)
    assert tick.ticked and tick.by_name == "Peter Lund"
    user.find(marker=f"own-open-{item.id}").click()
    await user.should_see(marker="cell-history")
    user.find(marker="tick-comment").type("Aftalt på personalemødet")
    user.find(marker="comment-save").click()
    for _ in range(100):  # the dialog's save runs after the click returns
        if await ChecklistEntry.filter(institution_id=solsikken.id, item_id=item.id).count() == 2:
            break
        await asyncio.sleep(0.02)
    entries = await ChecklistEntry.filter(institution_id=solsikken.id, item_id=item.id).order_by("id")
    assert [(e.action, e.comment, e.by_name) for e in entries] == [
        ("tick", "", "Peter Lund"), ("comment", "Aftalt på personalemødet", "Peter Lund")]


async def test_a_superuser_ticks_her_school_and_other_staff_see_the_checklist_read_only(user: User) -> None:
    await login(user, "demo-laerer")  # Anne Holm, superuser at Skovlyskolen
    await user.open("/parathed")
    await user.should_see("Skovlyskolen")
    item = await ChecklistItem.get(programme__area="skole", title="Faste rutiner for beskeder aftalt")
    await user.should_see(marker=f"own-tick-{item.id}")
    await login(user, "demo-paedagog-vuggestue")  # Lars Mortensen, not a superuser
    await user.open("/parathed")
    await user.should_see("Mariehønen")
    await user.should_see("Kun ledere og superbrugere afkrydser institutionens tjekliste.")
    daycare = await ChecklistItem.get(programme__area="dagtilbud", title="Faste rutiner for beskeder aftalt")
    await user.should_see(marker=f"own-open-{daycare.id}")
    await user.should_not_see(marker=f"own-tick-{daycare.id}")
    user.find(marker=f"own-open-{daycare.id}").click()
    await user.should_see(marker="cell-close")
    await user.should_not_see(marker="tick-comment")


async def test_a_tick_elsewhere_moves_the_phase_count_on_an_open_matrix(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open(SCHOOLS)
    school = await Institution.get(name="Engskolen")
    item = await ChecklistItem.get(programme__area="skole", title="Vægskærm parret")
    progress = user.find(marker=f"progress-{school.id}-udrulning").elements.pop()
    assert isinstance(progress, ui.button)
    done = int(progress.text.split("/")[0])
    team = await current_actor((await Person.get(first_name="Camilla", last_name="Berg")).id, "project_team", "2",
                               now=utcnow())
    await readiness.do_tick(team, school.id, item.id, True, "Skærmen hænger", now=utcnow())
    await asyncio.sleep(0)  # pages handle events just after the publisher's turn
    assert int(progress.text.split("/")[0]) == done + 1
