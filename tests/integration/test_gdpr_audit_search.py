"""The admin's audit search over SQLite and PostgreSQL: criteria, pages, the CSV file, the picker, and refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.errors import AccessDenied, DomainError
from domain.gdpr.audit_search import audit_csv, find_people, search_audit
from domain.identity.model import Actor, Role
from persistence.audit import AuditEntry
from persistence.organisation import Municipality
from tests.factory import World, build_world, person
from tests.messages_world import actor_of

OLD = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


async def _entries(w: World) -> None:
    """A few dated entries by the teacher and the guardian about Anna and Carl."""
    rows = [
        (OLD, w.teacher.id, "presence.check_in", "allowed", w.child.id, "staff"),
        (datetime(2025, 3, 11, 22, 30, tzinfo=UTC), w.teacher.id, "presence.check_in", "allowed", w.other_child.id,
         "staff"),  # 23.30 in Copenhagen: still the 11th
        (datetime(2025, 4, 2, 8, 0, tzinfo=UTC), w.guardian.id, "child.view", "allowed", w.child.id, "guardian"),
        (datetime(2025, 4, 3, 8, 0, tzinfo=UTC), w.other_guardian.id, "child.view", "refused", w.child.id,
         "=HYPERLINK(\"http://x\")"),
    ]
    for at, actor, action, outcome, concerned, detail in rows:
        await AuditEntry.create(at=at, actor_person_id=actor, actor_label="staff", action=action, outcome=outcome,
                                concerned_person_id=concerned, detail=detail)


@pytest.fixture
async def admin(database: str) -> tuple[World, Actor]:
    w = await build_world()
    await _entries(w)
    return w, await actor_of(w.admin, Role.ADMIN)


async def test_search_by_person_actor_period_action_and_outcome_newest_first(admin: tuple[World, Actor]) -> None:
    w, actor = admin
    about_anna = await search_audit(actor, person_id=w.child.id, actor_id=None, first=None, last=None)
    assert [r.action for r in about_anna.rows] == ["child.view", "child.view", "presence.check_in"]
    assert about_anna.rows[0].concerned_name == "Anna Testesen" and about_anna.rows[0].actor_name == "Olga Testesen"
    by_teacher = await search_audit(actor, person_id=None, actor_id=w.teacher.id, first=None, last=None)
    assert [r.concerned_person_id for r in by_teacher.rows] == [w.other_child.id, w.child.id]
    march = await search_audit(actor, person_id=None, actor_id=None, first=date(2025, 3, 11), last=date(2025, 3, 11))
    assert [r.concerned_person_id for r in march.rows] == [w.other_child.id]
    views = await search_audit(actor, person_id=None, actor_id=None, first=None, last=None, action="Child",
                               outcome="refused")
    assert [r.actor_person_id for r in views.rows] == [w.other_guardian.id]
    first = await search_audit(actor, person_id=None, actor_id=w.teacher.id, first=None, last=None, limit=1)
    assert [r.concerned_person_id for r in first.rows] == [w.other_child.id] and first.next_before_id is not None
    rest = await search_audit(actor, person_id=None, actor_id=w.teacher.id, first=None, last=None, limit=1,
                              before_id=first.next_before_id)
    assert [r.concerned_person_id for r in rest.rows] == [w.child.id] and rest.next_before_id is None
    with pytest.raises(DomainError):
        await search_audit(actor, person_id=None, actor_id=None, first=date(2025, 4, 1), last=date(2025, 3, 1))
    logged = await AuditEntry.filter(action="audit.search").order_by("id")
    # Five new searches (the continued page is the same search); the criteria by ids and dates only.
    assert len(logged) == 5 and logged[0].detail == f"person={w.child.id}"
    assert logged[0].concerned_person_id == w.child.id
    assert "Anna" not in " ".join(e.detail for e in logged)


async def test_the_csv_is_danish_safe_and_capped_and_the_search_changes_no_entry(admin: tuple[World, Actor]) -> None:
    w, actor = admin
    before = await AuditEntry.all().order_by("id").values()
    body = await audit_csv(actor, person_id=w.child.id)
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Tidspunkt;Aktør-id;Aktør;Rolle;Handling;Udfald") and len(lines) == 4
    assert lines[1].startswith("03.04.2025 10:00:00;") and "'=HYPERLINK" in lines[1]
    capped = (await audit_csv(actor, person_id=w.child.id, cap=2)).decode("utf-8-sig").splitlines()
    assert len(capped) == 4 and capped[-1].startswith("Udtrækket er afskåret ved 2 rækker")
    await search_audit(actor, person_id=None, actor_id=None, first=None, last=None)
    after = await AuditEntry.filter(id__lte=before[-1]["id"]).order_by("id").values()
    assert after == before
    assert await AuditEntry.filter(action="audit.export_csv", outcome="allowed").count() == 2


async def test_the_picker_masks_the_cpr_and_a_teacher_is_refused_and_audited(admin: tuple[World, Actor]) -> None:
    w, actor = admin
    await person(await Municipality.create(code="X2", name="Andenby"), "Anna")  # a namesake elsewhere
    hits = await find_people(actor, "anna")
    assert [(h.name, h.masked_cpr, h.hints) for h in hits] == [("Anna Testesen", "150318-XXXX", ("child",))]
    assert [h.name for h in await find_people(actor, "150318")] == ["Anna Testesen"]
    gitte = await find_people(actor, "Gitte test")
    assert gitte[0].hints == ("guardian",) and "1503181234" not in repr(hits + gitte)
    teacher = await actor_of(w.teacher, Role.STAFF)
    with pytest.raises(AccessDenied):
        await search_audit(teacher, person_id=w.child.id, actor_id=None, first=None, last=None)
    with pytest.raises(AccessDenied):
        await audit_csv(teacher)
    refused = await AuditEntry.filter(action__startswith="audit.", outcome="refused").values_list(
        "action", "actor_person_id")
    assert sorted(refused) == [("audit.export_csv", w.teacher.id), ("audit.search", w.teacher.id)]
