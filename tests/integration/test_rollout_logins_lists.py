"""Who has never logged in, per institution and class: Danish order, access by role, constant query count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import AccessDenied, NotFound
from domain.rollout import missing
from persistence.organisation import Group
from persistence.people import Enrolment
from tests.logins_world import build, family
from tests.querycount import count_queries


def names(found: missing.LoginList) -> list[str]:
    """The first names on a list, in its order."""
    return [p.name.split()[0] for p in found.people]


async def test_the_team_sees_everyone_at_a_school_who_never_logged_in_in_danish_order(database: str) -> None:
    s = await build()
    found = await missing.never_logged_in(s.team, s.w.school.id, day=s.w.today)
    # Zakarias and the leader Hanne logged in; Gitte and Olga (the factory's guardians) have accounts but never did.
    assert names(found) == ["Bente", "Gitte", "Olga", "Tina", "Ærling", "Øjvind", "Åse"]
    assert found.guardians == 6 and found.staff == 3
    by_name = {p.name.split()[0]: p for p in found.people}
    assert by_name["Åse"].kind is missing.PersonKind.GUARDIAN and by_name["Åse"].children == ("Ea",)
    assert by_name["Åse"].groups == ("2.A",)
    assert by_name["Tina"].kind is missing.PersonKind.STAFF and by_name["Tina"].groups == ("2.A",)
    assert [g.name for g in found.groups] == ["2.A", "2.B"] and found.whole_institution


async def test_a_class_list_holds_only_that_class(database: str) -> None:
    s = await build()
    found = await missing.never_logged_in(s.team, s.w.school.id, s.w.class_2a.id, day=s.w.today)
    assert names(found) == ["Gitte", "Olga", "Tina", "Ærling", "Åse"]
    assert (found.guardians, found.staff, found.group_name) == (5, 1, "2.A")


async def test_staff_see_their_own_class_and_nothing_else(database: str) -> None:
    s = await build()
    own = await missing.never_logged_in(s.teacher, s.w.school.id, s.w.class_2a.id, day=s.w.today)
    assert "Åse" in names(own) and not own.whole_institution
    assert [g.name for g in own.groups] == ["2.A"]
    with pytest.raises(AccessDenied):
        await missing.never_logged_in(s.teacher, s.w.school.id, s.class_2b.id, day=s.w.today)
    with pytest.raises(AccessDenied):
        await missing.never_logged_in(s.teacher, s.w.school.id, day=s.w.today)


async def test_a_leader_sees_their_own_institution_only(database: str) -> None:
    s = await build()
    found = await missing.never_logged_in(s.school_leader, s.w.school.id, day=s.w.today)
    assert "Øjvind" in names(found)
    assert "Øjvind" in names(await missing.never_logged_in(s.school_leader, s.w.school.id, s.class_2b.id,
                                                          day=s.w.today))
    with pytest.raises(AccessDenied):
        await missing.never_logged_in(s.other_leader, s.w.school.id, day=s.w.today)


async def test_a_group_of_another_institution_is_not_found(database: str) -> None:
    s = await build()
    stue = await Group.get(name="Bien")
    with pytest.raises(NotFound):
        await missing.never_logged_in(s.team, s.w.school.id, stue.id, day=s.w.today)


async def test_the_navigation_offers_a_leader_the_institution_and_staff_their_classes(database: str) -> None:
    s = await build()
    assert [(e.institution_name, e.group_name) for e in await missing.my_login_lists(s.school_leader, s.w.today)] \
        == [("Testskolen", "")]
    assert [(e.institution_name, e.group_name) for e in await missing.my_login_lists(s.teacher, s.w.today)] \
        == [("Testskolen", "2.A")]
    assert await missing.my_login_lists(s.team, s.w.today) == []


async def test_the_list_costs_the_same_number_of_queries_for_ten_or_sixty_families(database: str) -> None:
    s = await build()
    municipality_id = (await s.w.school.municipality).id

    async def counted() -> int:
        with count_queries() as statements:
            await missing.never_logged_in(s.team, s.w.school.id, day=s.w.today)
        return len(statements)

    for n in range(5):
        await family(municipality_id, s.w.school, s.class_2b, f"Barn{n}", f"Forælder{n}")
    few = await counted()
    for n in range(50):
        await family(municipality_id, s.w.school, s.w.class_2a, f"Kid{n}", f"Parent{n}", subject=f"t-p{n}")
    assert await counted() == few <= 12


async def test_a_guardian_whose_custody_ended_or_child_left_is_not_on_the_list(database: str) -> None:
    s = await build()
    found = await missing.never_logged_in(s.team, s.w.school.id, day=s.w.today)
    assert "Finn" not in names(found)  # the former guardian
    await Enrolment.filter(child_id=s.w.other_child.id).update(end=s.w.today - timedelta(days=1))
    assert "Olga" not in names(await missing.never_logged_in(s.team, s.w.school.id, day=s.w.today))
