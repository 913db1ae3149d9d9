"""Survey reach and results by group through the UI: invitation, reminder to those who have not answered, filters."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.rollout.model import Audience, QuestionKind
from domain.rollout.survey_reach import audience_ids
from domain.rollout.surveys import SurveyDraft, do_answer, do_create_survey
from persistence.messages import Participant
from persistence.organisation import Institution
from persistence.people import Custody, Person
from persistence.queries import active_on, ints
from persistence.rollout import Survey, SurveyQuestion
from tests.ui.conftest import login

TITLE = "Hvordan når beskederne frem?"


async def team() -> Actor:
    """Camilla from the demo's project team."""
    p = await Person.get(first_name="Camilla", last_name="Berg")
    return await current_actor(p.id, "project_team", "2", now=utcnow())


async def survey_at(names: list[str], *, anonymous: bool) -> tuple[int, list[int]]:
    """A guardian survey of the named institutions, with its question ids."""
    places = [(await Institution.get(name=n)).id for n in names]
    survey_id = await do_create_survey(await team(), SurveyDraft(
        TITLE, Audience.GUARDIANS, today_local() + timedelta(days=7), places,
        [(QuestionKind.SCALE, "Får du beskederne?"), (QuestionKind.TEXT, "Hvad kan blive bedre?")], anonymous),
        utcnow())
    return survey_id, ints(await SurveyQuestion.filter(survey_id=survey_id).order_by("position").values_list(
        "id", flat=True))


async def parents_at(name: str, n: int, *, not_at: str | None = None) -> list[Actor]:
    """n guardians of children in the institution today (and none at `not_at`), acting as parents."""
    place = await Institution.get(name=name)
    today = today_local()
    ids = ints(await Custody.filter(active_on(today, "valid_from", "valid_to"),
                                    active_on(today, "child__enrolments__start", "child__enrolments__end"),
                                    child__enrolments__institution_id=place.id, guardian__active=True)
               .distinct().order_by("guardian_id").values_list("guardian_id", flat=True))
    if not_at is not None:
        elsewhere = {a.person_id for a in await parents_at(not_at, 10_000)}
        ids = [i for i in ids if i not in elsewhere]
    return [await current_actor(i, "parent", "2", now=utcnow()) for i in ids[:n]]


async def reminded(person_id: int) -> int:
    """Reminder threads this person sits in."""
    return await Participant.filter(person_id=person_id, thread__subject=f"Påmindelse: {TITLE}").count()


async def test_the_team_invites_then_reminds_only_those_who_have_not_answered(user: User) -> None:
    survey_id, (scale, _) = await survey_at(["Solsikken"], anonymous=False)
    asked = len(await audience_ids(await Survey.get(id=survey_id), today_local()))
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning/evaluering")
    user.find(marker=f"send-invitation-{survey_id}").click()
    await user.should_see(marker="send-dialog")
    await user.should_see("Alle i målgruppen, der ikke har svaret, får en invitation")
    user.find(marker="send-email").click()  # messages only
    user.find(marker="send-go").click()
    await user.should_see(f"Sendt: {asked} beskeder og 0 e-mails")
    await user.should_see(f"{asked} beskeder · 0 e-mails")
    await user.should_see(marker=f"send-reminder-{survey_id}")

    first, second = await parents_at("Solsikken", 2)
    await do_answer(first, survey_id, {scale: 4}, utcnow())
    user.find(marker=f"send-reminder-{survey_id}").click()
    await user.should_see("Kun dem, der endnu ikke har svaret, får en påmindelse.")
    user.find(marker="send-email").click()
    user.find(marker="send-go").click()
    await user.should_see(f"Sendt: {asked - 1} beskeder og 0 e-mails")
    assert (await reminded(first.person_id), await reminded(second.person_id)) == (0, 1)


async def test_no_channel_chosen_is_refused_and_sends_nothing(user: User) -> None:
    survey_id, _ = await survey_at(["Solsikken"], anonymous=True)
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning/evaluering")
    user.find(marker=f"send-invitation-{survey_id}").click()
    user.find(marker="send-message").click()
    user.find(marker="send-email").click()
    user.find(marker="send-go").click()
    await user.should_see("Vælg besked, e-mail eller begge.")
    assert await Participant.filter(thread__subject=f"Evaluering: {TITLE}").count() == 0


async def test_results_are_filtered_by_area_and_split_and_texts_searched(user: User) -> None:
    survey_id, (scale, text) = await survey_at(["Solsikken", "Skovlyskolen"], anonymous=False)
    for n, parent in enumerate(await parents_at("Solsikken", 2)):
        await do_answer(parent, survey_id, {scale: 5, text: f"Solsikke-svar {n}"}, utcnow())
    for parent in await parents_at("Skovlyskolen", 1, not_at="Solsikken"):
        await do_answer(parent, survey_id, {scale: 2, text: "Skolen skriver for meget"}, utcnow())
    await login(user, "demo-projektgruppe")
    await user.open(f"/udrulning/evaluering/{survey_id}")
    await user.should_see(marker="grouped-results")
    await user.should_see(content="Solsikke-svar 1", marker="group-text")
    user.find(marker="text-search").type("skriver")
    await user.should_see(content="Skolen skriver for meget", marker="group-text")
    await user.should_not_see(content="Solsikke-svar 1", marker="group-text")
    await table_shows(user, f"group-table-{scale}", [("I alt", 3), ("Skovlyskolen", 1), ("Solsikken", 2)])
    user.find(marker="group-by").click()
    user.find("Pr. område").click()
    await table_shows(user, f"group-table-{scale}", [("I alt", 3), ("Dagtilbud", 2), ("Skole", 1)])
    with user.scope(marker="group-filters"):  # "Skole" is in a free text too
        user.find(marker="filter-area").click()
        user.find("Skole").click()
    await table_shows(user, f"group-table-{scale}", [("I alt", 1), ("Skole", 1)])
    [row, _] = rows_of(user, f"group-table-{scale}")
    assert row["average"] == "2,00"


def rows_of(user: User, marker: str) -> list[dict[str, Any]]:
    """The rows of the one table with this marker."""
    [table] = user.find(marker=marker).elements
    assert isinstance(table, ui.table)
    return list(table.rows)


async def table_shows(user: User, marker: str, wanted: list[tuple[str, int]]) -> None:
    """Wait until the table's groups and answer counts are these."""
    for _ in range(60):
        try:
            if [(r["group"], r["answers"]) for r in rows_of(user, marker)] == wanted:
                return
        except (AssertionError, ValueError):
            pass  # redrawn just now
        await asyncio.sleep(0.05)
    assert [(r["group"], r["answers"]) for r in rows_of(user, marker)] == wanted
