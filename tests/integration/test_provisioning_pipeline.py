"""The admin's pipeline view over SQLite and PostgreSQL: who lacks an account, where nobody works, what changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import AccessDenied
from domain.identity.model import Role
from domain.identity.service import current_actor
from domain.organisation.model import InstitutionKind, StaffRole
from domain.provisioning.pipeline import load_pipeline
from persistence.identity import UserAccount
from persistence.organisation import Institution, Municipality
from persistence.people import Employment
from persistence.provisioning import ImportRun
from tests.factory import World, build_world, person
from tests.querycount import count_queries

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _line(level: str, key: str, reason: str = "") -> dict[str, object]:
    return {"file": "personer.csv", "line": 2, "level": level, "entity": "person", "key": key, "reason": reason,
            "params": {}, "text": ""}


@pytest.fixture
async def world(database: str) -> World:
    return await build_world()


async def test_staff_without_an_active_account_and_institutions_without_staff_are_listed(world: World) -> None:
    m = await Municipality.get(id=world.school.municipality_id)
    start = date(2024, 8, 1)
    newcomer = await person(m, "Nanna")  # employed, never had an account
    await Employment.create(person=newcomer, institution=world.school, role=StaffRole.PAEDAGOG, start=start)
    closed = await person(m, "Kaj", subject="t-closed")  # employed, account closed
    await UserAccount.filter(person_id=closed.id).update(active=False)
    await Employment.create(person=closed, institution=world.kindergarten, role=StaffRole.PAEDAGOG, start=start)
    gone = await person(m, "Gert")  # employment ended: not staff any more
    await Employment.create(person=gone, institution=world.school, role=StaffRole.PAEDAGOG, start=start,
                            end=world.today - timedelta(days=1))
    empty = await Institution.create(municipality=m, number="899901", name="Tomgården", kind=InstitutionKind.VUGGESTUE)
    await Institution.create(municipality=m, number="899902", name="Lukket", kind=InstitutionKind.VUGGESTUE,
                             active=False)
    other = await Municipality.create(code="T999", name="Andenby")
    await Institution.create(municipality=other, number="899903", name="Andens", kind=InstitutionKind.VUGGESTUE)
    admin = await current_actor(world.admin.id, Role.ADMIN.value, "2", now=T0)

    with count_queries() as counted:
        pipeline = await load_pipeline(admin, today=world.today)

    assert [(s.name, s.institutions) for s in pipeline.staff_without_accounts] == [
        ("Kaj Testesen", ("Testhaven",)), ("Nanna Testesen", ("Testskolen",))]
    assert [i.institution_id for i in pipeline.institutions_without_staff] == [empty.id]
    assert pipeline.runs == [] and pipeline.differences is None
    assert len(counted) <= 8  # the audit entry, the admin's municipality and one query per section


async def test_differences_show_the_last_applied_run_or_a_newer_checked_plan(world: World) -> None:
    admin = await current_actor(world.admin.id, Role.ADMIN.value, "2", now=T0)
    m_id = world.school.municipality_id
    applied = await ImportRun.create(
        municipality_id=m_id, actor_name="Ane", full=True, status="applied", started_at=T0, applied_at=T0,
        counts={"person": {"created": 1, "updated": 0, "deactivated": 1, "unchanged": 5, "errors": 0}},
        report=[_line("info", "Nyt Barn", "created"), _line("info", "Gammel Voksen", "deactivated")])
    await ImportRun.create(municipality_id=m_id, actor_name="Ane", status="rejected", started_at=T0,
                           report=[_line("error", "x", "cpr_format")])

    first = await load_pipeline(admin, today=world.today)
    assert first.differences is not None and not first.differences.pending
    assert first.differences.run.id == applied.id
    assert [line.key for line in first.differences.lines] == ["Nyt Barn", "Gammel Voksen"]
    assert [r.status for r in first.runs] == ["rejected", "applied"]

    plan = await ImportRun.create(municipality_id=m_id, actor_name="Ane", full=False, status="validated",
                                  started_at=T0 + timedelta(hours=1),
                                  report=[_line("info", "Ny Lærer", "created"), _line("warning", "y")])
    second = await load_pipeline(admin, today=world.today)
    assert second.differences is not None and second.differences.pending
    assert second.differences.run.id == plan.id
    assert [line.key for line in second.differences.lines] == ["Ny Lærer"]
    assert second.runs[0].id == plan.id


async def test_only_the_municipal_admin_sees_the_pipeline(world: World) -> None:
    teacher = await current_actor(world.teacher.id, Role.STAFF.value, "2", now=T0)
    with pytest.raises(AccessDenied):
        await load_pipeline(teacher, today=world.today)
