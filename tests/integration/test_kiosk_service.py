"""The wall screen and the leader's settings over SQLite and PostgreSQL: pairing, revoking, kiosk taps, PINs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import AccessDenied, DomainError, NotFound
from domain.events import Event, bus
from domain.presence import admin, kiosk, plans
from domain.presence.model import Action, DeviceKind, Status, WallScreenChanged
from domain.presence.plans import PlanInput
from domain.presence.tiles import load_settings
from persistence.audit import AuditEntry
from persistence.presence import PresenceChange, PresenceDay, PresenceSettings
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


async def paired_screen(world: PresenceWorld, institution_id: int | None = None) -> str:
    """A wall screen paired by the BFO's leader (or the admin-free route for another institution)."""
    request = await kiosk.do_request_pairing(now=NOW)
    await kiosk.do_pair(world.leader, institution_id or world.bfo.id, request.code, "Garderoben", now=NOW)
    return request.token


async def test_a_screen_shows_a_code_and_works_once_the_leader_pairs_it(world: PresenceWorld) -> None:
    request = await kiosk.do_request_pairing(now=NOW)
    assert len(request.code) == 6 and request.code.isdigit()
    assert await kiosk.pending_code(request.token, now=NOW) == request.code
    with pytest.raises(DomainError) as refused:
        await kiosk.device_for(request.token)
    assert refused.value.key == "kiosk.error.not_paired"
    events: list[Event] = []
    sub = bus.subscribe(f"wallscreen:{request.wall_screen_id}", events.append)
    try:
        await kiosk.do_pair(world.leader, world.bfo.id, f" {request.code[:3]} {request.code[3:]} ", "Hallen",
                            now=NOW + timedelta(minutes=1))
    finally:
        sub.cancel()
    assert [type(e) for e in events] == [WallScreenChanged] and events[0].paired  # type: ignore[attr-defined]
    device = await kiosk.device_for(request.token)
    assert (device.institution_id, device.name) == (world.bfo.id, "Hallen")
    assert await kiosk.pending_code(request.token, now=NOW) is None
    board = await kiosk.kiosk_board(request.token, DAY, now=NOW)
    assert set(board.tiles) == {world.oscar.id, world.ida.id, world.other_child.id}


async def test_a_wrong_or_expired_code_is_refused(world: PresenceWorld) -> None:
    request = await kiosk.do_request_pairing(now=NOW)
    wrong = "000000" if request.code != "000000" else "111111"
    with pytest.raises(DomainError) as refused:
        await kiosk.do_pair(world.leader, world.bfo.id, wrong, "Hallen", now=NOW)
    assert refused.value.key == "kiosk.error.bad_code"
    late = NOW + timedelta(minutes=kiosk.CODE_MINUTES, seconds=1)
    assert await kiosk.pending_code(request.token, now=late) is None
    with pytest.raises(DomainError) as refused:
        await kiosk.do_pair(world.leader, world.bfo.id, request.code, "Hallen", now=late)
    assert refused.value.key == "kiosk.error.bad_code"
    with pytest.raises(DomainError):
        await kiosk.device_for(request.token)


async def test_only_a_leader_of_the_institution_pairs_a_screen(world: PresenceWorld) -> None:
    request = await kiosk.do_request_pairing(now=NOW)
    for someone in (world.staff, world.parent):
        with pytest.raises(AccessDenied):
            await kiosk.do_pair(someone, world.bfo.id, request.code, "Hallen", now=NOW)
    with pytest.raises(AccessDenied):
        await kiosk.do_pair(world.leader, world.daycare.id, request.code, "Hallen", now=NOW)
    assert await kiosk.pending_code(request.token, now=NOW) == request.code


async def test_a_revoked_token_is_refused_at_once(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    device = await kiosk.device_for(token)
    with pytest.raises(AccessDenied):
        await kiosk.do_revoke(world.daycare_staff, device.wall_screen_id, now=NOW)
    events: list[Event] = []
    sub = bus.subscribe(f"wallscreen:{device.wall_screen_id}", events.append)
    try:
        await kiosk.do_revoke(world.leader, device.wall_screen_id, now=at(8))
    finally:
        sub.cancel()
    assert len(events) == 1 and events[0].revoked  # type: ignore[attr-defined]
    for call in (kiosk.device_for(token), kiosk.kiosk_board(token, DAY, now=at(8)),
                 kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8))):
        with pytest.raises(DomainError) as refused:
            await call
        assert refused.value.key == "kiosk.error.revoked"
    assert not await PresenceDay.exists(person_id=world.oscar.id)
    with pytest.raises(DomainError) as refused:
        await kiosk.do_kiosk_action(token[:-2] + "xx", world.oscar.id, Action.CHECK_IN, now=at(8))
    assert refused.value.key == "kiosk.error.not_paired"


