"""A tværgående gruppe as an audience, on SQLite and PostgreSQL: the recipient picker offers it, a post reaches it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from domain.calendar.service import do_create_event
from domain.calendar.views import items_between
from domain.clock import COPENHAGEN, utcnow
from domain.crossgroups import service
from domain.crossgroups.model import CrossGroupForm, Rule, RuleRole
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.messages.recipients import role_choices
from domain.posts.feed import feed_for
from domain.posts.service import do_publish
from tests.factory import World, build_world


async def actor(person_id: int, role: str) -> Actor:
    """The actor as a request would rebuild it."""
    return await current_actor(person_id, role, "2", now=utcnow())


@pytest.fixture
async def world(database: str) -> World:
    """The small world: a school with 2.A, a kindergarten, a family, staff, admin."""
    return await build_world()


async def make_group(w: World, *extra: Rule) -> int:
    """'Søskendegruppen': 2. årgang's families at the school, and Bo in the kindergarten by name."""
    ane = await actor(w.admin.id, "admin")
    form = CrossGroupForm("Søskendegruppen", "Skole og børnehave sammen", w.admin.id, w.today + timedelta(days=30),
                          (Rule((w.school.id,), RuleRole.FAMILIES, grade=2), *extra), (w.sibling.id,))
    return await service.do_create(ane, form, utcnow())


async def test_the_recipient_picker_offers_the_group_to_staff_it_reaches(world: World) -> None:
    gid = await make_group(world)
    tina = await actor(world.teacher.id, "staff")
    keys = [c.key for c in await role_choices(tina, "Søskende")]
    assert f"group_guardians:{gid}" in keys and f"group_staff:{gid}" in keys
    await service.do_archive(await actor(world.admin.id, "admin"), gid, utcnow())
    assert await role_choices(tina, "Søskende") == []  # an archived group is no recipient any more


async def test_a_post_to_the_group_reaches_a_member_family_through_the_kindergarten(world: World) -> None:
    gid = await make_group(world)
    lis = await actor(world.leader.id, "leader")  # she leads the kindergarten, which Bo (by name) brings in
    await do_publish(lis, institution_id=world.kindergarten.id, group_ids=[gid], title="Fælles sommerfest",
                     body="Vi ses i parken", important=False, expires_on=None, allow_comments=False, now=utcnow())
    gitte = await actor(world.guardian.id, "parent")
    assert [p.title for p in await feed_for(gitte, today=world.today)] == ["Fælles sommerfest"]


async def test_an_event_for_the_group_shows_in_a_member_familys_calendar(world: World) -> None:
    gid = await make_group(world, Rule((world.school.id,), RuleRole.LAERER))  # the calendar lets members organise
    tina = await actor(world.teacher.id, "staff")
    day = world.today + timedelta(days=3)
    start = datetime.combine(day, time(17), COPENHAGEN)
    await do_create_event(tina, scope="group", group_id=gid, title="Fællesmøde", all_day=False, start=start,
                          end=start + timedelta(hours=1), now=utcnow())
    gitte = await actor(world.guardian.id, "parent")
    assert "Fællesmøde" in [i.title for i in await items_between(gitte, day, day)]
