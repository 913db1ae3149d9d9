"""The built-in widgets over a real database: exact content per role, first names only, and refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from domain.clock import utcnow
from domain.errors import AccessDenied, DomainError
from domain.identity.model import Actor
from domain.identity.service import current_actor
from domain.organisation.model import GroupKind
from domain.widgets.builtin.common import iso_week
from domain.widgets.builtin.foedselsdage import Birthday, Foedselsdage, FoedselsdageWidget
from domain.widgets.builtin.links import Link, Links, LinksWidget, do_delete_link, do_save_link, list_links
from domain.widgets.builtin.madplan import InstitutionMenu, Madplan, MadplanWidget, do_save_menu, today_index
from domain.widgets.builtin.ugeplan import GroupPlan, Ugeplan, UgeplanWidget, do_save_week_plan
from domain.widgets.service import context_for
from persistence.audit import AuditEntry
from persistence.organisation import Group
from persistence.people import Enrolment, GroupMembership, Person
from persistence.widgets import WeekPlan
from tests.clocks import TestClock
from tests.factory import World, build_world, person
from tests.listing_support import names_on_lists

DAYS = ["Rugbrød", "Fiskefrikadeller", "Pasta", "Suppe", "Boller"]


async def as_role(p: Person, role: str) -> Actor:
    """The person acting in one role."""
    return await current_actor(p.id, role, "2", now=utcnow())


async def world_with_teacher_in_2a() -> tuple[World, Group]:
    """The factory world, its kindergarten room Bien, and the teacher as a member of 2.A."""
    w = await build_world()
    await GroupMembership.create(group=w.class_2a, person=w.teacher)
    return w, await Group.get(name="Bien", institution_id=w.kindergarten.id)


async def test_ugeplan_shows_each_childs_groups_to_the_parent_and_the_staff_members_groups(database: str) -> None:
    w, bien = await world_with_teacher_in_2a()
    teacher, parent = await as_role(w.teacher, "staff"), await as_role(w.guardian, "parent")
    year, week = iso_week(w.today)
    await do_save_week_plan(teacher, w.class_2a.id, year, week, "  Dansk: læsebog\nHusk idrætstøj  ", utcnow())
    await do_save_week_plan(teacher, w.class_2a.id, year, week, "Dansk: læsebog\nHusk idrætstøj", utcnow())
    assert await WeekPlan.filter(group_id=w.class_2a.id).count() == 1
    text = "Dansk: læsebog\nHusk idrætstøj"
    assert await UgeplanWidget().load(parent, await context_for(parent, w.today)) == Ugeplan(year, week, [
        GroupPlan(w.class_2a.id, "2.A", "Anna", text), GroupPlan(bien.id, "Bien", "Bo", "")])
    assert await UgeplanWidget().load(teacher, await context_for(teacher, w.today)) == Ugeplan(year, week, [
        GroupPlan(w.class_2a.id, "2.A", "", text)])


async def test_ugeplan_is_refused_to_staff_of_another_institution_and_to_a_parent(database: str) -> None:
    w, _ = await world_with_teacher_in_2a()
    year, week = iso_week(w.today)
    for who in (await as_role(w.leader, "leader"), await as_role(w.guardian, "parent")):
        with pytest.raises(AccessDenied):
            await do_save_week_plan(who, w.class_2a.id, year, week, "Ikke min klasse", utcnow())
    assert await AuditEntry.filter(action="save_week_plan", outcome="refused").count() == 2
    teacher = await as_role(w.teacher, "staff")
    for text in ("   ", "x" * 4001):
        with pytest.raises(DomainError):
            await do_save_week_plan(teacher, w.class_2a.id, year, week, text, utcnow())
    with pytest.raises(DomainError, match="plans.error.week"):
        await do_save_week_plan(teacher, w.class_2a.id, 2026, 54, "Uge 54", utcnow())
    assert not await WeekPlan.exists()


async def test_madplan_of_the_kindergarten_for_the_parent_and_its_leader(database: str) -> None:
    w, _ = await world_with_teacher_in_2a()
    leader, parent = await as_role(w.leader, "leader"), await as_role(w.guardian, "parent")
    year, week = iso_week(w.today)
    await do_save_menu(leader, w.kindergarten.id, year, week, DAYS, utcnow())
    expected = Madplan(year, week, today_index(w.today), [InstitutionMenu(w.kindergarten.id, "Testhaven", tuple(DAYS))])
    assert await MadplanWidget().load(parent, await context_for(parent, w.today)) == expected
    assert await MadplanWidget().load(leader, await context_for(leader, w.today)) == expected
    teacher = await as_role(w.teacher, "staff")
    assert (await MadplanWidget().load(teacher, await context_for(teacher, w.today))).menus == []


async def test_madplan_with_four_days_or_by_staff_elsewhere_is_refused(database: str) -> None:
    w, _ = await world_with_teacher_in_2a()
    leader, teacher = await as_role(w.leader, "leader"), await as_role(w.teacher, "staff")
    year, week = iso_week(w.today)
    with pytest.raises(DomainError, match="plans.error.days"):
        await do_save_menu(leader, w.kindergarten.id, year, week, DAYS[:4], utcnow())
    with pytest.raises(DomainError, match="plans.error.day_too_long"):
        await do_save_menu(leader, w.kindergarten.id, year, week, [*DAYS[:4], "x" * 301], utcnow())
    with pytest.raises(AccessDenied):
        await do_save_menu(teacher, w.kindergarten.id, year, week, DAYS, utcnow())
    assert await AuditEntry.filter(action="save_menu", outcome="refused").count() == 1


def years_before(day: date, years: int) -> date:
    """The same day some years earlier (a 29 February becomes 28 February)."""
    return day.replace(year=day.year - years, day=28) if (day.month, day.day) == (2, 29) else \
        day.replace(year=day.year - years)


async def enrol(w: World, first: str, born: date, group: Group) -> Person:
    """A child born on a day, enrolled in a group since a year ago."""
    m = await w.school.municipality
    child = await person(m, first, child=True, born=born)
    await Enrolment.create(child=child, institution_id=group.institution_id, group=group,
                           start=w.today - timedelta(days=365))
    return child


async def test_foedselsdage_names_first_names_weekday_and_age_in_the_actors_groups_only(database: str) -> None:
    w, bien = await world_with_teacher_in_2a()
    far = w.today + timedelta(days=120)  # the factory's children have birthdays near today: move them away
    for p, years in ((w.child, 8), (w.other_child, 8), (w.sibling, 4)):
        await Person.filter(id=p.id).update(birth_date=years_before(far, years))
    monday = w.today - timedelta(days=w.today.weekday())
    wednesday = monday + timedelta(days=2 if (monday + timedelta(days=2)).day != 29 else 3)
    listed = [await enrol(w, "Dorte", years_before(wednesday, 7), w.class_2a),
              await enrol(w, "Gry", years_before(monday, 4), bien)]
    await names_on_lists(*listed, now=utcnow())  # other families see these two names on lists
    other = await Group.create(municipality_id=w.school.municipality_id, institution=w.school, name="3.B",
                               kind=GroupKind.KLASSE)
    await enrol(w, "Ebbe", years_before(wednesday, 9), other)
    parent, teacher = await as_role(w.guardian, "parent"), await as_role(w.teacher, "staff")
    dorte = Birthday("Dorte", wednesday.weekday(), 7, wednesday == w.today)
    gry = Birthday("Gry", 0, 4, monday == w.today)
    seen = await FoedselsdageWidget().load(parent, await context_for(parent, w.today))
    assert seen == Foedselsdage([gry, dorte])
    assert await FoedselsdageWidget().load(teacher, await context_for(teacher, w.today)) == Foedselsdage([dorte])
    assert "Testesen" not in repr(seen) and "datetime" not in repr(seen) and "date(" not in repr(seen)


async def test_a_29_february_child_is_celebrated_on_28_february_in_a_common_year(database: str,
                                                                              clock: TestClock) -> None:
    clock.at("2027-02-24T10:00")  # the week of 28.2.2027, a common year; the world's enrolments start before it
    w, _ = await world_with_teacher_in_2a()
    await enrol(w, "Fie", date(2016, 2, 29), w.class_2a)
    teacher = await as_role(w.teacher, "staff")
    ctx = replace(await context_for(teacher, w.today), today=date(2027, 2, 24))
    birthdays = (await FoedselsdageWidget().load(teacher, ctx)).birthdays
    assert Birthday("Fie", 6, 11, False) in birthdays
    assert all("Testesen" not in repr(b) for b in birthdays)


async def test_links_for_the_role_global_or_at_the_actors_institutions_in_order(database: str) -> None:
    w, _ = await world_with_teacher_in_2a()
    admin = await as_role(w.admin, "admin")
    first = await do_save_link(admin, "Skoleintra", "https://skole.example.dk", ["parent"], w.school.id, 1)
    await do_save_link(admin, "Kommunen", "https://www.example.dk", ["parent", "staff"], None, 2)
    await do_save_link(admin, "Personalehåndbog", "https://hr.example.dk", ["staff"], w.kindergarten.id, 0)
    parent, teacher = await as_role(w.guardian, "parent"), await as_role(w.teacher, "staff")
    assert await LinksWidget().load(parent, await context_for(parent, w.today)) == Links([
        Link("Skoleintra", "https://skole.example.dk"), Link("Kommunen", "https://www.example.dk")])
    assert await LinksWidget().load(teacher, await context_for(teacher, w.today)) == Links([
        Link("Kommunen", "https://www.example.dk")])
    assert [(lk.title, lk.institution_name) for lk in await list_links(admin)] == [
        ("Personalehåndbog", "Testhaven"), ("Skoleintra", "Testskolen"), ("Kommunen", "")]
    await do_delete_link(admin, first.id)
    assert [lk.title for lk in await list_links(admin)] == ["Personalehåndbog", "Kommunen"]


async def test_a_link_without_https_or_title_or_by_a_non_admin_is_refused(database: str) -> None:
    w, _ = await world_with_teacher_in_2a()
    admin = await as_role(w.admin, "admin")
    with pytest.raises(DomainError, match="links.error.url"):
        await do_save_link(admin, "Kommunen", "http://example.dk", ["parent"], None, 0)
    with pytest.raises(DomainError, match="links.error.title"):
        await do_save_link(admin, " ", "https://example.dk", ["parent"], None, 0)
    with pytest.raises(DomainError, match="links.error.roles"):
        await do_save_link(admin, "Kommunen", "https://example.dk", ["admin"], None, 0)
    with pytest.raises(AccessDenied):
        await do_save_link(await as_role(w.leader, "leader"), "Kommunen", "https://example.dk", ["parent"], None, 0)
    assert await list_links(admin) == []
