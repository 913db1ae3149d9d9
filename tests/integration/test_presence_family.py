"""A guardian's KommeGå read model over SQLite and PostgreSQL: each child's day, access, and a fixed query count."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.errors import AccessDenied
from domain.presence import family, pickups, plans, service
from domain.presence.family import ChildDay
from domain.presence.model import Action, DeviceKind, Status
from domain.presence.plans import PlanInput
from persistence.audit import AuditEntry
from persistence.people import Person, PickupPerson
from tests.listing_support import names_on_lists
from tests.presence_world import DAY, NOW, PresenceWorld, at, build_presence_world
from tests.querycount import count_queries

TABLET = DeviceKind.TABLET


@pytest.fixture
async def world(database: str) -> PresenceWorld:
    return await build_presence_world()


def _by_child(days: list[ChildDay]) -> dict[int, ChildDay]:
    return {d.child_id: d for d in days}


async def test_a_guardian_sees_each_childs_status_plan_pickups_and_history(world: PresenceWorld) -> None:
    farmor = f"p:{world.farmor.id}"
    await plans.do_plan_day(world.parent, world.oscar.id, DAY, PlanInput(pickup="14:30", pickup_key=farmor,
                                                                         note="Husk madpakken"), now=NOW)
    await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(7, 42),
                            device=TABLET)
    await names_on_lists(world.other_child, now=NOW)  # Carl's family lets other families see his name
    days = _by_child(await family.family_days(world.parent, DAY))
    assert set(days) == {world.oscar.id, world.ida.id, world.freja.id}
    oscar = days[world.oscar.id]
    assert (oscar.tile.status, oscar.tile.since, oscar.tile.changed_by) == (Status.PRESENT.value, "07:42", "Sofie")
    assert (oscar.tile.pickup, oscar.tile.pickup_by) == ("14:30", "Farmor")
    assert (oscar.plan.pickup, oscar.plan.pickup_key, oscar.plan.note, oscar.plan.own_day) == (
        "14:30", farmor, "Husk madpakken", True)
    assert oscar.institution_name == "Tjek BFO" and oscar.settings.self_leave_allowed
    assert [c.label for c in oscar.pickups] == ["Mette", "Farmor"]
    assert not oscar.consent and not oscar.alone_possible
    assert days[world.ida.id].alone_possible
    assert not days[world.freja.id].alone_possible and days[world.freja.id].institution_name == "Tjek Børnehus"
    assert [c.label for c in oscar.companions] == ["Carl T.", "Ida T."]
    assert days[world.freja.id].companions == ()
    [line] = oscar.history
    assert (line.at, line.action, line.by) == ("07:42", Action.CHECK_IN, "Sofie")
    assert days[world.ida.id].history == () and days[world.ida.id].tile.status == Status.NOT_ARRIVED.value


async def test_the_batched_pickup_list_is_the_one_the_plans_check_against(world: PresenceWorld) -> None:
    await PickupPerson.create(child=world.oscar, name="Bo Hansen", relation="Nabo", added_by_id=None)
    for day in await family.family_days(world.parent, DAY):
        assert list(day.pickups) == await pickups.authorised(day.child_id, DAY)


async def test_one_child_is_read_for_its_guardian_and_none_without_checkin(world: PresenceWorld) -> None:
    day = await family.child_day(world.parent, world.ida.id, DAY)
    assert day is not None and day.consent and day.tile.first_name == "Ida"
    await Person.filter(id=world.oscar.id).update(active=False)
    assert await family.child_day(world.parent, world.oscar.id, DAY) is None


async def test_another_family_cannot_read_the_childs_day(world: PresenceWorld) -> None:
    with pytest.raises(AccessDenied):
        await family.child_day(world.other_parent, world.oscar.id, DAY)
    with pytest.raises(AccessDenied):
        await family.child_day(world.staff, world.oscar.id, DAY)
    refused = await AuditEntry.filter(concerned_person_id=world.oscar.id, outcome="refused").count()
    assert refused == 2


async def test_staff_see_no_family_days_of_their_own(world: PresenceWorld) -> None:
    assert await family.family_days(world.staff, DAY) == []


async def test_the_query_count_does_not_grow_with_the_number_of_children(world: PresenceWorld) -> None:
    for child in (world.oscar, world.ida, world.other_child):
        await service.do_action(world.staff, child.id, world.bfo.id, Action.CHECK_IN, now=at(8), device=TABLET)
    await service.do_action(world.daycare_staff, world.freja.id, world.daycare.id, Action.CHECK_IN, now=at(8),
                            device=TABLET)
    await family.family_days(world.parent, DAY)  # settings rows exist; nothing is created on the way
    with count_queries() as one_child:
        assert len(await family.family_days(world.other_parent, DAY)) == 1
    with count_queries() as three_children:
        assert len(await family.family_days(world.parent, DAY)) == 3
    assert len(three_children) == len(one_child) <= 12, three_children


async def test_the_next_version_of_a_tile_gives_the_new_history_line(world: PresenceWorld) -> None:
    before = await family.child_day(world.parent, world.oscar.id, DAY)
    assert before is not None
    done = await service.do_action(world.staff, world.oscar.id, world.bfo.id, Action.CHECK_IN, now=at(7, 42),
                                   device=TABLET)
    line = family.change_between(before.tile, done.tile)
    assert line is not None and (line.action, line.at, line.by) == (Action.CHECK_IN, "07:42", "Sofie")
    assert family.change_between(before.tile, replace(done.tile, version=before.tile.version)) is None
    assert family.change_between(before.tile, replace(done.tile, version=5)) is None
