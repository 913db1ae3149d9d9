"""KommeGå for a parent's phone through the UI: live status on Overblik, today's plan, absence, access."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.events import Event, bus
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.presence import pickups, plans, service
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status
from domain.presence.plans import PlanInput
from persistence.identity import UserAccount
from persistence.people import Person
from persistence.presence import PlanEntry, PresenceChange, PresenceDay, PresenceSettings
from tests.ui.conftest import login


async def _oscar() -> Person:
    """Oscar Kristensen with a fresh day (nothing happened yet) at a BFO that is open today from 06:30 to 17:00."""
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    today = today_local()
    await PresenceDay.filter(person_id=oscar.id, day__gte=today).delete()
    await PresenceChange.filter(person_id=oscar.id, day__gte=today).delete()
    await PresenceSettings.filter(institution__name="Skovlyskolens BFO").update(
        open_weekdays=list(range(7)), opens_min=390, closes_min=1020, closing_days=[])
    return oscar


async def _actor(subject: str, role: str) -> Actor:
    account = await UserAccount.get(oidc_subject=subject)
    return await current_actor(account.person_id, role, "2", now=utcnow())


async def _farmor_key(child_id: int) -> str:
    return next(c.key for c in await pickups.authorised(child_id) if c.label == "Farmor")


async def _until(check: object, tries: int = 50) -> None:
    """Wait for a click's background task to reach the database."""
    for _ in range(tries):
        if await check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the change never reached the database")


async def test_overblik_shows_each_childs_live_status_and_todays_plan(user: User) -> None:
    oscar = await _oscar()
    mette = await _actor("demo-foraelder", "parent")
    await plans.do_plan_day(mette, oscar.id, today_local(), PlanInput(pickup="14:30",
                            pickup_key=await _farmor_key(oscar.id)), now=utcnow())
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see(marker=f"presence-status-{oscar.id}", content="Ikke kommet")
    await user.should_see(marker=f"presence-plan-{oscar.id}", content="Hentes 14:30 af Farmor")
    await user.should_see(marker=f"plan-{oscar.id}", content="Planlæg")
    user.find(marker=f"plan-{oscar.id}").click()
    await user.should_see(marker="section-today")


async def test_setting_todays_pickup_with_farmor_saves_and_publishes_the_tile(user: User) -> None:
    oscar = await _oscar()
    farmor = await _farmor_key(oscar.id)
    # Whatever weekday the test runs on, today's standard plan says "går selv hjem": choosing Farmor must end that.
    await PlanEntry.filter(child_id=oscar.id, day=today_local()).delete()
    await PlanEntry.update_or_create(child_id=oscar.id, weekday=today_local().weekday(), defaults={
        "arrival_min": 13 * 60 + 5, "alone_min": 15 * 60, "pickup_min": None, "pickup_key": "", "pickup_label": "",
        "updated_at": utcnow(), "updated_by": "test"})
    heard: list[Event] = []
    bus.subscribe(f"presence-child:{oscar.id}", heard.append)
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    alone = user.find(marker="today-alone").elements.pop()
    assert isinstance(alone, ui.switch) and alone.value is True
    user.find(marker="today-pickup").clear().type("14:30")
    select = user.find(marker="today-pickup-by").elements.pop()
    assert isinstance(select, ui.select)
    select.set_value(farmor)
    assert alone.value is False  # a named person picks him up: he does not walk home alone as well
    user.find(marker="today-save").click()

    async def saved() -> bool:
        return await PlanEntry.filter(child_id=oscar.id, day=today_local(), pickup_min=14 * 60 + 30,
                                      pickup_key=farmor, pickup_label="Farmor", alone_min=None).exists()

    await _until(saved)
    await user.should_see("Dagens plan er gemt.")
    tiles = [e.tile for e in heard if isinstance(e, PresenceChanged)]
    assert tiles and (tiles[-1]["pickup"], tiles[-1]["pickup_by"]) == ("14:30", "Farmor")
    await user.should_see(marker=f"presence-plan-{oscar.id}", content="Hentes 14:30 af Farmor")


async def test_a_pickup_time_outside_opening_hours_is_refused_and_changes_nothing(user: User) -> None:
    oscar = await _oscar()
    before = await PlanEntry.filter(child_id=oscar.id).order_by("id").values_list("id", "pickup_min", "updated_at")
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    user.find(marker="today-pickup").clear().type("19:30")
    user.find(marker="today-save").click()
    await user.should_see("Tiden skal ligge inden for åbningstiden 06:30–17:00.", retries=20)
    after = await PlanEntry.filter(child_id=oscar.id).order_by("id").values_list("id", "pickup_min", "updated_at")
    assert after == before


async def test_reporting_sick_for_three_days_after_confirming(user: User) -> None:
    oscar = await _oscar()
    today = today_local()
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    user.find(marker="absence-last").clear().type((today + timedelta(days=2)).isoformat())
    freja = await Person.get(first_name="Freja", last_name="Kristensen")
    user.find(marker=f"absence-child-{freja.id}").click()  # the report covers all children unless one is unticked
    user.find(marker="absence-send").click()
    await user.should_see("Meld Oscar syg fra", retries=20)
    assert not await PresenceDay.filter(person_id=oscar.id, day__gte=today).exists()  # nothing before the yes
    user.find(marker="absence-confirm").click()
    await user.should_see(marker="absence-result", content="Fravær meldt for 3 dage.", retries=20)
    days = await PresenceDay.filter(person_id=oscar.id, day__gte=today).order_by("day").values_list("day", "status")
    assert days == [(today + timedelta(days=i), Status.SICK) for i in range(3)]
    await user.should_see(marker=f"presence-status-{oscar.id}", content="Syg")


async def test_a_check_in_by_staff_appears_on_the_parents_open_page(user: User) -> None:
    oscar = await _oscar()
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    await user.should_see(marker=f"presence-status-{oscar.id}", content="Ikke kommet")
    sofie = await _actor("demo-paedagog-bfo", "staff")
    institution_id = await plans.presence_institution(oscar.id, today_local())
    result = await service.do_action(sofie, oscar.id, institution_id, Action.CHECK_IN, now=utcnow(),
                                     device=DeviceKind.TABLET)
    await user.should_see(marker=f"presence-status-{oscar.id}", content=f"Til stede siden {result.tile.since}")
    await user.should_see(f"Tjekket ind {result.tile.since} af {result.tile.changed_by}")
    history = user.find(marker=f"presence-history-{oscar.id}").elements.pop()
    lines = [e.text for e in history.descendants() if isinstance(e, ui.label)]
    assert lines == [f"Tjekket ind {result.tile.since} af {result.tile.changed_by}"]


async def test_another_parent_cannot_open_the_childs_plan_page(user: User) -> None:
    oscar = await _oscar()
    await login(user, "demo-foraelder-klub")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    await user.should_see(marker="refusal")
    await user.should_not_see(marker="today-save")


def test_every_status_has_a_parent_chip_text_in_both_languages() -> None:
    from ui.texts import TEXTS

    for status in Status:
        danish, english = TEXTS[f"pp.status.{status.value}"]
        assert danish and english
