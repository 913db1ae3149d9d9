"""The staff's KommeGå board through the UI: tiles and counts, a tap, undo, live changes, the list and statistics."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest
from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.events import bus
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.presence import service, stats
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status
from domain.presence.tiles import plans_for
from persistence.organisation import Institution
from persistence.people import Employment, Person, PickupPerson
from persistence.presence import PresenceChange, PresenceDay
from tests.querycount import count_queries
from tests.ui.conftest import login
from ui.presence import undo as undo_bar

SOFIE = "demo-paedagog-bfo"


async def until(check: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> None:
    """Wait for a background click to reach the database."""
    for _ in range(int(seconds / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the database never reached the expected state")


async def status_of(child_id: int) -> Status | None:
    row = await PresenceDay.get_or_none(person_id=child_id, day=today_local(), is_staff=False)
    return None if row is None else Status(row.status)


async def fresh_oscar() -> tuple[Person, Institution]:
    """Oscar Kristensen at Skovlyskolens BFO with today wiped, whatever time the demo was seeded."""
    oscar = await Person.get(first_name="Oscar", last_name="Kristensen")
    bfo = await Institution.get(name="Skovlyskolens BFO")
    await PresenceDay.filter(person_id=oscar.id, day=today_local()).delete()
    await PresenceChange.filter(person_id=oscar.id, day=today_local()).delete()
    return oscar, bfo


async def colleague(institution: Institution, not_subject_first: str = "Sofie") -> Actor:
    """Another member of staff at the institution, as an actor."""
    for employment in await Employment.filter(institution=institution).prefetch_related("person"):
        if employment.person.first_name != not_subject_first:
            facts = await load_person_facts(employment.person_id, today_local())
            if facts is not None and Role.STAFF in facts.roles:
                return facts.actor(Role.STAFF, "3")
    raise AssertionError("no colleague at the institution")


async def test_the_board_shows_the_institutions_tiles_and_counts(user: User) -> None:
    oscar, _ = await fresh_oscar()
    await login(user, SOFIE)
    await user.open("/kommegaa")
    await user.should_see("Skovlyskolens BFO")
    await user.should_see(marker=f"status-{oscar.id}-ikke_kommet")
    await user.should_see("Forventet i dag")
    expected = user.find(marker="count-expected").elements.pop()
    assert isinstance(expected, ui.label) and int(expected.text) > 0
    await user.should_see(marker="duty")


async def test_tapping_a_tile_and_check_in_changes_the_status_and_undo_reverts_it(user: User) -> None:
    oscar, _ = await fresh_oscar()
    await login(user, SOFIE)
    await user.open("/kommegaa")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker=f"panel-{oscar.id}", retries=20)
    await user.should_see("Plan for i dag")
    user.find(marker="action-tjek_ind").click()
    await until(lambda: _is(oscar.id, Status.PRESENT))
    await user.should_see(marker=f"status-{oscar.id}-til_stede", retries=20)
    await user.should_see("Fortryd")
    user.find(marker="undo").click()
    await until(lambda: _is(oscar.id, Status.NOT_ARRIVED))
    await user.should_see(marker=f"status-{oscar.id}-ikke_kommet", retries=20)


async def test_checking_out_offers_farmor_from_the_authorised_list(user: User) -> None:
    oscar, bfo = await fresh_oscar()
    sofie = await Person.get(first_name="Sofie", last_name="Nielsen")
    facts = await load_person_facts(sofie.id, today_local())
    assert facts is not None
    await service.do_action(facts.actor(Role.STAFF, "3"), oscar.id, bfo.id, Action.CHECK_IN, now=utcnow(),
                            device=DeviceKind.TABLET)
    await login(user, SOFIE)
    await user.open("/kommegaa")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker="check-out", retries=20)
    await user.should_see("Tjekket ind")
    farmor = await PickupPerson.get(child_id=oscar.id, relation="Farmor")
    # Farmor is either the planned person (the filled first button) or one of the outlined others.
    plan = (await plans_for([oscar.id], today_local())).get(oscar.id)
    planned = plan is not None and plan.pickup_key == f"p:{farmor.id}"
    user.find(marker="action-tjek_ud" if planned else f"pickup-p:{farmor.id}").click()
    await until(lambda: _is(oscar.id, Status.PICKED_UP))
    row = await PresenceDay.get(person_id=oscar.id, day=today_local(), is_staff=False)
    assert row.pickup_label == "Farmor" and row.left_at is not None
    await user.should_see(marker=f"status-{oscar.id}-hentet", retries=20)


async def test_the_undo_bar_is_announced_and_waits_while_it_has_focus(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(undo_bar, "UNDO_SECONDS", 0.3)  # the window's length, not its logic, is what is shortened
    oscar, _ = await fresh_oscar()
    await login(user, SOFIE)
    await user.open("/kommegaa")
    user.find(marker=f"tile-{oscar.id}").click()
    await user.should_see(marker=f"panel-{oscar.id}", retries=20)
    user.find(marker="action-tjek_ind").click()
    await user.should_see(marker="board-status", content="Tjekket ind: Oscar. Fortryd?", retries=20)
    user.find(marker="undo-bar").trigger("focusin")
    await asyncio.sleep(0.8)  # well past the shortened window
    (bar,) = user.find(marker="undo-bar").elements
    assert bar.visible  # held open while focus is in it (WCAG 2.2.1)
    user.find(marker="undo-bar").trigger("focusout")
    for _ in range(40):
        if not bar.visible:
            break
        await asyncio.sleep(0.05)
    assert not bar.visible  # a new window started when focus left, and ran out


async def test_a_change_made_elsewhere_appears_on_the_open_board_without_reload(user: User) -> None:
    oscar, bfo = await fresh_oscar()
    await login(user, SOFIE)
    await user.open("/kommegaa")
    await user.should_see(marker=f"status-{oscar.id}-ikke_kommet")
    done = await service.do_action(await colleague(bfo), oscar.id, bfo.id, Action.CHECK_IN, now=utcnow(),
                                   device=DeviceKind.TABLET)
    await user.should_see(marker=f"status-{oscar.id}-til_stede", retries=20)
    # A later event reaches the board without a single query.
    later = replace(done.tile, status=Status.ON_TRIP.value, version=done.tile.version + 1)
    with count_queries() as statements:
        await bus.publish(PresenceChanged(bfo.id, oscar.id, later.wire()))
    assert statements == []
    await user.should_see(marker=f"status-{oscar.id}-paa_tur", retries=20)


async def test_searching_and_filtering_hide_other_tiles_without_a_reload(user: User) -> None:
    oscar, _ = await fresh_oscar()
    await login(user, SOFIE)
    await user.open("/kommegaa")
    tiles = user.find(marker="tile").elements
    assert len(tiles) > 1
    user.find(marker="search").type("oscar")
    await user.should_see(marker=f"tile-{oscar.id}")
    visible = [e for e in user.find(marker="tile").elements if e.visible]
    assert any(f"tile-{oscar.id}" in e._markers for e in visible)
    assert len(visible) < len(tiles)


async def test_a_parent_is_refused_the_board(user: User) -> None:
    await login(user, "demo-foraelder")
    await user.open("/kommegaa")
    await user.should_not_see(marker="board-grid")
    await user.should_not_see(marker="count-expected")


async def test_the_daily_list_renders_a_table_per_group(user: User) -> None:
    oscar, bfo = await fresh_oscar()
    await service.do_action(await colleague(bfo), oscar.id, bfo.id, Action.CHECK_IN, now=utcnow(),
                            device=DeviceKind.TABLET)
    await login(user, SOFIE)
    await user.open(f"/kommegaa/dagsliste?institution={bfo.id}")
    await user.should_see("Dagsliste")
    await user.should_see(marker="print")
    await user.should_see(marker="daily-heading")
    await user.should_see(marker="daily-heading", content="Skovlyskolens BFO")
    rows = [row for table in user.find(kind=ui.table).elements if isinstance(table, ui.table) for row in table.rows]
    oscar_row = next(row for row in rows if row["id"] == oscar.id)
    assert (oscar_row["name"], oscar_row["status"]) == ("Oscar Kristensen", "Til stede")


async def test_the_statistics_render_a_chart_and_a_table_and_the_csv_holds_the_groups(user: User) -> None:
    _, bfo = await fresh_oscar()
    await login(user, SOFIE)
    await user.open(f"/kommegaa/statistik?institution={bfo.id}")
    await user.should_see(marker="stats-chart")
    await user.should_see(marker="stats-table")
    await user.should_see(marker="csv")
    sofie = await Person.get(first_name="Sofie", last_name="Nielsen")
    facts = await load_person_facts(sofie.id, today_local())
    assert facts is not None
    result = await stats.attendance(facts.actor(Role.STAFF, "3"), bfo.id, today_local())
    lines = stats.to_csv(result).decode("utf-8-sig").splitlines()
    assert lines[0] == "Gruppe;Ugedag;Åbne dage;Børn i gennemsnit;Timer i gennemsnit"
    assert len(lines) == 1 + sum(len(g.weekdays) + 1 for g in result.groups) and result.groups
    assert any(g.avg_hours for g in result.groups)  # the demo's week of history counts


async def test_staff_of_another_institution_see_a_refusal_not_the_board(user: User) -> None:
    other = await Institution.get(name="Engskolens BFO")
    await login(user, SOFIE)
    await user.open(f"/kommegaa?institution={other.id}")
    await user.should_see(marker="refusal")
    await user.should_not_see(marker="board-grid")


async def _is(child_id: int, status: Status) -> bool:
    return await status_of(child_id) == status
