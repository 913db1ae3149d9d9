"""The board's tile dialog on a tablet: undo said and quiet, who may pick up with a phone link, notes for colleagues,
another tablet's change, and a nursery's naps."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from domain.clock import today_local, utcnow
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.presence import notes, service
from domain.presence.board import load_board
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.tiles import local_hhmm
from persistence.identity import UserAccount
from persistence.organisation import Institution
from persistence.people import PickupPerson
from persistence.presence import PlanEntry, PresenceChange, PresenceDay
from tests.clocks import TestClock
from tests.ui.conftest import login
from tests.ui.test_presence_board import SOFIE, colleague, fresh_oscar, until
from ui.presence.tiles import TileCard

LARS = "demo-paedagog-vuggestue"


async def staff_actor(subject: str) -> Actor:
    account = await UserAccount.get(oidc_subject=subject)
    facts = await load_person_facts(account.person_id, today_local())
    assert facts is not None
    return facts.actor(Role.STAFF, "3")


async def open_dialog(user: User, child_id: int) -> None:
    await user.open("/kommegaa")
    user.find(marker=f"tile-{child_id}").click()
    await user.should_see(marker=f"panel-{child_id}", retries=40)


async def dialog_open(user: User) -> None:
    """Wait until a newly opened dialog is shown (an earlier, closed one may still be in the page)."""
    for _ in range(100):
        if any(d.value for d in user.find(ui.dialog).elements if isinstance(d, ui.dialog)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("no dialog opened")


async def dialog_closed(user: User) -> None:
    """Wait until no dialog on the page is open (a closed dialog stays in the page, hidden)."""
    for _ in range(100):
        if not any(d.value for d in user.find(ui.dialog).elements if isinstance(d, ui.dialog)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the dialog stayed open")


async def is_status(child_id: int, status: Status) -> bool:
    row = await PresenceDay.get_or_none(person_id=child_id, day=today_local(), is_staff=False)
    return row is not None and row.status == status.value


async def test_undo_is_confirmed_by_name_and_logs_no_error(user: User, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    oscar, _ = await fresh_oscar()
    await login(user, SOFIE)
    await open_dialog(user, oscar.id)
    user.find(marker="action-tjek_ind").click()
    await until(lambda: is_status(oscar.id, Status.PRESENT))
    await user.should_see(marker="undo")
    user.find(marker="undo").click()
    await user.should_see("Fortrudt: tjek ind af Oscar")
    await user.should_see(marker=f"status-{oscar.id}-ikke_kommet")
    await asyncio.sleep(0.5)  # whatever the undo left running has had its turn
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_the_dialog_lists_who_may_pick_up_with_a_call_link_and_the_childs_page(user: User) -> None:
    oscar, _ = await fresh_oscar()
    await PlanEntry.filter(child_id=oscar.id, day=today_local()).delete()
    await PlanEntry.create(child_id=oscar.id, day=today_local(), note="Husk regntøjet", updated_at=utcnow())
    await login(user, SOFIE)
    await open_dialog(user, oscar.id)
    await user.should_see("Må hente")
    await user.should_see("Ring til Farmor")
    farmor = await PickupPerson.get(child_id=oscar.id, relation="Farmor")
    (call,) = user.find(marker=f"call-p:{farmor.id}").elements
    assert isinstance(call, ui.link) and call.props["href"] == "tel:+4520304050"
    (page,) = user.find(marker="child-page").elements
    assert isinstance(page, ui.link) and page.props["href"] == f"/barn/{oscar.id}"
    await user.should_see("Husk regntøjet")  # the parents' note for today


async def test_a_note_for_colleagues_is_saved_marked_on_every_board_and_shown_in_the_dialog(user: User) -> None:
    oscar, bfo = await fresh_oscar()
    await notes.do_staff_note(await staff_actor(SOFIE), oscar.id, bfo.id, "", now=utcnow())
    await login(user, SOFIE)
    await open_dialog(user, oscar.id)
    user.find(marker="staff-note-text").type("Har ondt i maven efter frokost")
    user.find(marker="staff-note-save").click()
    await user.should_see("Note gemt for Oscar.")
    await dialog_closed(user)
    (card,) = [e for e in user.find(marker=f"tile-{oscar.id}").elements if isinstance(e, TileCard)]
    assert card.props["staffNote"] == "note fra personalet"
    # A colleague removes it on another tablet: this board's mark goes at once, without a reload.
    await notes.do_staff_note(await colleague(bfo), oscar.id, bfo.id, "", now=utcnow())
    for _ in range(100):
        if not card.props["staffNote"]:
            break
        await asyncio.sleep(0.05)
    assert card.props["staffNote"] == ""
    await notes.do_staff_note(await colleague(bfo), oscar.id, bfo.id, "Ringer selv til mor", now=utcnow())
    user.find(marker=f"tile-{oscar.id}").click()
    await dialog_open(user)
    await user.should_see("Ringer selv til mor")


async def test_an_open_dialog_closes_with_a_message_when_another_tablet_changes_the_child(user: User) -> None:
    oscar, bfo = await fresh_oscar()
    await login(user, SOFIE)
    await open_dialog(user, oscar.id)
    await user.should_see(marker="action-tjek_ind")
    await service.do_action(await colleague(bfo), oscar.id, bfo.id, Action.CHECK_IN, now=utcnow(),
                            device=DeviceKind.TABLET)
    await user.should_see("Oscar blev ændret på en anden enhed")
    await dialog_closed(user)
    await user.should_see(marker=f"status-{oscar.id}-til_stede")
    # This tablet's own change closes the dialog without calling itself another device.
    user.find(marker=f"tile-{oscar.id}").click()
    await dialog_open(user)
    user.find(marker="action-tjek_ud").click()
    await user.should_see(marker=f"status-{oscar.id}-hentet")
    await user.should_see("Fortryd")
    assert sum("anden enhed" in m for m in user.notify.messages) == 1  # only the colleague's change said so


async def test_a_sleeping_child_shows_since_when_and_is_checked_out_in_two_taps(user: User, clock: TestClock) -> None:
    clock.at_local(13, 25)  # a nursery afternoon today, whatever the hour of the run
    lars = await staff_actor(LARS)
    institution = await Institution.get(id=min(lars.staff_institutions))
    board = await load_board(lars, institution.id, today_local())
    child = min(board.tiles.values(), key=lambda t: t.child_id)
    await PresenceDay.filter(person_id=child.child_id, day=today_local()).delete()
    await PresenceChange.filter(person_id=child.child_id, day=today_local()).delete()
    start = utcnow() - timedelta(minutes=75)
    await service.do_action(lars, child.child_id, institution.id, Action.CHECK_IN, now=start - timedelta(hours=2),
                            device=DeviceKind.TABLET)
    await service.do_action(lars, child.child_id, institution.id, Action.SLEEP, now=start, device=DeviceKind.TABLET)
    await login(user, LARS)
    await user.open("/kommegaa")
    await user.should_see(f"Sover siden {local_hhmm(start)}")
    user.find(marker=f"tile-{child.child_id}").click()  # tap one
    await user.should_see(marker=f"panel-{child.child_id}", retries=40)
    user.find(marker="action-tjek_ud").click()  # tap two
    await until(lambda: is_status(child.child_id, Status.PICKED_UP))
    await user.open(f"/kommegaa/dagsliste?institution={institution.id}")
    await user.should_see(marker="daily-heading")
    tables = [table for table in user.find(kind=ui.table).elements if isinstance(table, ui.table)]
    row = next(row for table in tables for row in table.rows if row["id"] == child.child_id)
    assert row["sleep"] == f"{local_hhmm(start)}–{local_hhmm(utcnow())}"  # the check-out ended the nap
    assert any(column["label"] == "Sovet" for table in tables for column in table.columns)


async def test_a_note_for_colleagues_never_reaches_the_parents_pages(user: User) -> None:
    oscar, bfo = await fresh_oscar()
    await notes.do_staff_note(await staff_actor(SOFIE), oscar.id, bfo.id, "Kun til kolleger: tjek knæet", now=utcnow())
    await login(user, "demo-foraelder")
    for page in ("/overblik", f"/kommegaa/plan/{oscar.id}", f"/barn/{oscar.id}"):
        await user.open(page)
        await user.should_see(marker="skip-link")
        await user.should_not_see("tjek knæet", retries=3)
