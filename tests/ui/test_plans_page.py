"""The plans page through the UI: a teacher writes this week's ugeplan for 2.A and it is saved."""

from __future__ import annotations

from nicegui.testing import User

from domain.clock import today_local
from persistence.organisation import Group
from persistence.people import Person
from persistence.widgets import WeekPlan
from tests.ui.conftest import login


async def test_a_teacher_writes_this_weeks_ugeplan_for_2a(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/planer")
    await user.should_see("Ugeplaner")
    two_a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    year, week, _ = today_local().isocalendar()
    key = f"{two_a.id}-{year}-{week}"
    area = user.find(marker=f"plan-{key}")
    area.clear()
    area.type("Dansk: vi læser Pippi.\nHusk idrætstøj torsdag.")
    user.find(marker=f"save-plan-{key}").click()
    await user.should_see("Gemt")
    anne = await Person.get(first_name="Anne", last_name="Holm")
    plan = await WeekPlan.get(group=two_a, year=year, week=week)
    assert (plan.text, plan.author_id) == ("Dansk: vi læser Pippi.\nHusk idrætstøj torsdag.", anne.id)


async def test_a_parent_is_sent_home_from_the_plans_page(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/planer")
    await user.should_not_see("Ugeplaner")


async def test_the_admin_adds_and_deletes_a_link_after_confirming(user: User) -> None:
    from persistence.widgets import WidgetLink

    await login(user, "demo-admin")
    await user.open("/kommune/links")
    await user.should_see("Skolekalender 2026/27")
    user.find(marker="link-title").type("Ferieplan")
    user.find(marker="link-url").type("http://example.dk/ferie")
    user.find(marker="save-link").click()
    await user.should_see("Adressen skal begynde med https://")
    user.find(marker="link-url").clear()
    user.find(marker="link-url").type("https://www.example.dk/ferie")
    user.find(marker="save-link").click()
    await user.should_see("Linket er tilføjet.")
    link = await WidgetLink.get(title="Ferieplan")
    user.find(marker=f"delete-link-{link.id}").click()
    await user.should_see("Slet linket «Ferieplan»?")
    user.find(marker="confirm-delete").click()
    await user.should_see("Linket er slettet.")
    assert not await WidgetLink.exists(title="Ferieplan")


async def test_the_parent_sees_the_builtin_widgets_on_overblik(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see(marker="widget-ugeplan")
    await user.should_see("2.A")
    await user.should_see(marker="widget-madplan")
    await user.should_see("Solsikken")
    await user.should_see(marker="widget-foedselsdage")
    await user.should_see("Sammenby Kommune – skoler og dagtilbud")
