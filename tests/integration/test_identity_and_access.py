"""Login, roles and access through the services, on SQLite and PostgreSQL, with the audit trail."""

from __future__ import annotations

import pytest

from domain.audit.service import entries_for
from domain.clock import utcnow
from domain.errors import AccessDenied
from domain.events import bus
from domain.identity.facts import load_person_facts
from domain.identity.model import Role, UserLoggedIn
from domain.identity.service import LoginRefused, current_actor, do_login
from domain.organisation import children, service
from persistence.audit import AuditEntry
from persistence.identity import LoginRecord, UserAccount
from tests.factory import build_world


async def test_a_guardian_logs_in_and_the_login_is_recorded_and_published(database: str) -> None:
    w = await build_world()
    seen: list[UserLoggedIn] = []
    sub = bus.subscribe("logins", lambda e: seen.append(e))  # type: ignore[arg-type,func-returns-value]
    try:
        grant = await do_login("t-guardian", "3", now=utcnow(), client_address="10.0.0.1")
    finally:
        sub.cancel()
    assert grant.role is Role.PARENT and grant.acr == "3"
    assert await LoginRecord.filter(account__person_id=w.guardian.id).count() == 1
    assert [e.person_id for e in seen] == [w.guardian.id]
    entry = await AuditEntry.filter(action="login").order_by("-id").first()
    assert entry is not None and entry.outcome == "allowed" and entry.client_address == "10.0.0.1"


@pytest.mark.parametrize(("subject", "key"), [
    ("nobody-knows-me", "login.refused.unknown"),
    ("t-roleless", "login.refused.no_role"),
])
async def test_refused_logins_name_the_reason_and_are_audited(database: str, subject: str, key: str) -> None:
    await build_world()
    with pytest.raises(LoginRefused) as refused:
        await do_login(subject, "2", now=utcnow())
    assert refused.value.key == key
    assert await AuditEntry.filter(action="login", outcome="refused").count() == 1
    assert await LoginRecord.all().count() == 0


async def test_a_closed_account_is_refused(database: str) -> None:
    await build_world()
    await UserAccount.filter(oidc_subject="t-guardian").update(active=False)
    with pytest.raises(LoginRefused) as refused:
        await do_login("t-guardian", "2", now=utcnow())
    assert refused.value.key == "login.refused.inactive"


async def test_a_former_guardian_has_no_parent_role_and_cannot_see_the_child(database: str) -> None:
    w = await build_world()
    facts = await load_person_facts(w.former_guardian.id, w.today)
    assert facts is not None and Role.PARENT not in facts.roles
    with pytest.raises(LoginRefused):
        await do_login("t-former", "2", now=utcnow())


async def test_parent_sees_own_children_with_history_and_a_masked_cpr(database: str) -> None:
    w = await build_world()
    parent = await current_actor(w.guardian.id, "parent", "2", now=utcnow())
    cards = await children.children_of_guardian(parent, w.today)
    assert {c.first_name for c in cards} == {"Anna", "Bo"}
    profile = await children.child_profile(parent, w.child.id, w.today)
    assert [e.institution_name for e in profile.history] == ["Testskolen", "Testhaven"]
    assert profile.cpr_masked == "150318-XXXX"
    assert [(e.action, e.outcome) for e in await entries_for(w.child.id)] == [
        ("view_child", "allowed"), ("view_overview", "allowed")]


async def test_parent_cannot_see_a_child_of_another_family_and_the_attempt_is_logged(database: str) -> None:
    w = await build_world()
    parent = await current_actor(w.guardian.id, "parent", "2", now=utcnow())
    with pytest.raises(AccessDenied):
        await children.child_profile(parent, w.other_child.id, w.today)
    entries = await entries_for(w.other_child.id)
    assert [(e.action, e.outcome, e.detail) for e in entries] == [("view_child", "refused", "not_guardian")]


async def test_staff_see_their_institution_only(database: str) -> None:
    w = await build_world()
    teacher = await current_actor(w.teacher.id, "staff", "2", now=utcnow())
    assert (await children.child_profile(teacher, w.other_child.id, w.today)).card.first_name == "Carl"
    with pytest.raises(AccessDenied):
        await children.child_profile(teacher, w.sibling.id, w.today)
    overview = await service.staff_overview(teacher, w.today)
    assert [s.institution.name for s in overview] == ["Testskolen"]
    assert overview[0].children == 2


async def test_ppr_sees_only_invited_cases(database: str) -> None:
    w = await build_world()
    ppr = await current_actor(w.ppr.id, "ppr", "2", now=utcnow())
    assert [c.first_name for c in await service.ppr_cases(ppr)] == ["Carl"]
    with pytest.raises(AccessDenied):
        await children.child_profile(ppr, w.child.id, w.today)


async def test_a_role_the_person_does_not_hold_falls_back_to_one_they_do(database: str) -> None:
    w = await build_world()
    actor = await current_actor(w.guardian.id, "admin", "2", now=utcnow())
    assert actor.role is Role.PARENT
    with pytest.raises(AccessDenied):
        await service.municipality_overview(actor, w.today)


async def test_leader_administers_own_institution_only(database: str) -> None:
    w = await build_world()
    leader = await current_actor(w.leader.id, "leader", "2", now=utcnow())
    summary, staff = await service.institution_admin(leader, w.kindergarten.id, w.today)
    assert summary.institution.name == "Testhaven" and [m.name for m in staff] == ["Lis Testesen"]
    with pytest.raises(AccessDenied):
        await service.institution_admin(leader, w.school.id, w.today)


async def test_the_audit_log_is_append_only(database: str) -> None:
    w = await build_world()
    parent = await current_actor(w.guardian.id, "parent", "2", now=utcnow())
    await children.child_profile(parent, w.child.id, w.today)
    entry = (await entries_for(w.child.id))[0]
    entry.detail = "rewritten"
    with pytest.raises(PermissionError):
        await entry.save()
    with pytest.raises(PermissionError):
        await entry.delete()
    with pytest.raises(PermissionError):
        await AuditEntry.filter(id=entry.id).update(detail="x")
    with pytest.raises(PermissionError):
        await AuditEntry.filter(id=entry.id).delete()
    with pytest.raises(PermissionError):
        await AuditEntry.bulk_update([entry], fields=["detail"])
    assert (await entries_for(w.child.id))[0].detail == "guardian"
