"""Tværgående grupper through the services, on SQLite and PostgreSQL: rules, the register, access, expiry, messages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.crossgroups import service
from domain.crossgroups.jobs import do_tend_cross_groups, reminder_source
from domain.crossgroups.model import CrossGroupForm, Rule, RuleRole
from domain.errors import AccessDenied, DomainError
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.messages.resolve import resolve
from persistence.audit import AuditEntry
from persistence.crossgroups import CrossGroup
from persistence.notifications import Notification
from persistence.organisation import Group
from persistence.people import Enrolment, GroupMembership
from persistence.queries import ints
from tests.factory import World, build_world


async def actor(person_id: int, role: str) -> Actor:
    """The actor as a request would rebuild it."""
    return await current_actor(person_id, role, "2", now=utcnow())


@pytest.fixture
async def world(database: str) -> World:
    """The small world: a school with 2.A, a kindergarten, a family, staff, admin."""
    return await build_world()


def school_families_and_teachers(w: World, days: int = 60, named: tuple[int, ...] = ()) -> CrossGroupForm:
    """'Alle forældre i 2. årgang og lærerne på Testskolen', with a sibling in the kindergarten by name."""
    return CrossGroupForm("Corona-nødpasning", "Fælles beskeder under nedlukningen", 0, w.today + timedelta(days=days),
                          (Rule((w.school.id,), RuleRole.FAMILIES, grade=2), Rule((w.school.id,), RuleRole.LAERER)),
                          named or (w.sibling.id,))


async def members(group_id: int) -> set[int]:
    """The stored memberships of a group."""
    return set(ints(await GroupMembership.filter(group_id=group_id).values_list("person_id", flat=True)))


async def test_the_admin_previews_and_creates_a_group_by_rule_and_name(world: World) -> None:
    ane = await actor(world.admin.id, "admin")
    form = school_families_and_teachers(world)
    form = CrossGroupForm(form.name, form.purpose, world.admin.id, form.expires_on, form.rules, form.named)
    assert await service.preview(ane, form.rules, form.named, world.today) == 4
    gid = await service.do_create(ane, form, utcnow())
    assert await members(gid) == {world.child.id, world.other_child.id, world.teacher.id, world.sibling.id}
    (info,) = await service.list_groups(ane, world.today)
    assert (info.name, info.purpose, info.owner_name, info.expires_on, info.member_count) == (
        "Corona-nødpasning", "Fælles beskeder under nedlukningen", "Ane Testesen", form.expires_on, 4)


async def test_bad_input_is_refused_and_creates_nothing(world: World) -> None:
    ane = await actor(world.admin.id, "admin")
    good = school_families_and_teachers(world)
    for bad, key in [(CrossGroupForm(" ", "", world.admin.id, good.expires_on, good.rules), "crossgroups.error.name"),
                     (CrossGroupForm("X", "", world.admin.id, world.today - timedelta(days=1), good.rules),
                      "crossgroups.error.expiry"),
                     (CrossGroupForm("X", "", world.admin.id, good.expires_on), "crossgroups.error.empty"),
                     (CrossGroupForm("X", "", world.guardian.id, good.expires_on, good.rules),
                      "crossgroups.error.owner")]:
        with pytest.raises(DomainError) as refused:
            await service.do_create(ane, bad, utcnow())
        assert refused.value.key == key
    assert not await CrossGroup.all().count()


async def test_a_child_who_moves_leaves_the_rule_group_but_one_added_by_name_stays(world: World) -> None:
    ane = await actor(world.admin.id, "admin")
    form = school_families_and_teachers(world, named=(world.other_child.id,))
    gid = await service.do_create(ane, CrossGroupForm(form.name, "", world.admin.id, form.expires_on, form.rules,
                                                      form.named), utcnow())
    assert {world.child.id, world.other_child.id} <= await members(gid)
    yesterday = world.today - timedelta(days=1)
    for kid in (world.child, world.other_child):  # both move to the kindergarten's Bien
        await Enrolment.filter(child_id=kid.id, institution_id=world.school.id).update(end=yesterday)
        bien = await Group.get(institution_id=world.kindergarten.id)
        await Enrolment.create(child=kid, institution=world.kindergarten, group=bien, start=world.today)
    await do_tend_cross_groups(utcnow())
    assert await members(gid) == {world.other_child.id, world.teacher.id}


async def test_access_refusals_are_audited(world: World) -> None:
    ane, lis = await actor(world.admin.id, "admin"), await actor(world.leader.id, "leader")
    form = school_families_and_teachers(world)
    with pytest.raises(AccessDenied):  # Lis leads the kindergarten, not the school
        await service.do_create(lis, CrossGroupForm(form.name, "", world.leader.id, form.expires_on, form.rules),
                                utcnow())
    gid = await service.do_create(ane, CrossGroupForm(form.name, "", world.admin.id, form.expires_on, form.rules,
                                                      form.named), utcnow())
    gitte, olga = await actor(world.guardian.id, "parent"), await actor(world.other_guardian.id, "parent")
    tina = await actor(world.teacher.id, "staff")
    assert (await service.details(gitte, gid, world.today)).name == "Corona-nødpasning"  # Anna is a member
    assert not (await service.details(tina, gid, world.today)).can_manage  # a member, not a manager
    for refused in (olga.acting_as(olga.role), lis):
        await Enrolment.filter(child_id=world.other_child.id).delete()  # Olga's Carl is out of the group
        await do_tend_cross_groups(utcnow())
        with pytest.raises(AccessDenied):
            await service.details(refused, gid, world.today)
    for attempt in (service.do_archive(lis, gid, utcnow()), service.list_groups(gitte, world.today),
                    service.do_archive(tina, gid, utcnow())):
        with pytest.raises(AccessDenied):
            await attempt
    assert await AuditEntry.filter(action__startswith="crossgroups", outcome="refused").count() == 6
    assert not (await CrossGroup.get(group_id=gid)).archived_at


async def test_a_leader_manages_a_group_of_their_own_institution_only(world: World) -> None:
    lis = await actor(world.leader.id, "leader")
    mine = CrossGroupForm("Bien og venner", "Sommerfest", world.leader.id, world.today + timedelta(days=30),
                          (Rule((world.kindergarten.id,), RuleRole.FAMILIES),))
    gid = await service.do_create(lis, mine, utcnow())
    assert [i.group_id for i in await service.list_groups(lis, world.today)] == [gid]
    wider = CrossGroupForm(mine.name, mine.purpose, mine.owner_id, mine.expires_on,
                           (*mine.rules, Rule((world.school.id,), RuleRole.FAMILIES)))
    with pytest.raises(AccessDenied):
        await service.do_update(lis, gid, wider, utcnow())
    await service.do_archive(lis, gid, utcnow())
    assert (await CrossGroup.get(group_id=gid)).archived_at is not None


async def test_the_owner_is_reminded_once_before_expiry_and_it_is_archived_after(world: World) -> None:
    ane = await actor(world.admin.id, "admin")
    form = school_families_and_teachers(world, days=10)
    gid = await service.do_create(ane, CrossGroupForm(form.name, "", world.admin.id, form.expires_on, form.rules,
                                                      form.named), utcnow())
    now = utcnow()
    assert await do_tend_cross_groups(now) == 1
    assert await do_tend_cross_groups(now + timedelta(minutes=1)) == 0
    (note,) = await Notification.filter(source=reminder_source(gid))
    expiry = form.expires_on
    shown = f"{expiry.day}.{expiry.month}.{expiry.year}"
    assert (note.person_id, note.title) == (world.admin.id, f"Gruppen Corona-nødpasning udløber {shown}")
    assert (await CrossGroup.get(group_id=gid)).archived_at is None
    await do_tend_cross_groups(now + timedelta(days=11))
    assert (await CrossGroup.get(group_id=gid)).archived_at is not None
    assert await Notification.filter(source=reminder_source(gid)).count() == 1


async def test_a_message_to_the_group_reaches_its_members_families_and_staff(world: World) -> None:
    ane = await actor(world.admin.id, "admin")
    form = school_families_and_teachers(world)
    gid = await service.do_create(ane, CrossGroupForm(form.name, "", world.admin.id, form.expires_on, form.rules,
                                                      form.named), utcnow())
    tina = await actor(world.teacher.id, "staff")
    reached = await resolve(tina, [f"group_guardians:{gid}", f"group_staff:{gid}"], world.today)
    assert set(reached.persons) == {world.guardian.id, world.other_guardian.id, world.teacher.id}
    lis = await actor(world.leader.id, "leader")  # the kindergarten's leader: Bo, by name, reaches her too
    assert world.guardian.id in (await resolve(lis, [f"group_guardians:{gid}"], world.today)).persons