async def test_a_child_checks_in_on_the_screen_and_the_history_names_the_screen(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    done = await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8))
    assert done.tile.status == Status.PRESENT.value and done.tile.changed_by == ""  # the screen shows no names
    assert (await PresenceDay.get(person_id=world.oscar.id, day=DAY)).changed_by == "Garderoben"
    change = await PresenceChange.get(id=done.change_id)
    assert change.device is DeviceKind.KIOSK and change.wall_screen_id == (await kiosk.device_for(token)).wall_screen_id
    moved = await kiosk.do_kiosk_action(token, world.oscar.id, Action.GO_TO_LOCATION, now=at(9), location="Hallen")
    assert (moved.tile.status, moved.tile.location) == (Status.AT_LOCATION.value, "Hallen")
    with pytest.raises(DomainError) as refused:
        await kiosk.do_kiosk_action(token, world.oscar.id, Action.GO_TO_LOCATION, now=at(9), location="Kælderen")
    assert refused.value.key == "presence.error.unknown_location"


async def test_a_screen_cannot_act_for_another_institutions_child(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    with pytest.raises(NotFound):
        await kiosk.do_kiosk_action(token, world.freja.id, Action.CHECK_IN, now=at(8))
    assert not await PresenceDay.exists(person_id=world.freja.id)


async def test_a_screen_offers_only_kiosk_actions(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    for action in (Action.REPORT_SICK, Action.REPORT_VACATION, Action.TRIP):
        with pytest.raises(DomainError) as refused:
            await kiosk.do_kiosk_action(token, world.oscar.id, action, now=at(8))
        assert refused.value.key == "error.access_denied"
    assert not await PresenceDay.filter(person_id=world.oscar.id).exclude(status=Status.NOT_ARRIVED).exists()
    assert await AuditEntry.filter(outcome="refused", detail__contains="not_a_kiosk_action").count() == 3


async def test_a_child_who_is_picked_up_cannot_check_out_on_the_screen(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    await plans.do_plan_day(world.parent, world.oscar.id, DAY,
                            PlanInput(pickup="15:00", pickup_key=f"p:{world.farmor.id}"), now=NOW)
    await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(12))
    with pytest.raises(DomainError) as refused:
        await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_OUT, now=at(15))
    assert refused.value.key == "presence.error.kiosk_pickup_by" and refused.value.params["by"] == "Farmor"
    assert (await PresenceDay.get(person_id=world.oscar.id, day=DAY)).status is Status.PRESENT
    await kiosk.do_kiosk_action(token, world.other_child.id, Action.CHECK_IN, now=at(12))
    with pytest.raises(DomainError) as refused:
        await kiosk.do_kiosk_action(token, world.other_child.id, Action.CHECK_OUT, now=at(15))
    assert refused.value.key == "presence.error.kiosk_pickup"


async def test_a_child_who_may_go_home_alone_checks_out_on_the_screen(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    await plans.do_plan_day(world.parent, world.ida.id, DAY, PlanInput(alone="15:00"), now=NOW)
    await kiosk.do_kiosk_action(token, world.ida.id, Action.CHECK_IN, now=at(12))
    done = await kiosk.do_kiosk_action(token, world.ida.id, Action.CHECK_OUT, now=at(15))
    assert done.tile.status == Status.NOT_ARRIVED.value  # on the wall screen only present or not present
    day = await PresenceDay.get(person_id=world.ida.id, day=DAY)
    assert day.status is Status.PICKED_UP and day.left_at is not None


async def test_the_pin_is_asked_for_when_the_institution_wants_it(world: PresenceWorld) -> None:
    token = await paired_screen(world)
    await admin.do_update_settings(world.leader, world.bfo.id, "06:30", "17:00", ["Legepladsen", "Hallen"],
                                   [0, 1, 2, 3, 4], True, now=NOW)
    with pytest.raises(DomainError) as refused:
        await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8), pin="1234")
    assert refused.value.key == "kiosk.error.no_pin"
    await kiosk.do_set_pin(world.parent, world.oscar.id, "2468")
    for pin in ("", "1234"):
        with pytest.raises(DomainError) as refused:
            await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8), pin=pin)
        assert refused.value.key == "kiosk.error.wrong_pin"
    assert not await PresenceDay.filter(person_id=world.oscar.id, status=Status.PRESENT).exists()
    done = await kiosk.do_kiosk_action(token, world.oscar.id, Action.CHECK_IN, now=at(8), pin="2468")
    assert done.tile.status == Status.PRESENT.value


