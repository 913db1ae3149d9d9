"""Tværgående grupper in the browser-free UI: the admin creates, previews and archives; others are refused."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.crossgroups import service
from domain.crossgroups.model import CrossGroupForm, Rule, RuleRole
from domain.dates import show_day
from domain.identity.service import current_actor
from persistence.crossgroups import CrossGroup
from persistence.organisation import Group, Institution
from persistence.people import GroupMembership, Person
from tests.ui.conftest import login


async def open_new_dialog(user: User) -> None:
    """The admin on the list, with the create dialog open."""
    await login(user, "demo-admin")
    await user.open("/kommune/grupper")
    await user.should_see("Tværgående grupper")
    await user.should_see("Tværgående læsevenner")  # the demo's running group, made before rules
    user.find(marker="crossgroup-new").click()
    await user.should_see(marker="crossgroup-name")


async def test_the_admin_creates_a_group_by_rule_and_sees_the_member_preview(user: User) -> None:
    await open_new_dialog(user)
    schools = [i.id for i in await Institution.filter(name__in=["Skovlyskolen"])]
    user.find(marker="crossgroup-name").type("Corona-nødpasning")
    user.find(marker="crossgroup-purpose").type("Beskeder til 2. årgang under nedlukningen")
    expiry = today_local() + timedelta(days=90)
    user.find(marker="crossgroup-expires").type(show_day(expiry))
    select = user.find(marker="crossgroup-rule-1-institutions").elements.pop()
    assert isinstance(select, ui.select)
    select.set_value(schools)
    user.find(marker="crossgroup-rule-1-scope").elements.pop().set_value("2")  # type: ignore[attr-defined]
    preview = user.find(marker="crossgroup-preview").elements.pop()
    assert isinstance(preview, ui.label)
    for _ in range(50):  # the count comes from the service after the change event
        if preview.text not in ("", "Gruppen får 0 medlemmer"):
            break
        await asyncio.sleep(0.05)
    assert preview.text.startswith("Gruppen får ") and preview.text != "Gruppen får 0 medlemmer"
    user.find(marker="crossgroup-save").click()
    await user.should_see("Gruppen er gemt.")
    group = await Group.get(name="Corona-nødpasning")
    row = await CrossGroup.get(group_id=group.id)
    assert (group.expires_on, row.purpose, row.rules[0]["role"]) == (
        expiry, "Beskeder til 2. årgang under nedlukningen", RuleRole.FAMILIES.value)
    assert f"Gruppen får {await GroupMembership.filter(group_id=group.id).count()} medlemmer" == preview.text
    await user.should_see(marker=f"crossgroup-{group.id}")


async def test_a_group_without_a_name_is_refused_in_danish(user: User) -> None:
    before = await CrossGroup.all().count()  # the demo's own two
    await open_new_dialog(user)
    user.find(marker="crossgroup-expires").type(show_day(today_local() + timedelta(days=9)))
    user.find(marker="crossgroup-save").click()
    await user.should_see("Skriv et navn på højst 120 tegn")
    assert await CrossGroup.all().count() == before


async def test_archiving_asks_first_then_closes_the_group(user: User) -> None:
    await login(user, "demo-admin")
    group = await Group.get(name="Tværgående læsevenner")
    await user.open("/kommune/grupper")
    user.find(marker=f"crossgroup-archive-{group.id}").click()
    await user.should_see("Gruppen kan ikke længere bruges")
    user.find(marker="crossgroup-archive-yes").click()
    await user.should_see("Gruppen er arkiveret.")
    assert (await CrossGroup.get(group_id=group.id)).archived_at is not None
    assert (await Group.get(id=group.id)).expires_on < today_local()  # type: ignore[operator]


async def test_the_demos_groups_show_their_owner(user: User) -> None:
    await login(user, "demo-admin")
    group = await Group.get(name="Tværgående læsevenner")
    await user.open("/kommune/grupper")
    await user.should_see(marker=f"crossgroup-{group.id}")
    await user.should_see("Ejer: Henrik Dahl")
    await user.should_not_see("Ejer: —")
    await user.open(f"/gruppe/{group.id}")
    await user.should_see("Ejer: Henrik Dahl")


async def test_a_parent_is_refused_the_list(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/kommune/grupper")
    await user.should_see(marker="refusal")
    await user.should_not_see(marker="crossgroup-new")


async def test_a_leader_whose_institutions_no_group_touches_sees_the_empty_state(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/kommune/grupper")
    await user.should_see(marker="empty")
    await user.should_see("Der er ingen tværgående grupper endnu")


async def test_editing_a_group_from_before_rules_keeps_its_members(user: User) -> None:
    await login(user, "demo-admin")
    group = await Group.get(name="Tværgående læsevenner")
    before = await GroupMembership.filter(group_id=group.id).count()
    await user.open("/kommune/grupper")
    user.find(marker=f"crossgroup-edit-{group.id}").click()
    await user.should_see(f"Gruppen får {before} medlemmer")
    user.find(marker="crossgroup-purpose").clear().type("Ældre elever læser for de yngste")
    user.find(marker="crossgroup-save").click()
    await user.should_see("Gruppen er gemt.")
    row = await CrossGroup.get(group_id=group.id)
    assert row.purpose == "Ældre elever læser for de yngste" and len(row.named) == before
    assert await GroupMembership.filter(group_id=group.id).count() == before


async def test_a_family_in_the_group_sees_its_purpose_and_a_teacher_outside_is_refused(user: User) -> None:
    admin = await Person.get(first_name="Henrik", last_name="Dahl")
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    ane = await current_actor(admin.id, "admin", "2", now=utcnow())
    gid = await service.do_create(ane, CrossGroupForm("Læsebånd", "Læsning på tværs", admin.id,
                                                      today_local() + timedelta(days=20), (), (oscar.id,)), utcnow())
    await login(user, "demo-foraelder")
    await user.open(f"/gruppe/{gid}")
    await user.should_see("Formål: Læsning på tværs")
    await user.should_see("Ejer: Henrik Dahl")
    await user.should_see(f"Udløber: {show_day(today_local() + timedelta(days=20))}")
    await user.should_not_see(marker="group-consents")
    await login(user, "demo-laerer")
    await user.open(f"/gruppe/{gid}")
    await user.should_see(marker="refusal")


async def test_a_leader_sees_the_page_of_a_staff_only_group_they_made(user: User) -> None:
    await login(user, "demo-leder")
    leader = await Person.get(first_name="Peter", last_name="Lund")
    solsikken = await Institution.get(name="Solsikken")
    lis = await current_actor(leader.id, "leader", "2", now=utcnow())
    gid = await service.do_create(lis, CrossGroupForm("Pædagogisk forum", "Faglig sparring", leader.id,
                                                      today_local() + timedelta(days=40),
                                                      (Rule((solsikken.id,), RuleRole.PAEDAGOG),)), utcnow())
    await user.open(f"/gruppe/{gid}")
    await user.should_see("Formål: Faglig sparring")
    await user.should_not_see(marker="refusal")
