"""Who picks up, through the UI: the tile dialog's plan line and its check-out button, the parent's Overblik, and a
child who falls ill in the house."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui import ui
from nicegui.testing import User

from demo.presence import DEMO_WALL_SCREEN_TOKEN
from domain.clock import today_local, utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.presence import pickups, plans, service
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.plans import PlanInput
from persistence.identity import UserAccount
from persistence.people import Person
from persistence.presence import PresenceChange, PresenceDay, PresenceSettings
from tests.ui.conftest import login
from ui.presence import kiosk_dialog

TABLET = DeviceKind.TABLET


async def _until(check: Callable[[], Awaitable[bool]], tries: int = 100) -> None:
    for _ in range(tries):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the change never reached the database")


async def _actor(subject: str, role: str) -> Actor:
    account = await UserAccount.get(oidc_subject=subject)
    return await current_actor(account.person_id, role, "2", now=utcnow())


async def _oscar() -> tuple[Person, int, Actor, Actor]:
    """Oscar with a fresh day at a BFO open today 06:30–17:00, his institution, Sofie (staff) and Mette (parent)."""
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    today = today_local()
    await PresenceDay.filter(person_id=oscar.id, day__gte=today).delete()
    await PresenceChange.filter(person_id=oscar.id, day__gte=today).delete()
    await PresenceSettings.filter(institution__name="Skovlyskolens BFO").update(
        open_weekdays=list(range(7)), opens_min=390, closes_min=1020, closing_days=[])
    institution_id = await plans.presence_institution(oscar.id, today)
    return oscar, institution_id, await _actor("demo-paedagog-bfo", "staff"), await _actor("demo-foraelder", "parent")


async def _picked_up_by_mette_back_and_farmor_planned(oscar: Person, institution_id: int, sofie: Actor,
                                                      mette: Actor) -> str:
    """The issue's afternoon: Mette took Oscar, he came back, then Mette planned Farmor for 15:30 (Farmor's key)."""
    for action, key in ((Action.CHECK_IN, ""), (Action.CHECK_OUT, f"g:{mette.person_id}"), (Action.CHECK_IN, "")):
        await service.do_action(sofie, oscar.id, institution_id, action, now=utcnow(), device=TABLET, pickup_key=key)
    farmor = next(c.key for c in await pickups.authorised(oscar.id) if c.label == "Farmor")
    await plans.do_plan_day(mette, oscar.id, today_local(), PlanInput(pickup="15:30", pickup_key=farmor),
                            now=utcnow())
    return farmor


def _text(user: User, marker: str) -> str:
    (element,) = user.find(marker=marker).elements
    assert isinstance(element, ui.button | ui.label)
    return str(element.text)


async def test_the_dialog_says_farmor_and_its_check_out_button_is_farmor(user: User) -> None:
    oscar, institution_id, sofie, mette = await _oscar()
    await _picked_up_by_mette_back_and_farmor_planned(oscar, institution_id, sofie, mette)
    await login(user, "demo-paedagog-bfo")
    await user.open("/kommegaa")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker="panel-pickup", content="Hentes 15:30 af Farmor")
    assert _text(user, "action-tjek_ud") == "Tjek ud · Farmor"  # the same answer, not the earlier Mette
    user.find(marker="action-tjek_ud").click()

    async def gone() -> bool:
        row = await PresenceDay.get_or_none(person_id=oscar.id, day=today_local(), is_staff=False)
        return row is not None and row.status is Status.PICKED_UP

    await _until(gone)
    row = await PresenceDay.get(person_id=oscar.id, day=today_local(), is_staff=False)
    assert row.pickup_label == "Farmor"


async def test_overblik_says_farmor_after_the_re_check_in_and_follows_a_new_standard_week(user: User) -> None:
    oscar, institution_id, sofie, mette = await _oscar()
    await _picked_up_by_mette_back_and_farmor_planned(oscar, institution_id, sofie, mette)
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see(marker=f"presence-plan-{oscar.id}", content="Hentes 15:30 af Farmor")
    # Back to the standard week, then a new one naming Mette at 16:00: the open page follows without a reload.
    await plans.do_clear_day(mette, oscar.id, today_local(), now=utcnow())
    week = {today_local().weekday(): PlanInput(pickup="16:00", pickup_key=f"g:{mette.person_id}")}
    await plans.do_set_week(mette, oscar.id, week, now=utcnow())
    await user.should_see(marker=f"presence-plan-{oscar.id}", content="Hentes 16:00 af Mette")


async def test_a_child_sent_home_sick_stays_here_on_the_board_until_picked_up(user: User) -> None:
    oscar, institution_id, sofie, _ = await _oscar()
    await service.do_action(sofie, oscar.id, institution_id, Action.CHECK_IN, now=utcnow(), device=TABLET)
    await login(user, "demo-paedagog-bfo")
    await user.open("/kommegaa")
    await user.should_see(marker=f"status-{oscar.id}-til_stede")
    present = _text(user, "count-present")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker=f"panel-{oscar.id}")
    user.find(marker="action-syg").click()
    await user.should_see(marker=f"status-{oscar.id}-syg_her")
    assert _text(user, "count-present") == present  # still in the building, still counted
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker="panel-status", content="Syg · hentes")
    await user.should_see(marker="action-tjek_ud")


async def test_the_parent_reads_that_the_sick_child_must_be_picked_up(user: User) -> None:
    oscar, institution_id, sofie, _ = await _oscar()
    await service.do_action(sofie, oscar.id, institution_id, Action.CHECK_IN, now=utcnow(), device=TABLET)
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    await user.should_see(marker=f"presence-status-{oscar.id}", content="Til stede")
    await service.do_action(sofie, oscar.id, institution_id, Action.REPORT_SICK, now=utcnow(), device=TABLET)
    await user.should_see(marker=f"presence-status-{oscar.id}", content="Oscar er syg og skal hentes")


async def test_a_new_standard_week_reaches_the_open_board_its_tile_and_its_dialog(user: User) -> None:
    oscar, institution_id, sofie, mette = await _oscar()
    await service.do_action(sofie, oscar.id, institution_id, Action.CHECK_IN, now=utcnow(), device=TABLET)
    await plans.do_clear_day(mette, oscar.id, today_local(), now=utcnow())  # the demo may give today its own plan
    await login(user, "demo-paedagog-bfo")
    await user.open("/kommegaa")
    await user.should_see(marker=f"status-{oscar.id}-til_stede")
    farmor = next(c.key for c in await pickups.authorised(oscar.id) if c.label == "Farmor")
    week = {today_local().weekday(): PlanInput(pickup="15:45", pickup_key=farmor)}
    await plans.do_set_week(mette, oscar.id, week, now=utcnow())
    await user.should_see(marker=f"tile-{oscar.id}", content="15:45 · Farmor")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker="panel-pickup", content="Hentes 15:45 af Farmor")
    assert _text(user, "action-tjek_ud") == "Tjek ud · Farmor"


async def test_the_wall_screen_names_farmor_and_its_refusal_closes_by_itself(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kiosk_dialog, "REFUSAL_SECONDS", 0.5)  # the wait's length, not its logic, is shortened
    oscar, institution_id, sofie, mette = await _oscar()
    await _picked_up_by_mette_back_and_farmor_planned(oscar, institution_id, sofie, mette)
    await user.open(f"/vaegskaerm?token={DEMO_WALL_SCREEN_TOKEN}")
    user.find(marker=f"kiosk-tile-{oscar.id}").click()
    await user.should_see(marker="kiosk-dialog")
    user.find(marker="kiosk-tjek_ud").click()
    await user.should_see(marker="kiosk-problem", content="Farmor henter dig i dag. Spørg en voksen.")
    (card,) = user.find(marker="kiosk-dialog").elements
    dialog = next(e for e in card.ancestors() if isinstance(e, ui.dialog))
    for _ in range(60):
        if not dialog.value:
            break
        await asyncio.sleep(0.05)
    assert not dialog.value
    row = await PresenceDay.get(person_id=oscar.id, day=today_local(), is_staff=False)
    assert row.status is Status.PRESENT  # nothing was changed by the refused tap
