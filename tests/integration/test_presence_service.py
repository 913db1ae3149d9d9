"""KommeGå services over SQLite and PostgreSQL: changes, races, plans, access, undo and the board."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.events import Event, bus
from domain.presence import board, plans, service
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status
from domain.presence.plans import PlanInput
from persistence.presence import PresenceChange, PresenceDay
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world

TABLET = DeviceKind.TABLET


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


@pytest.fixture
def heard() -> list[Event]:
    events: list[Event] = []
    bus.clear()
    bus.subscribe("presence:all-test", events.append)
    yield events
    bus.clear()


async def test_staff_check_in_records_history_and_publishes_the_new_tile(world: PresenceWorld) -> None:
    events: list[Event] = []
    sub = bus.subscribe(f"presence:{world.bfo.id}", events.append)
    try:
        done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                       device=TABLET)
    finally:
        sub.cancel()
    assert done.tile.status == Status.PRESENT.value and done.tile.changed_by == "Sofie"
    assert [type(e) for e in events] == [PresenceChanged]
    change = await PresenceChange.get(id=done.change_id)
    assert (change.from_status, change.to_status, change.device) == (Status.NOT_ARRIVED, Status.PRESENT, TABLET)


async def test_two_tablets_checking_in_at_once_end_in_one_state_and_one_history_entry(world: PresenceWorld) -> None:
    results = await asyncio.gather(
        *[service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW, device=TABLET)
          for _ in range(2)], return_exceptions=True)
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].key == "presence.error.already_checked_in_by"
    assert errors[0].params["by"] == "Sofie"
    assert await PresenceChange.filter(person_id=world.oscar.id).count() == 1
    row = await PresenceDay.get(person_id=world.oscar.id, day=DAY)
    assert row.status is Status.PRESENT and row.version == 1


async def test_check_out_before_check_in_is_refused_and_changes_nothing(world: PresenceWorld) -> None:
    with pytest.raises(DomainError) as refused:
        await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=NOW, device=TABLET)
    assert refused.value.key == "presence.error.not_checked_in"
    assert await PresenceChange.all().count() == 0


async def test_check_out_with_a_person_not_on_the_list_is_refused(world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW, device=TABLET)
    with pytest.raises(DomainError) as refused:
        await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=NOW,
                                device=TABLET, pickup_key="p:99999")
    assert refused.value.key == "presence.error.pickup_not_authorised"
    assert (await PresenceDay.get(person_id=world.oscar.id, day=DAY)).status is Status.PRESENT
    done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=NOW,
                                   device=TABLET, pickup_key=f"p:{world.farmor.id}")
    assert done.tile.pickup_by == "Farmor"


async def test_a_parent_cannot_change_another_familys_child(world: PresenceWorld) -> None:
    with pytest.raises(AccessDenied):
        await service.do_action(world.other_parent, world.oscar.id, world.bfo.id, Action.REPORT_SICK, now=NOW,
                                device=DeviceKind.PHONE)
    with pytest.raises(AccessDenied):
        await plans.do_plan_day(world.other_parent, world.oscar.id, DAY, PlanInput(pickup="15:00"), now=NOW)


async def test_a_parent_can_report_sick_but_not_check_in(world: PresenceWorld) -> None:
    with pytest.raises(AccessDenied):
        await service.do_action(world.parent, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                device=DeviceKind.PHONE)
    days = await plans.do_report_absence(world.parent, world.oscar.id, True, DAY, DAY + timedelta(days=1), now=NOW)
    assert days == 2
    assert await PresenceDay.filter(person_id=world.oscar.id, status=Status.SICK).count() == 2


async def test_staff_of_another_institution_cannot_check_in(world: PresenceWorld) -> None:
    with pytest.raises(AccessDenied):
        await service.do_action(world.daycare_staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                device=TABLET)
    with pytest.raises(AccessDenied):
        await board.load_board(world.daycare_staff, world.bfo.id, DAY)


async def test_undo_within_ten_seconds_reverts_and_hides_the_history_entry(world: PresenceWorld) -> None:
    done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                   device=TABLET)
    tile = await service.do_undo(world.staff, done.change_id, now=NOW + timedelta(seconds=5))
    assert tile.status == Status.NOT_ARRIVED.value
    assert await PresenceChange.filter(undone=False).count() == 0
    again = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                    device=TABLET)
    with pytest.raises(DomainError) as late:
        await service.do_undo(world.staff, again.change_id, now=NOW + timedelta(seconds=11))
    assert late.value.key == "presence.error.undo_too_late"


async def test_an_undo_offer_held_open_by_the_user_stays_good_after_ten_seconds(world: PresenceWorld) -> None:
    done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                   device=TABLET)
    tile = await service.do_undo(world.staff, done.change_id, now=NOW + timedelta(seconds=90), held=True)
    assert tile.status == Status.NOT_ARRIVED.value
    again = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                                    device=TABLET)
    with pytest.raises(DomainError) as late:
        await service.do_undo(world.staff, again.change_id, now=NOW + timedelta(minutes=11), held=True)
    assert late.value.key == "presence.error.undo_too_late"


async def test_plans_outside_hours_on_closing_days_or_without_consent_are_refused(world: PresenceWorld) -> None:
    cases = [
        (DAY, PlanInput(pickup="18:30"), "presence.error.outside_hours"),
        (DAY + timedelta(days=2), PlanInput(pickup="15:00"), "presence.error.closed_day"),
        (DAY, PlanInput(pickup="15:00", pickup_key="p:424242"), "presence.error.pickup_not_authorised"),
        (DAY, PlanInput(alone="15:00"), "presence.error.alone_needs_consent"),
        (DAY - timedelta(days=1), PlanInput(pickup="15:00"), "presence.error.day_in_past"),
        (DAY, PlanInput(pickup="25:00"), "presence.error.bad_time"),
    ]
    for day, plan, key in cases:
        with pytest.raises(DomainError) as refused:
            await plans.do_plan_day(world.parent, world.oscar.id, day, plan, now=NOW)
        assert refused.value.key == key
    from persistence.presence import PlanEntry

    assert await PlanEntry.all().count() == 0


async def test_todays_plan_reaches_the_board_as_a_tile(world: PresenceWorld) -> None:
    events: list[Event] = []
    sub = bus.subscribe(f"presence:{world.bfo.id}", events.append)
    try:
        await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                                PlanInput(pickup="14:30", pickup_key=f"p:{world.farmor.id}", note="Tandlæge"),
                                now=NOW)
    finally:
        sub.cancel()
    assert len(events) == 1
    tile = events[0].tile  # type: ignore[attr-defined]
    assert (tile["pickup"], tile["pickup_by"], tile["has_note"]) == ("14:30", "Farmor", True)
    await plans.do_plan_day(world.parent, world.ida.id, DAY, PlanInput(alone="15:00"), now=NOW)
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    assert loaded.tiles[world.ida.id].alone == "15:00"
    assert loaded.tiles[world.oscar.id].pickup_by == "Farmor"
    assert loaded.counts().expected == 3


async def test_a_new_plan_wins_over_an_earlier_check_outs_person_on_every_tile(world: PresenceWorld) -> None:
    mette = f"g:{world.parent.person_id}"
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    gone = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(13),
                                   device=TABLET, pickup_key=mette)
    assert (gone.tile.status, gone.tile.pickup_by) == (Status.PICKED_UP.value, "Mette")  # who took him, as history
    events: list[Event] = []
    sub = bus.subscribe(f"presence:{world.bfo.id}", events.append)
    try:
        await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                                PlanInput(pickup="15:30", pickup_key=f"p:{world.farmor.id}"), now=at(13, 30))
    finally:
        sub.cancel()
    assert events[0].tile["pickup_by"] == "Farmor"  # type: ignore[attr-defined]
    back = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(14),
                                   device=TABLET)
    assert (back.tile.status, back.tile.pickup, back.tile.pickup_by) == (Status.PRESENT.value, "15:30", "Farmor")
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    assert loaded.tiles[world.oscar.id].pickup_by == "Farmor"


async def test_a_child_back_after_a_check_out_shows_no_earlier_pickup_person(world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(12), device=TABLET)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_OUT, now=at(13), device=TABLET,
                            pickup_key=f"g:{world.parent.person_id}")
    back = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(14),
                                   device=TABLET)
    assert back.tile.pickup_by == ""  # no plan names anyone; Mette took him earlier, she is not "picking up" now
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    assert loaded.tiles[world.oscar.id].pickup_by == ""


async def test_the_standard_week_applies_unless_the_day_has_its_own_plan(world: PresenceWorld) -> None:
    week = {d: PlanInput(arrival="12:00", pickup="16:00", pickup_key=f"p:{world.farmor.id}") for d in range(5)}
    await plans.do_set_week(world.parent, world.oscar.id, week, now=NOW)
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    assert (loaded.tiles[world.oscar.id].arrival, loaded.tiles[world.oscar.id].pickup) == ("12:00", "16:00")
    await plans.do_plan_day(world.parent, world.oscar.id, DAY, PlanInput(pickup="14:30"), now=NOW)
    loaded = await board.load_board(world.staff, world.bfo.id, DAY)
    assert loaded.tiles[world.oscar.id].pickup == "14:30"
    with pytest.raises(DomainError):
        await plans.do_set_week(world.parent, world.oscar.id, {6: PlanInput(pickup="12:00")}, now=NOW)


async def test_a_child_not_enrolled_here_is_not_found(world: PresenceWorld) -> None:
    with pytest.raises(NotFound):
        await service.do_action(world.staff, world.freja.id, world.bfo.id, Action.CHECK_IN, now=at(8), device=TABLET)
