"""A family with children in two institutions over SQLite and PostgreSQL: each widget switch holds per institution."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.identity.model import Role
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from domain.widgets import service
from domain.widgets.builtin.common import iso_week
from domain.widgets.builtin.foedselsdage import Foedselsdage
from domain.widgets.builtin.madplan import Madplan, do_save_menu
from domain.widgets.builtin.ugeplan import Ugeplan, do_save_week_plan
from domain.widgets.model import builtin_key
from persistence.organisation import Group, Institution
from persistence.people import Employment, Enrolment, GroupMembership, Person
from tests.factory import World, build_world
from tests.integration.test_builtin_widgets import DAYS, as_role, enrol, years_before
from tests.listing_support import names_on_lists


@pytest.fixture
async def w(database: str) -> World:
    return await build_world()


async def _bfo(w: World) -> tuple[Institution, Group]:
    """A BFO beside Testskolen where Anna also goes, with a leader who writes its menu."""
    bfo = await Institution.create(municipality_id=w.school.municipality_id, number="899991", name="Testfritten",
                                   kind=InstitutionKind.BFO)
    team = await Group.create(municipality_id=w.school.municipality_id, institution=bfo, name="Fritten-hold",
                              kind=GroupKind.HOLD)
    await Enrolment.create(child=w.child, institution=bfo, group=team, start=w.today - timedelta(days=30))
    await Employment.create(person=w.leader, institution=bfo, role=StaffRole.LEDER, start=w.today - timedelta(days=9))
    return bfo, team


async def _load(actor_person: Person, name: str) -> object:
    """What the Overblik draws for a widget: through the domain, with the actor's own context."""
    parent = await as_role(actor_person, "parent")
    view = await service.overview(parent, utcnow().date())
    assert builtin_key(name) in [s.key for s in view.slots]
    return await service.load_builtin(parent, name, view.context)


async def test_a_meal_plan_switched_off_at_one_institution_shows_nothing_of_it_to_a_family_in_two(w: World) -> None:
    bfo, _team = await _bfo(w)
    leader = await as_role(w.leader, "leader")
    year, week = iso_week(w.today)
    await do_save_menu(leader, w.kindergarten.id, year, week, DAYS, utcnow())
    await do_save_menu(leader, bfo.id, year, week, ["Pizza"] * 5, utcnow())
    menus = await _load(w.guardian, "madplan")
    assert isinstance(menus, Madplan) and [m.institution_name for m in menus.menus] == ["Testfritten", "Testhaven"]
    admin = await as_role(w.admin, "admin")
    await service.do_set_enabled(admin, builtin_key("madplan"), w.kindergarten.id, Role.PARENT, False)
    menus = await _load(w.guardian, "madplan")
    assert isinstance(menus, Madplan) and [m.institution_name for m in menus.menus] == ["Testfritten"]
    assert "Fiskefrikadeller" not in repr(menus)


async def test_a_week_plan_switched_off_at_the_school_leaves_the_other_institutions_plans(w: World) -> None:
    await GroupMembership.create(group=w.class_2a, person=w.teacher)
    teacher = await as_role(w.teacher, "staff")
    year, week = iso_week(w.today)
    await do_save_week_plan(teacher, w.class_2a.id, year, week, "Dansk: læsebog", utcnow())
    await service.do_set_enabled(await as_role(w.admin, "admin"), builtin_key("ugeplan"), w.school.id, Role.PARENT,
                                 False)
    plans = await _load(w.guardian, "ugeplan")
    assert isinstance(plans, Ugeplan) and [(p.group_name, p.child_name) for p in plans.plans] == [("Bien", "Bo")]
    assert "læsebog" not in repr(plans)


async def test_birthdays_follow_the_switch_and_name_other_families_children_only_with_names_on_lists(
        w: World) -> None:
    monday = w.today - timedelta(days=w.today.weekday())
    for p in (w.child, w.other_child, w.sibling):  # everyone's birthday is on this week's Monday
        await Person.filter(id=p.id).update(birth_date=years_before(monday, 8))
    dorte = await enrol(w, "Dorte", years_before(monday, 8), w.class_2a)
    await names_on_lists(dorte, now=utcnow())
    await names_on_lists(w.other_child, now=utcnow(), given=False)  # Carl's family refused
    seen = await _load(w.guardian, "foedselsdage")
    assert isinstance(seen, Foedselsdage) and sorted(b.first_name for b in seen.birthdays) == ["Anna", "Bo", "Dorte"]
    await service.do_set_enabled(await as_role(w.admin, "admin"), builtin_key("foedselsdage"), w.kindergarten.id,
                                 Role.PARENT, False)
    seen = await _load(w.guardian, "foedselsdage")
    assert isinstance(seen, Foedselsdage) and sorted(b.first_name for b in seen.birthdays) == ["Anna", "Dorte"]
    # The school's own staff see every child of 2.A, consent or not.
    await GroupMembership.create(group=w.class_2a, person=w.teacher)
    teacher = await as_role(w.teacher, "staff")
    staff_view = await service.load_builtin(teacher, "foedselsdage", await service.context_for(teacher, w.today))
    assert sorted(b.first_name for b in staff_view.birthdays) == ["Anna", "Carl", "Dorte"]
