"""Reported absences: one report for several children, seen and cancelled by the family, seen and corrected by staff."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from domain.errors import AccessDenied, DomainError
from domain.events import Event, Subscription, bus
from domain.presence import absences, service
from domain.presence.absences import AbsencesChanged
from domain.presence.model import Action, DeviceKind, PresenceChanged, Status
from persistence.presence import PresenceDay
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world

Listen = Callable[[PresenceWorld], list[Event]]


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


@pytest.fixture
def listen() -> Iterator[Listen]:
    """Hear the BFO's boards' topic for one test, and leave the bus as it was (other tests count subscribers)."""
    subs: list[Subscription] = []

    def start(world: PresenceWorld) -> list[Event]:
        heard: list[Event] = []
        subs.append(bus.subscribe(f"presence:{world.bfo.id}", heard.append))
        return heard

    yield start
    for sub in subs:
        sub.cancel()


async def _statuses(child_id: int) -> dict[str, str]:
    rows = await PresenceDay.filter(person_id=child_id).order_by("day").values_list("day", "status")
    return {d.isoformat(): str(s) for d, s in rows}


async def test_one_report_covers_several_children_and_skips_closed_days_explicitly(
        world: PresenceWorld, listen: Listen) -> None:
    heard = listen(world)
    done = await absences.do_report(world.parent, [world.oscar.id, world.ida.id, world.freja.id], True, DAY,
                                    DAY + timedelta(days=2), now=NOW)
    # The BFO is closed on DAY+2 (Planlægningsdag); the daycare is open all three days.
    assert done.days == {world.oscar.id: 2, world.ida.id: 2, world.freja.id: 3}
    assert done.closed_days == [DAY + timedelta(days=2)]
    assert set((await _statuses(world.oscar.id)).values()) == {Status.SICK.value}
    seen = await absences.family_absences(world.parent, now=NOW)
    assert len(seen) == 7 and {a.child_id for a in seen} == {world.oscar.id, world.ida.id, world.freja.id}
    # today's tiles reach the boards, and every child's absence list hears of the change
    assert {e.child_id for e in heard if isinstance(e, PresenceChanged)} == {world.oscar.id, world.ida.id}
    assert {e.child_id for e in heard if isinstance(e, AbsencesChanged)} == {world.oscar.id, world.ida.id}


async def test_bad_ranges_are_refused_and_nothing_is_stored(world: PresenceWorld) -> None:
    kids = [world.oscar.id, world.ida.id]
    cases = [(DAY, DAY - timedelta(days=1), "presence.error.range_reversed"),
             (DAY - timedelta(days=1), DAY, "presence.error.range_in_past"),
             (DAY, DAY + timedelta(days=400), "presence.error.range_too_long"),
             (DAY + timedelta(days=2), DAY + timedelta(days=2), "presence.error.no_open_days")]
    for first, last, key in cases:
        with pytest.raises(DomainError) as caught:
            await absences.do_report(world.parent, kids, False, first, last, now=NOW)
        assert caught.value.key == key
    with pytest.raises(DomainError) as caught:
        await absences.do_report(world.parent, [], True, DAY, DAY, now=NOW)
    assert caught.value.key == "presence.error.no_children_chosen"
    assert await PresenceDay.filter(status__in=["syg", "ferie"]).count() == 0


async def test_a_child_who_came_today_is_not_reported_sick_from_home_and_nothing_is_stored(
        world: PresenceWorld) -> None:
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=NOW,
                            device=DeviceKind.TABLET)
    with pytest.raises(DomainError) as caught:
        await absences.do_report(world.parent, [world.ida.id, world.oscar.id], True, DAY, DAY + timedelta(days=1),
                                 now=at(9))
    assert caught.value.key == "presence.error.came_today" and caught.value.params["name"] == "Oscar"
    assert await PresenceDay.filter(status="syg").count() == 0
    done = await absences.do_report(world.parent, [world.ida.id, world.oscar.id], True, DAY + timedelta(days=1),
                                    DAY + timedelta(days=1), now=at(9))
    assert done.total == 2


async def test_another_familys_child_is_refused_for_report_cancel_and_view(world: PresenceWorld) -> None:
    with pytest.raises(AccessDenied):
        await absences.do_report(world.parent, [world.oscar.id, world.other_child.id], True, DAY, DAY, now=NOW)
    assert await PresenceDay.filter(status="syg").count() == 0
    await absences.do_report(world.other_parent, [world.other_child.id], True, DAY, DAY, now=NOW)
    with pytest.raises(AccessDenied):
        await absences.do_cancel(world.parent, world.other_child.id, DAY, DAY, now=NOW)
    with pytest.raises(AccessDenied):
        await absences.family_absences(world.parent, [world.other_child.id], now=NOW)
    assert {a.child_id for a in await absences.family_absences(world.parent, now=NOW)} == set()


async def test_the_family_cancels_one_day_or_the_whole_range_and_can_undo(world: PresenceWorld) -> None:
    # Wednesday through Monday: the BFO is closed Friday (Planlægningsdag) and at the weekend, so 3 days are stored
    done = await absences.do_report(world.parent, [world.oscar.id], False, DAY, DAY + timedelta(days=5), now=NOW)
    assert done.total == 3
    one = await absences.do_cancel(world.parent, world.oscar.id, DAY, DAY, now=NOW)
    assert [a.day for a in one] == [DAY]
    assert (await _statuses(world.oscar.id))[DAY.isoformat()] == Status.NOT_ARRIVED.value
    # the rest reads as one period: the closed Friday and the weekend do not split it
    found = await absences.family_absences(world.parent, now=NOW)
    spans = absences.spans(found, {world.bfo.id: await _settings(world.bfo.id)})
    assert [(s.first, s.last, len(s.days)) for s in spans] == [(DAY + timedelta(days=1), DAY + timedelta(days=5), 2)]
    whole = await absences.do_cancel(world.parent, world.oscar.id, DAY, DAY + timedelta(days=5), now=NOW)
    assert len(whole) == 2
    assert await PresenceDay.filter(status="ferie").count() == 0
    await absences.do_restore(world.parent, whole, now=NOW)
    assert await PresenceDay.filter(person_id=world.oscar.id, status="ferie").count() == 2
    with pytest.raises(DomainError) as caught:
        await absences.do_cancel(world.parent, world.oscar.id, DAY - timedelta(days=1), DAY, now=NOW)
    assert caught.value.key == "presence.error.range_in_past"


async def test_nothing_reported_is_nothing_to_cancel(world: PresenceWorld) -> None:
    with pytest.raises(DomainError) as caught:
        await absences.do_cancel(world.parent, world.oscar.id, DAY, DAY + timedelta(days=3), now=NOW)
    assert caught.value.key == "presence.error.not_absent"


async def test_staff_see_their_institutions_absences_and_correct_them(world: PresenceWorld) -> None:
    await absences.do_report(world.parent, [world.oscar.id, world.freja.id], True, DAY, DAY + timedelta(days=1),
                             now=NOW)
    listed = await absences.institution_absences(world.staff, world.bfo.id, now=NOW)
    assert {(a.first_name, a.day) for a in listed} == {("Oscar", DAY), ("Oscar", DAY + timedelta(days=1))}
    assert all(a.reported_by == "Mette" for a in listed)
    assert await absences.do_staff_switch(world.staff, world.bfo.id, world.oscar.id, DAY + timedelta(days=1),
                                          now=NOW) is Status.VACATION
    await absences.do_staff_clear(world.leader, world.bfo.id, world.oscar.id, DAY, now=NOW)
    assert await _statuses(world.oscar.id) == {DAY.isoformat(): Status.NOT_ARRIVED.value,
                                               (DAY + timedelta(days=1)).isoformat(): Status.VACATION.value}


async def test_a_board_tap_that_clears_an_absence_reaches_the_lists(world: PresenceWorld, listen: Listen) -> None:
    await absences.do_report(world.parent, [world.oscar.id], True, DAY, DAY, now=NOW)
    found = await absences.family_absences(world.parent, now=NOW)
    heard = listen(world)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CLEAR_ABSENCE, now=at(8),
                            device=DeviceKind.TABLET)
    assert [absences.touches(found, e) for e in heard] == [True]
    await service.do_action(world.staff, world.ida.id, world.bfo.id, Action.CHECK_IN, now=at(8),
                            device=DeviceKind.TABLET)
    assert absences.touches(found, heard[-1]) is False  # an ordinary check-in does not re-read the lists


async def test_staff_of_another_institution_are_refused(world: PresenceWorld) -> None:
    await absences.do_report(world.parent, [world.oscar.id], True, DAY, DAY, now=NOW)
    with pytest.raises(AccessDenied):
        await absences.institution_absences(world.daycare_staff, world.bfo.id, now=NOW)
    with pytest.raises(AccessDenied):
        await absences.do_staff_clear(world.daycare_staff, world.bfo.id, world.oscar.id, DAY, now=NOW)
    with pytest.raises(AccessDenied):
        await absences.institution_absences(world.parent, world.bfo.id, now=NOW)
    assert await PresenceDay.filter(status="syg").count() == 1


async def _settings(institution_id: int) -> absences.Settings:
    from domain.presence.tiles import load_settings

    return await load_settings(institution_id)
