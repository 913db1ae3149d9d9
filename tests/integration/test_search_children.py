"""The top bar's search finds children by the child page's own rule: staff their institutions', guardians their own."""

from __future__ import annotations

import pytest

from domain.search.service import search
from tests.messages_world import NOW, MessagesWorld, build_messages_world


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    return await build_messages_world()


def _found(results: object) -> list[tuple[str, str, str]]:
    return [(h.title, h.detail, h.link) for h in results.children]  # type: ignore[attr-defined]


async def test_a_teacher_finds_her_schools_child_labelled_with_the_class_and_linking_to_the_child_page(
        mw: MessagesWorld) -> None:
    anna, carl = mw.w.child.id, mw.w.other_child.id
    assert _found(await search(mw.teacher, "anna", now=NOW)) == [
        ("Anna Testesen · 2.A", "Testskolen", f"/barn/{anna}")]
    assert [t for t, _, _ in _found(await search(mw.teacher, "2.A", now=NOW))] == [
        "Anna Testesen · 2.A", "Carl Testesen · 2.A"]
    assert _found(await search(mw.teacher, "carl testesen", now=NOW))[0][2] == f"/barn/{carl}"
    assert _found(await search(mw.teacher, "bo", now=NOW)) == []  # Bo is in the kindergarten, not her school


async def test_a_guardian_finds_only_her_own_children_and_a_leader_only_her_institutions(mw: MessagesWorld) -> None:
    assert [t for t, _, _ in _found(await search(mw.guardian, "testesen", now=NOW))] == [
        "Anna Testesen · 2.A", "Bo Testesen · Bien"]
    assert _found(await search(mw.guardian, "carl", now=NOW)) == []
    assert _found(await search(mw.other_guardian, "anna", now=NOW)) == []
    assert _found(await search(mw.former, "anna", now=NOW)) == []  # custody ended yesterday
    assert [t for t, _, _ in _found(await search(mw.leader, "testesen", now=NOW))] == ["Bo Testesen · Bien"]
    assert [t for t, _, _ in _found(await search(mw.ppr, "testesen", now=NOW))] == ["Carl Testesen · 2.A"]
