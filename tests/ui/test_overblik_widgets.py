"""Overblik's widgets through the UI: shown by role, hidden and reordered by the user, remembered."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.service import current_actor
from domain.widgets import service
from persistence.people import Person
from persistence.widgets import WidgetLayout
from tests.ui.conftest import login

UGEPLAN, MADPLAN = "builtin:ugeplan", "builtin:madplan"


async def test_a_parent_sees_the_builtin_widgets(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see(marker=f"widget-{UGEPLAN}")
    await user.should_see(marker=f"widget-{MADPLAN}")
    await user.should_see(marker="widget-builtin:links")


async def test_hiding_a_widget_is_remembered(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    user.find(marker="customise").click()
    switch = user.find(marker=f"show-{MADPLAN}").elements.pop()
    assert isinstance(switch, ui.switch)
    switch.set_value(False)
    user.find(marker="layout-save").click()
    await user.should_not_see(marker=f"widget-{MADPLAN}")
    layout = await WidgetLayout.get(role="parent")
    assert MADPLAN in layout.hidden
    await user.open("/overblik")  # a new visit shows the same choice
    await user.should_not_see(marker=f"widget-{MADPLAN}")
    await user.should_see(marker=f"widget-{UGEPLAN}")


async def test_moving_a_widget_changes_the_order(user: User) -> None:
    await login(user, "demo-paedagog-bfo")
    await user.open("/personale")
    await user.should_see(marker="widgets-main")
    sofie = await Person.get(first_name="Sofie", last_name="Nielsen")
    actor = await current_actor(sofie.id, "staff", "2", now=utcnow())
    order_before = [s.key for s in (await service.overview(actor, today_local())).slots]
    assert len(order_before) >= 2
    user.find(marker="customise").click()
    user.find(marker=f"down-{order_before[0]}").click()
    user.find(marker="layout-save").click()
    for _ in range(50):  # the save runs as the click's background task
        if await WidgetLayout.exists(role="staff"):
            break
        await asyncio.sleep(0.05)
    layout = await WidgetLayout.get(role="staff")
    assert layout.order[:2] == [order_before[1], order_before[0]]


async def test_the_admin_switches_a_widget_off_for_parents_at_an_institution(user: User) -> None:
    from persistence.organisation import Institution
    from persistence.widgets import WidgetSetting

    await login(user, "demo-admin")
    await user.open("/kommune/widgets")
    choice = user.find(marker="widget-choice").elements.pop()
    assert isinstance(choice, ui.select)
    choice.set_value(MADPLAN)
    solsikken = await Institution.get(name="Solsikken")
    switch = user.find(marker=f"switch-{solsikken.id}-parent").elements.pop()
    assert isinstance(switch, ui.switch) and switch.value is True
    switch.set_value(False)
    for _ in range(50):
        if await WidgetSetting.exists(widget_key=MADPLAN, institution_id=solsikken.id, role="parent"):
            break
        await asyncio.sleep(0.05)
    setting = await WidgetSetting.get(widget_key=MADPLAN, institution_id=solsikken.id, role="parent")
    assert setting.enabled is False
    school = await Institution.get(name="Skovlyskolen")
    await user.should_not_see(marker=f"switch-{school.id}-parent")  # Madplan is not meant for schools


async def test_a_saved_ugeplan_appears_on_an_open_overblik(user: User) -> None:
    from domain.widgets.builtin.ugeplan import do_save_week_plan
    from persistence.organisation import Group

    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_not_see("Vi bygger huler i skoven")
    anne = await Person.get(first_name="Anne", last_name="Holm")
    teacher = await current_actor(anne.id, "staff", "2", now=utcnow())
    class_2a = await Group.get(name="2.A", institution__name="Skovlyskolen")
    year, week, _ = today_local().isocalendar()
    await do_save_week_plan(teacher, class_2a.id, year, week, "Vi bygger huler i skoven", utcnow())
    await user.should_see("Vi bygger huler i skoven")


async def test_a_parent_who_moves_ugeplan_down_sees_it_lower_on_a_phone(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    user.find(marker="customise").click()
    user.find(marker=f"down-{UGEPLAN}").click()
    user.find(marker="layout-save").click()
    for _ in range(50):  # the save runs as the click's background task
        if await WidgetLayout.exists(role="parent"):
            break
        await asyncio.sleep(0.05)
    await user.open("/overblik")
    # One column on a phone: the widgets are laid out by their CSS order, which follows the saved layout, not the
    # column (Ugeplan sits in the main column, the widget moved above it may sit in the side column).
    first = (await WidgetLayout.get(role="parent")).order[0]
    order = {key: int(next(iter(user.find(marker=f"widget-{key}").elements)).style.get("order", -1))
             for key in (UGEPLAN, first)}
    assert first != UGEPLAN and order[first] < order[UGEPLAN]
