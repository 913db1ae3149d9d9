"""Cross-institution groups reach staff of every member institution and close by themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied
from domain.identity.service import current_actor
from domain.organisation import service
from domain.organisation.model import GroupKind
from persistence.audit import AuditEntry
from persistence.organisation import Group
from persistence.people import GroupMembership
from tests.factory import build_world


async def test_cross_groups_reach_staff_and_expired_ones_close(database: str) -> None:
    w = await build_world()
    municipality_id = w.school.municipality_id
    live = await Group.create(municipality_id=municipality_id, name="Læsevenner", kind=GroupKind.TVAERGAAENDE,
                              expires_on=w.today + timedelta(days=30))
    ended = await Group.create(municipality_id=municipality_id, name="Sommerkor", kind=GroupKind.TVAERGAAENDE,
                               expires_on=w.today - timedelta(days=1))
    for g in (live, ended):
        await GroupMembership.create(group=g, person=w.child)
    await GroupMembership.create(group=live, person=w.sibling)
    teacher = await current_actor(w.teacher.id, "staff", "2", now=utcnow())
    groups = await service.cross_groups_reaching(teacher, w.today)
    assert [(g.name, g.member_count, service.group_is_open(g.expires_on, w.today)) for g in groups] == [
        ("Læsevenner", 2, True), ("Sommerkor", 1, False)]
    view, roster = await service.group_roster(teacher, live.id, w.today)
    assert view.name == "Læsevenner" and {c.first_name for c in roster} == {"Anna", "Bo"}
    assert await AuditEntry.filter(action="view_group", outcome="allowed").count() == 2


async def test_staff_of_an_unrelated_institution_cannot_open_a_cross_group(database: str) -> None:
    w = await build_world()
    group = await Group.create(municipality_id=w.school.municipality_id, name="Skakklub",
                               kind=GroupKind.TVAERGAAENDE)
    await GroupMembership.create(group=group, person=w.other_child)
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await service.group_roster(leader, group.id, w.today)
    assert await service.cross_groups_reaching(leader, w.today) == []


async def test_municipal_totals_count_each_child_once_and_only_for_the_admin(database: str) -> None:
    w = await build_world()
    admin = await current_actor(w.admin.id, "admin", "2", now=utcnow())
    totals = await service.municipality_totals(admin, w.today)
    assert (totals.institutions, totals.children, totals.staff) == (2, 3, 2)
    parent = await current_actor(w.guardian.id, "parent", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await service.municipality_totals(parent, w.today)
