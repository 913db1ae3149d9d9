"""Vacation requests through the UI: a leader sends one, a guardian answers on a phone, staff see the counts live."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.service import current_actor
from domain.presence.model import Status
from domain.vacation.model import DayAnswer
from domain.vacation.service import do_answer
from persistence.identity import UserAccount
from persistence.organisation import Institution
from persistence.people import Person
from persistence.presence import PresenceDay, PresenceSettings
from persistence.vacation import VacationAnswer, VacationRequest
from tests.ui.conftest import login
from ui.vacation.format import end_of_day


async def _request_to_skovly_bfo() -> tuple[VacationRequest, Person]:
    """A request for five days three weeks ahead to Skovlyskolens BFO (Oscar's), written by Sofie.

    The BFO is open every day of those weeks, whatever the run's date: the demo's Christmas closing days would
    otherwise fall in the period when the test runs in December.
    """
    bfo = await Institution.get(name="Skovlyskolens BFO")
    await PresenceSettings.filter(institution_id=bfo.id).update(open_weekdays=list(range(7)), closing_days=[])
    sofie = await UserAccount.get(oidc_subject="demo-paedagog-bfo")
    first = today_local() + timedelta(days=20)
    request = await VacationRequest.create(
        author_id=sofie.person_id, author_name="Sofie Nielsen", title="Vinterferie i BFO", note="",
        first_day=first, last_day=first + timedelta(days=4), deadline=end_of_day(first - timedelta(days=5)),
        institution_ids=[bfo.id], group_ids=[], created_at=utcnow())
    return request, await Person.get(first_name="Oscar", last_name="Kristensen")


async def test_a_guardian_answers_all_days_off_and_kommegaa_shows_vacation(user: User) -> None:
    request, oscar = await _request_to_skovly_bfo()
    await login(user, "demo-foraelder")
    await user.open("/kalender/ferie")
    await user.should_see("Ferie: fortæl os hvilke dage Oscar kommer i uge")
    user.find(marker=f"vacation-open-{request.id}").click()
    await user.should_see("Vinterferie i BFO")
    await user.should_see("0 af 5 dage besvaret")
    user.find(marker=f"vacation-all-away-{oscar.id}").click()
    user.find(marker=f"vacation-send-{oscar.id}").click()
    await user.should_see("Tak! Svaret er gemt og lagt ind i KommeGå.")
    await user.should_see("5 af 5 dage besvaret")
    assert await VacationAnswer.filter(request_id=request.id, child_id=oscar.id, comes=False).count() == 5
    days = await PresenceDay.filter(person_id=oscar.id, day__gte=request.first_day, day__lte=request.last_day,
                                    status=Status.VACATION).count()
    assert days == 5


async def test_a_guardian_gets_a_clear_message_for_times_outside_opening_hours(user: User) -> None:
    request, oscar = await _request_to_skovly_bfo()
    await login(user, "demo-foraelder")
    await user.open(f"/kalender/ferie/{request.id}")
    user.find(marker=f"vacation-all-normal-{oscar.id}").click()
    user.find(marker=f"vacation-arrival-{oscar.id}-{request.first_day.isoformat()}").type("05:00")
    user.find(marker=f"vacation-send-{oscar.id}").click()
    await user.should_see("skal ligge inden for åbningstiden")
    assert not await VacationAnswer.filter(request_id=request.id).exists()


async def test_staff_see_expected_attendance_and_it_follows_answers_live(user: User) -> None:
    request, oscar = await _request_to_skovly_bfo()
    await login(user, "demo-paedagog-bfo")
    await user.open(f"/kalender/ferie/{request.id}")
    await user.should_see("Mangler svar (")
    table = user.find(marker="vacation-table").elements.pop()
    assert isinstance(table, ui.table)
    missing_before = table.rows[0]["missing"]
    assert missing_before > 0 and table.rows[0]["away"] == 0
    mette = await UserAccount.get(oidc_subject="demo-foraelder")
    parent = await current_actor(mette.person_id, "parent", "2", now=utcnow())
    await do_answer(parent, request_id=request.id, child_id=oscar.id, now=utcnow(),
                    days={request.first_day: DayAnswer(comes=False)})
    for _ in range(30):
        await asyncio.sleep(0.1)
        if table.rows[0]["away"] == 1:
            break
    assert (table.rows[0]["away"], table.rows[0]["missing"]) == (1, missing_before - 1)


async def test_a_leader_sends_a_request_to_her_institution_from_the_form(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/kalender/ferie")
    user.find(marker="vacation-new").click()
    user.find(marker="vacation-title").type("Sommerferie")
    user.find(marker="vacation-create").click()
    await user.should_see("Vælg mindst én institution eller gruppe.")
    user.find(marker="vacation-institutions").click()
    user.find("Solsikken").click()
    user.find(marker="vacation-create").click()
    await user.should_see("Ferieanmodningen er sendt til forældrene.")
    request = await VacationRequest.get(title="Sommerferie")
    assert request.institution_ids == [(await Institution.get(name="Solsikken")).id]
    assert request.first_day == today_local() + timedelta(days=28)


async def test_the_solsikken_leader_sees_no_bfo_child_in_the_demo_christmas_request(user: User) -> None:
    request = await VacationRequest.get(title="Juleferie")
    bfo, solsikken = [await Institution.get(name=n) for n in ("Skovlyskolens BFO", "Solsikken")]
    assert set(request.institution_ids) == {bfo.id, solsikken.id}
    await login(user, "demo-leder")
    await user.open(f"/kalender/ferie/{request.id}")
    await user.should_see("Mangler svar (")
    names = {label.text for label in user.find(marker="vacation-unanswered").elements.pop().descendants()
             if isinstance(label, ui.label)}
    at_bfo = {f"{p.first_name} {p.last_name}" for p in await Person.filter(
        enrolments__institution_id=bfo.id, enrolments__end__isnull=True)}
    assert names and not any(name.split(" (")[0] in at_bfo for name in names)
    await user.should_not_see("Oscar Kristensen")  # Mette's BFO child, unanswered in the demo
