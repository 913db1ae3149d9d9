"""The tile dialog's facts on SQLite and PostgreSQL: an honest status after undo, notes for colleagues, who may pick up
with a phone number, and naps with their times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.presence import daily, notes, service
from domain.presence.model import Action, DeviceKind, Status, child_topic
from persistence.people import Person, PickupPerson
from persistence.presence import StaffNote
from tests.presence_world import DAY, PresenceWorld, at, build_presence_world

TABLET = DeviceKind.TABLET


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def test_after_an_undo_the_tile_tells_the_restored_change_not_the_undo(world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(7, 42),
                            device=TABLET)
    out = await service.do_action(world.leader, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(15, 10),
                                  device=TABLET)
    tile = await service.do_undo(world.leader, out.change_id, now=at(15, 10) + timedelta(seconds=4))
    assert (tile.status, tile.since, tile.changed_by) == (Status.PRESENT.value, "07:42", "Sofie")


async def test_undoing_the_first_check_in_names_no_one(world: PresenceWorld) -> None:
    done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(7, 42),
                                   device=TABLET)
    tile = await service.do_undo(world.staff, done.change_id, now=at(7, 42) + timedelta(seconds=3))
    assert tile.status == Status.NOT_ARRIVED.value and tile.changed_by == ""


async def test_undoing_a_move_goes_back_to_the_earlier_place(world: PresenceWorld) -> None:
    for action, place, minute in ((Action.CHECK_IN, "", 0), (Action.GO_TO_LOCATION, "Hallen", 10),
                                  (Action.GO_TO_LOCATION, "Legepladsen", 20)):
        done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, action, now=at(13, minute),
                                       device=TABLET, location=place)
    tile = await service.do_undo(world.staff, done.change_id, now=at(13, 20) + timedelta(seconds=2))
    assert (tile.status, tile.location, tile.since) == (Status.AT_LOCATION.value, "Hallen", "13:10")


async def test_staff_write_a_note_for_colleagues_that_only_staff_boards_hear_of(world: PresenceWorld) -> None:
    heard: list[tuple[str, Event]] = []
    topics = [notes.staff_notes_topic(world.bfo.id), child_topic(world.oscar.id), f"presence:{world.bfo.id}"]

    def hear(topic: str) -> Callable[[Event], None]:
        return lambda event: heard.append((topic, event))

    subs = [bus.subscribe(topic, hear(topic)) for topic in topics]
    try:
        kept = await notes.do_staff_note(world.staff, world.oscar.id, world.bfo.id, "  Har slået knæet, tjek det  ",
                                         now=at(10, 5))
    finally:
        for sub in subs:
            sub.cancel()
    assert kept
    assert [(topic, type(e).__name__) for topic, e in heard] == [(topics[0], "StaffNoteChanged")]
    assert "knæet" not in repr(heard[0][1])  # the text never travels, not even to staff boards
    note = await notes.note_of(world.oscar.id, world.bfo.id, DAY)
    assert note is not None and (note.text, note.by) == ("Har slået knæet, tjek det", "Sofie")
    assert await notes.noted_children(world.leader, world.bfo.id, DAY) == {world.oscar.id}
    facts = await daily.panel_facts(world.staff, world.oscar.id, world.bfo.id, DAY)
    assert facts.staff_note is not None and facts.staff_note.text == "Har slået knæet, tjek det"
    # The next day the board starts clean: a note is for today.
    assert await notes.noted_children(world.staff, world.bfo.id, DAY + timedelta(days=1)) == set()
    assert not await notes.do_staff_note(world.staff, world.oscar.id, world.bfo.id, "", now=at(11))
    assert await StaffNote.all().count() == 0


async def test_a_note_is_refused_to_parents_and_other_institutions_and_bad_text_stores_nothing(
        world: PresenceWorld) -> None:
    for outsider in (world.parent, world.daycare_staff):
        with pytest.raises(AccessDenied):
            await notes.do_staff_note(outsider, world.oscar.id, world.bfo.id, "Hej", now=at(10))
    with pytest.raises(AccessDenied):
        await notes.noted_children(world.daycare_staff, world.bfo.id, DAY)
    with pytest.raises(DomainError) as too_long:
        await notes.do_staff_note(world.staff, world.oscar.id, world.bfo.id, "x" * 501, now=at(10))
    assert too_long.value.key == "board.note.too_long"
    with pytest.raises(DomainError):
        await notes.do_staff_note(world.staff, world.oscar.id, world.bfo.id, "a\x00b", now=at(10))
    with pytest.raises(DomainError):  # Freja is not at the BFO
        await notes.do_staff_note(world.staff, world.freja.id, world.bfo.id, "Hej", now=at(10))
    assert await StaffNote.all().count() == 0


async def test_the_dialog_lists_who_may_pick_up_with_relation_and_phone(world: PresenceWorld) -> None:
    await PickupPerson.filter(id=world.farmor.id).update(phone="+45 20 30 40 50")
    await Person.filter(id=world.parent.person_id).update(phone="21 22 23 24")
    facts = await daily.panel_facts(world.staff, world.oscar.id, world.bfo.id, DAY)
    by_key = {c.key: c for c in facts.contacts}
    farmor = by_key[f"p:{world.farmor.id}"]
    assert (farmor.label, farmor.relation, farmor.phone) == ("Farmor", "Farmor", "+45 20 30 40 50")
    mette = by_key[f"g:{world.parent.person_id}"]
    # A guardian's number is shown formatted, the way the contact details show it.
    assert (mette.label, mette.relation, mette.phone) == ("Mette", "", "+45 21 22 23 24")
    assert [c.key for c in facts.contacts] == [c.key for c in facts.choices]


async def test_a_sleeping_child_is_checked_out_and_the_daily_list_shows_each_nap(world: PresenceWorld) -> None:
    steps = ((Action.CHECK_IN, at(8)), (Action.SLEEP, at(10, 5)), (Action.WAKE, at(10, 40)),
             (Action.SLEEP, at(12, 10)), (Action.CHECK_OUT, at(13, 25)))
    for action, moment in steps:
        done = await service.do_action(world.daycare_staff, world.freja.id, world.daycare.id, action, now=moment,
                                       device=TABLET)
    assert done.tile.status == Status.PICKED_UP.value
    listing = await daily.daily_list(world.daycare_staff, world.daycare.id, DAY)
    (row,) = [r for g in listing.groups for r in g.rows if r.child_id == world.freja.id]
    assert row.sleeps == ("10:05–10:40", "12:10–13:25")


async def test_a_nap_still_going_is_open_and_an_undone_nap_is_not_listed(world: PresenceWorld) -> None:
    await service.do_action(world.daycare_staff, world.freja.id, world.daycare.id, Action.CHECK_IN, now=at(8),
                            device=TABLET)
    nap = await service.do_action(world.daycare_staff, world.freja.id, world.daycare.id, Action.SLEEP,
                                  now=at(11), device=TABLET)
    await service.do_undo(world.daycare_staff, nap.change_id, now=at(11) + timedelta(seconds=2))
    sleeping = await service.do_action(world.daycare_staff, world.freja.id, world.daycare.id, Action.SLEEP,
                                       now=at(12, 10), device=TABLET)
    assert sleeping.tile.since == "12:10"
    assert (await daily.sleep_periods(world.daycare.id, DAY))[world.freja.id] == ("12:10–",)
