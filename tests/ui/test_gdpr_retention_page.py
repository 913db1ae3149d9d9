"""Sletning through the UI: the admin sets a rule with its confirmation, sees a dry run, runs it; others are refused."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from nicegui import ui
from nicegui.testing import User

from domain.clock import utcnow
from persistence.gdpr import RetentionPolicy, RetentionRun
from persistence.messages import Message, Thread
from persistence.people import Person
from tests.ui.conftest import login


async def _ancient_thread() -> int:
    """A thread whose only message is eleven years old: the one thing a 120-month rule deletes in the demo."""
    henrik = await Person.get(first_name="Henrik", last_name="Dahl")
    at = utcnow() - timedelta(days=11 * 366)
    thread = await Thread.create(subject="Gammel sag", created_at=at, created_by=henrik, last_message_at=at,
                                 last_sender_name="Henrik Dahl", last_snippet="Hej", message_count=1)
    await Message.create(thread=thread, sender=henrik, sender_name="Henrik Dahl", body="Hej", created_at=at)
    return thread.id


async def test_the_admin_sets_a_rule_sees_the_dry_run_and_runs_it_after_a_confirmation_with_the_numbers(
        user: User) -> None:
    await login(user, "demo-admin")
    thread_id = await _ancient_thread()
    await user.open("/kommune/sletning")
    await user.should_see("Der er ingen regler endnu: alt gemmes.")
    await user.should_see("Reglerne er ikke kørt endnu.")
    user.find(marker="keep-messages").click()
    months = user.find(marker="months-messages").elements.pop()
    assert isinstance(months, ui.number)
    months.set_value(3)
    user.find(marker="retention-save").click()
    await user.should_see("Beskeder: vælg mellem 6 og 120 måneder, eller behold altid.")
    assert not await RetentionPolicy.exists()
    months.set_value(120)
    user.find(marker="retention-save").click()
    await user.should_see("Beskeder ældre end 120 måneder slettes ved næste kørsel.")
    user.find(marker="retention-confirm-save").click()
    await user.should_see("Reglerne er gemt.")
    policy = await RetentionPolicy.get()
    assert (policy.messages_months, policy.presence_months, policy.anonymise_after_months) == (120, None, None)

    user.find(marker="retention-dry").click()
    await user.should_see("Hvis reglerne blev kørt nu, ville dette blive slettet:")
    await user.should_see("Beskeder: 1")
    assert await Thread.filter(id=thread_id).exists()
    user.find(marker="retention-run").click()
    await user.should_see("Slet nu?")
    await user.should_see("Samtaler uden beskeder tilbage: 1")
    user.find(marker="retention-confirm-run").click()
    await user.should_see("Kørslen er færdig.")
    assert not await Thread.filter(id=thread_id).exists()
    assert await RetentionRun.all().order_by("id").values_list("dry_run", "actor_name") == [
        (True, "Henrik Dahl"), (False, "Henrik Dahl")]
    table = user.find(marker="retention-runs").elements.pop()
    assert isinstance(table, ui.table)
    assert [row["kind"] for row in table.rows] == ["Sletning", "Prøvekørsel"]


async def test_a_teacher_gets_the_refusal_card_and_no_rules(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/kommune/sletning")
    await user.should_see(marker="refusal")
    await user.should_not_see("Kør nu")


async def test_the_admin_sets_the_albums_rule_and_bad_input_gets_a_danish_message_and_changes_nothing(
        user: User) -> None:
    await login(user, "demo-admin")
    await user.open("/kommune/sletning")
    await user.should_see("Fotoalbummer slettes efter")
    months = user.find(marker="months-albums").elements.pop()
    assert isinstance(months, ui.number) and months.value == 24
    for bad in (0, 121, None):
        months.set_value(bad)
        user.find(marker="retention-save").click()
        await user.should_see("Fotoalbummer: vælg mellem 1 og 120 måneder.")
    assert not await RetentionPolicy.exists()
    months.set_value(36)
    user.find(marker="retention-save").click()
    await user.should_see("Reglerne er gemt.")
    assert (await RetentionPolicy.get()).albums_months == 36
    months.set_value(6)
    user.find(marker="retention-save").click()
    await user.should_see("Fotoalbummer, der er mere end 6 måneder gamle, slettes med deres billeder inden for en "
                          "time.")
    user.find(marker="retention-confirm-save").click()
    for _ in range(50):  # "Reglerne er gemt." is still shown from the first save
        if (await RetentionPolicy.get()).albums_months == 6:
            break
        await asyncio.sleep(0.05)
    assert (await RetentionPolicy.get()).albums_months == 6
