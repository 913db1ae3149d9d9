"""One people search: by name, class, group, institution or role, within whom the actor may write to."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.identity.model import Role
from domain.messages.model import RecipientChoice
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from domain.search.people import search_people
from domain.search.recipients import search_recipients
from persistence.organisation import Group, Institution
from persistence.people import Employment, Enrolment, GroupMembership
from tests.factory import person
from tests.messages_world import MessagesWorld, actor_of, build_messages_world
from tests.querycount import count_queries


@pytest.fixture
async def mw(database: str) -> MessagesWorld:
    w = await build_messages_world()
    await GroupMembership.create(group=w.w.class_2a, person=w.w.teacher)  # Tina teaches 2.A
    return w


def labels(found: list[RecipientChoice]) -> dict[str, str]:
    return {c.label: c.detail for c in found}


async def test_a_parent_finds_the_class_teacher_by_class_or_role_labelled_with_role_and_class(
        mw: MessagesWorld) -> None:
    for text in ("2.A", "lærer", "lærer 2.A", "Tina", "Tina Testesen", "LÆRER 2.a"):
        found = labels(await search_recipients(mw.guardian, text))
        assert found.get("Tina Testesen · lærer, 2.A") == "Testskolen", (text, found)
    assert "Tina Testesen · lærer, 2.A" not in labels(await search_recipients(mw.guardian, "pædagog"))
    assert "Tina Testesen · lærer, 2.A" not in labels(await search_recipients(mw.guardian, "lærer 3.B"))


async def test_a_parent_finds_the_bfo_paedagog_by_2_aargang_and_not_staff_of_2_and_another_aargang(
        mw: MessagesWorld) -> None:
    w = mw.w
    municipality = await w.school.municipality
    bfo = await Institution.create(municipality=municipality, number="899001", name="Testskolens BFO",
                                   kind=InstitutionKind.BFO)
    second, third = [await Group.create(municipality=municipality, institution=bfo, name=f"{n}. årgang",
                                        kind=GroupKind.HOLD) for n in (2, 3)]
    await Enrolment.create(child=w.child, institution=bfo, group=second, start=w.today - timedelta(days=30))
    sofie, karl = await person(municipality, "Sofie"), await person(municipality, "Karl")
    for who, group in ((sofie, second), (karl, third)):
        await Employment.create(person=who, institution=bfo, role=StaffRole.PAEDAGOG, start=date(2020, 8, 1))
        await GroupMembership.create(group=group, person=who)
    await GroupMembership.create(group=w.class_2a, person=karl)  # in a "2." group and an "årgang" group, not 2. årgang
    found = labels(await search_recipients(mw.guardian, "2. årgang"))
    assert found.get("Sofie Testesen · pædagog, 2. årgang") == "Testskolens BFO"
    assert not [label for label in found if label.startswith("Karl")]
    assert "Sofie Testesen · pædagog, 2. årgang" in labels(await search_recipients(mw.guardian, "pædagog"))


async def test_staff_find_guardians_by_their_childs_class_and_the_class_roles_come_first(mw: MessagesWorld) -> None:
    found = await search_recipients(mw.teacher, "forældre 2.A")
    assert found[0].label == "Alle forældre i 2.A"
    assert {"Gitte Testesen", "Olga Testesen"} <= set(labels(found))
    assert "Tina Testesen · lærer, 2.A" not in labels(found)  # the teacher herself is never a recipient
    assert labels(await search_recipients(mw.teacher, "Testskolen")).get("Fællespostkasse — Testskolen")


async def test_nobody_out_of_reach_is_found_whatever_is_typed(mw: MessagesWorld) -> None:
    # Lis leads the kindergarten; Olga's child is only at the school, so the kindergarten's staff are out of reach.
    for text in ("Lis", "leder", "Testhaven", "Bien"):
        assert await search_people(mw.other_guardian, text) == [], text
    assert await search_people(mw.ppr, "Gitte") == []  # PPR reaches only its case children's guardians
    child = await actor_of(mw.w.child, Role.CHILD)
    assert await search_people(child, "Olga") == []
    assert await search_people(mw.guardian, "") == [] and await search_people(mw.guardian, "i på alle") == []


async def test_the_people_search_costs_the_same_queries_for_one_or_many_matches(mw: MessagesWorld) -> None:
    with count_queries() as few:
        await search_people(mw.teacher, "2.A")
    municipality = await mw.w.school.municipality
    for n in range(12):
        kid = await person(municipality, f"Elev{n}", child=True, born=mw.w.today - timedelta(days=8 * 365))
        await Enrolment.create(child=kid, institution=mw.w.school, group=mw.w.class_2a, start=mw.w.today)
        adult = await person(municipality, f"Lærer{n}")
        await Employment.create(person=adult, institution=mw.w.school, role=StaffRole.LAERER, start=date(2020, 8, 1))
        await GroupMembership.create(group=mw.w.class_2a, person=adult)
    with count_queries() as many:
        found = await search_people(mw.teacher, "2.A")
    assert len(found) > 10 and len(many) == len(few)