async def test_the_leader_saves_settings_and_bad_input_changes_nothing(world: PresenceWorld) -> None:
    events: list[Event] = []
    sub = bus.subscribe(f"presence-settings:{world.bfo.id}", events.append)
    try:
        saved = await admin.do_update_settings(world.leader, world.bfo.id, "07:00", "16:30",
                                               [" Hallen ", "Biblioteket"], [0, 1, 2, 3], True, now=NOW)
    finally:
        sub.cancel()
    assert (saved.opens_min, saved.closes_min, saved.locations) == (420, 990, ("Hallen", "Biblioteket"))
    assert saved.open_weekdays == frozenset({0, 1, 2, 3}) and saved.kiosk_pin and len(events) == 1
    bad = [
        (("16:00", "08:00", ["Hallen"], [0]), "kiosk.admin.error.opens_after_closes"),
        (("08:00", "08:00", ["Hallen"], [0]), "kiosk.admin.error.opens_after_closes"),
        (("", "16:00", ["Hallen"], [0]), "kiosk.admin.error.hours_required"),
        (("25:00", "16:00", ["Hallen"], [0]), "presence.error.bad_time"),
        (("08:00", "16:00", ["Hallen", " "], [0]), "kiosk.admin.error.location_empty"),
        (("08:00", "16:00", ["Hallen", "hallen"], [0]), "kiosk.admin.error.location_twice"),
        (("08:00", "16:00", ["x" * 61], [0]), "kiosk.admin.error.location_too_long"),
        (("08:00", "16:00", [], []), "kiosk.admin.error.no_weekdays"),
        (("08:00", "16:00", [], [7]), "presence.error.bad_weekday"),
    ]
    for (opens, closes, places, days), key in bad:
        with pytest.raises(DomainError) as refused:
            await admin.do_update_settings(world.leader, world.bfo.id, opens, closes, places, days, False, now=NOW)
        assert refused.value.key == key, (opens, closes, places, days)
    row = await PresenceSettings.get(institution_id=world.bfo.id)
    assert (row.opens_min, row.locations, row.kiosk_pin) == (420, ["Hallen", "Biblioteket"], True)


async def test_only_the_institutions_leader_changes_its_settings(world: PresenceWorld) -> None:
    for someone, institution_id in ((world.staff, world.bfo.id), (world.parent, world.bfo.id),
                                    (world.leader, world.daycare.id)):
        with pytest.raises(AccessDenied):
            await admin.do_update_settings(someone, institution_id, "07:00", "16:00", [], [0], False, now=NOW)
        with pytest.raises(AccessDenied):
            await admin.do_add_closing_day(someone, institution_id, DAY + timedelta(days=5), "Lukket", now=NOW)
        with pytest.raises(AccessDenied):
            await admin.settings_for(someone, institution_id)
    assert (await load_settings(world.bfo.id)).opens_min == 390
    assert [c.name for c in await admin.administered_institutions(world.leader)] == ["Tjek BFO"]
    assert await admin.administered_institutions(world.staff) == []


async def test_closing_days_are_added_from_today_on_and_removed(world: PresenceWorld) -> None:
    later = DAY + timedelta(days=20)
    settings = await admin.do_add_closing_day(world.leader, world.bfo.id, later, " Juleferie ", now=NOW)
    assert settings.closing_days[later.isoformat()] == "Juleferie"
    assert settings.closed_reason(later) == "Juleferie"
    assert (await admin.do_add_closing_day(world.leader, world.bfo.id, DAY, "", now=NOW)).closed_reason(DAY)
    with pytest.raises(DomainError) as refused:
        await admin.do_add_closing_day(world.leader, world.bfo.id, DAY - timedelta(days=1), "For sent", now=NOW)
    assert refused.value.key == "kiosk.admin.error.closing_day_past"
    settings = await admin.do_remove_closing_day(world.leader, world.bfo.id, later, now=NOW)
    assert later.isoformat() not in settings.closing_days and DAY.isoformat() in settings.closing_days
    with pytest.raises(DomainError) as refused:
        await admin.do_remove_closing_day(world.leader, world.bfo.id, later, now=NOW)
    assert refused.value.key == "kiosk.admin.error.no_such_closing_day"
