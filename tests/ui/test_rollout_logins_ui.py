"""'Mangler at logge ind' through the UI: a teacher's own class, a leader's reminder dialog, the team's drill-down."""

from __future__ import annotations

import asyncio

from nicegui import ui
from nicegui.testing import User

from domain.collation import danish_key
from persistence.messages import Thread
from persistence.organisation import Group, Institution
from persistence.people import Person
from persistence.rollout_reminders import AdoptionReminder
from tests.ui.conftest import login


def table_of(user: User) -> ui.table:
    """The list's table."""
    table = user.find(marker="logins-table").elements.pop()
    assert isinstance(table, ui.table)
    return table


async def test_a_teacher_sees_who_in_her_own_class_has_never_logged_in(user: User) -> None:
    await login(user, "demo-laerer")
    await user.open("/mangler-login")
    await user.should_see("2.A · Skovlyskolen")
    await user.should_see(marker="logins-summary")
    names = [row["name"] for row in table_of(user).rows]
    assert names and names == sorted(names, key=danish_key)
    assert all(row["groups"] == "2.A" or row["kind"] == "Personale" for row in table_of(user).rows)


async def test_a_teacher_is_refused_the_whole_school_and_another_class(user: User) -> None:
    await login(user, "demo-laerer")
    school = await Institution.get(name="Skovlyskolen")
    await user.open(f"/mangler-login?institution={school.id}")
    await user.should_see(marker="refusal")
    other = await Group.filter(institution_id=school.id).exclude(name="2.A").first()
    assert other is not None
    await user.open(f"/mangler-login?institution={school.id}&group={other.id}")
    await user.should_see(marker="refusal")
    await user.should_not_see(marker="logins-table")


async def test_a_leader_reminds_everyone_by_message_and_a_second_time_is_skipped(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/mangler-login")
    await user.should_see("Solsikken")
    missing = len(table_of(user).rows)
    threads = await Thread.all().count()
    user.find(marker="logins-remind").click()
    await user.should_see(f"Påmindelsen sendes til {missing} personer.")
    text = user.find(marker="remind-text").elements.pop()
    assert isinstance(text, ui.textarea) and "Solsikken" in str(text.value) and "Peter Lund" in str(text.value)
    user.find(marker="remind-send").click()
    await user.should_see(f"Påmindelsen er sendt til {missing} personer.")
    assert await AdoptionReminder.filter(channel="message").count() == missing
    assert await Thread.all().count() == threads + missing
    for _ in range(60):  # the list is read again just after the notice
        if {row["reminded"] for row in table_of(user).rows} == {"I dag"}:
            break
        await asyncio.sleep(0.1)
    assert {row["reminded"] for row in table_of(user).rows} == {"I dag"}
    user.find(marker="logins-remind").click()
    await user.should_see("Påmindelsen sendes til 0 personer.")
    await user.should_see("(er allerede påmindet i dag)")


async def test_a_reminder_by_email_names_those_without_an_address_and_refuses_a_cpr_number(user: User) -> None:
    await login(user, "demo-leder")
    await user.open("/mangler-login")
    await user.should_see(marker="logins-table")
    first = table_of(user).rows[0]
    await Person.filter(id=first["id"]).update(email="")
    user.find(marker="logins-remind").click()
    await user.should_see(marker="remind-channel")
    channel = user.find(marker="remind-channel").elements.pop()
    assert isinstance(channel, ui.radio)
    channel.value = "email"
    await user.should_see(f"{first['name']} (ingen e-mailadresse)")
    text = user.find(marker="remind-text").elements.pop()
    assert isinstance(text, ui.textarea)
    text.value = "Hej 010180-1234"
    user.find(marker="remind-send").click()
    await user.should_see("Teksten ligner et CPR-nummer")
    assert await AdoptionReminder.all().count() == 0


async def test_the_team_drills_down_from_the_adoption_tab_to_an_institution(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    table = user.find(marker="adoption").elements.pop()
    assert isinstance(table, ui.table) and "body-cell-name" in table.slots
    school = await Institution.get(name="Engskolen")
    await user.open(f"/mangler-login?institution={school.id}")
    await user.should_see("Engskolen")
    await user.should_see(marker="logins-scope")
    assert table_of(user).rows


async def test_the_adoption_tab_charts_use_per_week_for_all_or_one_institution(user: User) -> None:
    await login(user, "demo-projektgruppe")
    await user.open("/udrulning")
    await user.should_see(marker="usage-chart")
    chart = user.find(marker="usage-chart").elements.pop()
    assert isinstance(chart, ui.echart)
    assert [s["name"] for s in chart.options["series"]] == ["Beskeder", "Tjekket ind digitalt (%)"]
    everyone = sum(chart.options["series"][0]["data"])
    select = user.find(marker="usage-institution").elements.pop()
    assert isinstance(select, ui.select)
    solsikken = await Institution.get(name="Solsikken")
    select.value = solsikken.id
    await user.should_see(marker="usage-chart")
    one = user.find(marker="usage-chart").elements.pop()
    assert isinstance(one, ui.echart) and sum(one.options["series"][0]["data"]) <= everyone
    assert any(v is not None for v in one.options["series"][1]["data"])  # Solsikken checks in on the board
    await user.should_see("Tallene bag diagrammet")


async def test_a_teachers_own_class_page_links_to_its_list_and_another_class_page_does_not(user: User) -> None:
    await login(user, "demo-laerer")
    school = await Institution.get(name="Skovlyskolen")
    own = await Group.get(institution_id=school.id, name="2.A")
    await user.open(f"/gruppe/{own.id}")
    await user.should_see(marker="group-logins")
    user.find(marker="group-logins").click()
    await user.should_see("2.A · Skovlyskolen")
    await user.should_see(marker="logins-table")
    other = await Group.filter(institution_id=school.id).exclude(name="2.A").first()
    assert other is not None
    await user.open(f"/gruppe/{other.id}")
    await user.should_see(other.name)
    await user.should_not_see(marker="group-logins")
