"""Reported absences in the UI: "Syg i dag" in two taps, the plan page's list with cancel and undo, staff, calendar."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.presence import absences
from persistence.identity import UserAccount
from persistence.people import Person
from persistence.presence import PresenceChange, PresenceDay, PresenceSettings
from tests.ui.conftest import login


async def _family() -> tuple[Person, Person]:
    """Oscar (BFO) and Freja (Solsikken) with nothing reported from today on, at places open every day."""
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    freja = await Person.get(first_name="Freja", last_name="Kristensen")
    today = today_local()
    for child in (oscar, freja):
        await PresenceDay.filter(person_id=child.id, day__gte=today).delete()
        await PresenceChange.filter(person_id=child.id, day__gte=today).delete()
    await PresenceSettings.filter(institution__name__in=["Skovlyskolens BFO", "Solsikken"]).update(
        open_weekdays=list(range(7)), opens_min=390, closes_min=1020, closing_days=[])
    return oscar, freja


async def _mette() -> Actor:
    account = await UserAccount.get(oidc_subject="demo-foraelder")
    return await current_actor(account.person_id, "parent", "2", now=utcnow())


async def _status(child_id: int, days: int = 0) -> str:
    row = await PresenceDay.get_or_none(person_id=child_id, day=today_local() + timedelta(days=days))
    return str(row.status) if row else "ikke_kommet"


async def _until(check: object, tries: int = 60) -> None:
    for _ in range(tries):
        if await check():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the change never reached the database")


async def test_sick_today_for_all_children_is_two_taps_from_overblik_and_can_be_undone(user: User) -> None:
    oscar, freja = await _family()
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    user.find(marker="sick-today").click()  # tap 1
    await user.should_see(marker="sick-today-all")
    user.find(marker="sick-today-all").click()  # tap 2
    await user.should_see(marker="sick-today-done", content="Oscar og Freja er meldt syg i dag.")
    assert (await _status(oscar.id), await _status(freja.id)) == ("syg", "syg")
    await user.should_see(marker=f"presence-status-{oscar.id}", content="Syg")
    user.find(marker="sick-today-undo").click()

    async def undone() -> bool:
        return (await _status(oscar.id), await _status(freja.id)) == ("ikke_kommet", "ikke_kommet")
    await _until(undone)


async def test_sick_today_for_one_child_reports_only_that_child(user: User) -> None:
    oscar, freja = await _family()
    await login(user, "demo-foraelder")
    await user.open("/overblik")
    user.find(marker="sick-today").click()
    await user.should_see(marker=f"sick-today-{freja.id}")
    user.find(marker=f"sick-today-{freja.id}").click()
    await user.should_see(marker="sick-today-done", content="Freja er meldt syg i dag.")
    assert (await _status(oscar.id), await _status(freja.id)) == ("ikke_kommet", "syg")
    await user.should_see(marker=f"absence-line-{freja.id}", content="Syg i dag")


async def test_the_plan_page_shows_a_reported_period_and_cancels_it_with_undo(user: User) -> None:
    oscar, _ = await _family()
    today = today_local()
    await absences.do_report(await _mette(), [oscar.id], False, today + timedelta(days=1), today + timedelta(days=3),
                             now=utcnow())
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    first = today + timedelta(days=1)
    last = today + timedelta(days=3)
    await user.should_see(marker=f"absence-{oscar.id}-{first.isoformat()}")
    await user.should_see(f"Ferie/fri {first.day}.{first.month}.{first.year}–{last.day}.{last.month}.{last.year} "
                          "(3 dage)")
    user.find(marker=f"absence-cancel-day-{oscar.id}-{(today + timedelta(days=2)).isoformat()}").click()
    await user.should_see(marker="absence-cancel-confirm")
    user.find(marker="absence-cancel-confirm").click()

    async def one_gone() -> bool:
        return await _status(oscar.id, 2) == "ikke_kommet"
    await _until(one_gone)
    assert (await _status(oscar.id, 1), await _status(oscar.id, 3)) == ("ferie", "ferie")
    await user.should_see(marker="absence-undo")
    user.find(marker="absence-undo").click()

    async def back() -> bool:
        return await _status(oscar.id, 2) == "ferie"
    await _until(back)


async def test_one_report_from_the_plan_page_covers_both_children(user: User) -> None:
    oscar, freja = await _family()
    await login(user, "demo-foraelder")
    await user.open(f"/kommegaa/plan/{oscar.id}")
    await user.should_see(marker=f"absence-child-{freja.id}")
    user.find(marker="absence-send").click()  # today through today, both ticked
    await user.should_see(marker="absence-confirm")
    user.find(marker="absence-confirm").click()
    await user.should_see(marker="absence-result", content="Fravær meldt for 2 dage.", retries=20)
    assert (await _status(oscar.id), await _status(freja.id)) == ("syg", "syg")


async def test_staff_see_their_institutions_absences_and_remove_one(user: User) -> None:
    oscar, freja = await _family()
    today = today_local()
    await absences.do_report(await _mette(), [oscar.id, freja.id], True, today + timedelta(days=1),
                             today + timedelta(days=1), now=utcnow())
    await login(user, "demo-paedagog-bfo")
    await user.open("/kommegaa")
    user.find(marker="to-absences").click()
    key = f"{oscar.id}-{(today + timedelta(days=1)).isoformat()}"
    await user.should_see(marker=f"staff-absence-{key}")
    await user.should_see("Syg · meldt af Mette")
    await user.should_not_see(marker=f"staff-absence-{freja.id}-{(today + timedelta(days=1)).isoformat()}")
    # a report made meanwhile appears on the open list
    await absences.do_report(await _mette(), [oscar.id], False, today + timedelta(days=2), today + timedelta(days=2),
                             now=utcnow())
    await user.should_see(marker=f"staff-absence-{oscar.id}-{(today + timedelta(days=2)).isoformat()}")
    user.find(marker=f"staff-absence-clear-{key}").click()
    await user.should_see(marker="staff-absence-confirm")
    user.find(marker="staff-absence-confirm").click()

    async def cleared() -> bool:
        return await _status(oscar.id, 1) == "ikke_kommet"
    await _until(cleared)
    assert await _status(freja.id, 1) == "syg"


async def test_the_guardians_calendar_shows_the_absence_and_another_family_does_not(
        create_user: Callable[[], User]) -> None:
    oscar, _ = await _family()
    await absences.do_report(await _mette(), [oscar.id], True, today_local() + timedelta(days=1),
                             today_local() + timedelta(days=1), now=utcnow())
    mette, ali = create_user(), create_user()
    await login(mette, "demo-foraelder")
    await mette.open("/kalender")
    await mette.should_see("Oscar: syg")
    await login(ali, "demo-foraelder-klub")
    await ali.open("/kalender")
    await ali.should_see(marker="cal-period")
    await ali.should_not_see("Oscar: syg")
