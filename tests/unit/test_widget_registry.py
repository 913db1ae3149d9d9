"""The registry of built-in widgets, what each declares, WidgetSpec.serves, and the plan and menu policy."""

from __future__ import annotations

from datetime import date

import pytest

import domain.widgets.builtin  # noqa: F401 - registers the built-in widgets
from domain import access
from domain.identity.model import Actor, Role
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind
from domain.widgets.builtin.foedselsdage import birthday_in_week, celebrated_on
from domain.widgets.builtin.links import valid_url
from domain.widgets.model import Placement, WidgetSpec
from domain.widgets.registry import REGISTRY, BuiltinWidget, register

ALL = frozenset({Role.PARENT, Role.STAFF, Role.LEADER, Role.CHILD})
ADULTS = frozenset({Role.PARENT, Role.STAFF, Role.LEADER})
MENU_KINDS = DAYCARE_KINDS | {InstitutionKind.BFO}

DECLARED = {
    "ugeplan": (ALL, None, Placement.MAIN),
    "madplan": (ADULTS, MENU_KINDS, Placement.SIDE),
    "foedselsdage": (ADULTS, None, Placement.SIDE),
    "links": (ALL, None, Placement.SIDE),
}


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_each_builtin_widget_is_registered_with_what_it_declares(name: str) -> None:
    spec = REGISTRY[name].spec
    assert (spec.roles, spec.kinds, spec.placement, spec.mobile) == (*DECLARED[name], True)


SCHOOL, BFO, KG = (frozenset({k}) for k in (InstitutionKind.SKOLE, InstitutionKind.BFO, InstitutionKind.BOERNEHAVE))
SERVES = [
    ("madplan", Role.PARENT, KG, True),
    ("madplan", Role.PARENT, SCHOOL, False),
    ("madplan", Role.STAFF, BFO, True),
    ("madplan", Role.STAFF, SCHOOL | BFO, True),
    ("madplan", Role.CHILD, KG, False),
    ("madplan", Role.ADMIN, KG, False),
    ("ugeplan", Role.CHILD, SCHOOL, True),
    ("ugeplan", Role.PARENT, frozenset(), True),
    ("ugeplan", Role.PPR, SCHOOL, False),
    ("foedselsdage", Role.CHILD, SCHOOL, False),
    ("links", Role.PROJECT_TEAM, SCHOOL, False),
]


@pytest.mark.parametrize(("name", "role", "kinds", "expected"), SERVES)
def test_serves_needs_a_declared_role_and_a_shared_kind_unless_any_kind(
        name: str, role: Role, kinds: frozenset[InstitutionKind], expected: bool) -> None:
    assert REGISTRY[name].spec.serves(role, kinds) is expected


def test_registering_another_class_under_a_taken_name_raises_and_the_same_class_again_is_fine() -> None:
    class Impostor(BuiltinWidget):
        spec = WidgetSpec("ugeplan", ALL, None, Placement.MAIN)

    original = REGISTRY["ugeplan"]
    with pytest.raises(ValueError, match="registered twice"):
        register(Impostor)
    assert register(original) is original and REGISTRY["ugeplan"] is original


def actor(role: Role, staff: frozenset[int] = frozenset(), lead: frozenset[int] = frozenset()) -> Actor:
    """An actor with the given workplaces."""
    return Actor(person_id=1, name="T", role=role, roles=frozenset({role}), staff_institutions=staff,
                 leader_institutions=lead)


GROUP_AT_10 = access.GroupFacts(group_id=5, institution_id=10)
CROSS = access.GroupFacts(group_id=6, institution_id=None)
# actor, group, member -> may write the ugeplan; may write the menu of institution 10
POLICY = [
    (actor(Role.STAFF, frozenset({10})), GROUP_AT_10, False, True, True),
    (actor(Role.STAFF, frozenset({20})), GROUP_AT_10, False, False, False),
    (actor(Role.STAFF, frozenset({20})), GROUP_AT_10, True, True, False),
    (actor(Role.STAFF, frozenset({20})), CROSS, True, True, False),
    (actor(Role.STAFF, frozenset({10})), CROSS, False, False, True),
    (actor(Role.LEADER, frozenset({10}), frozenset({10})), GROUP_AT_10, False, True, True),
    (actor(Role.LEADER, frozenset({20}), frozenset({20})), GROUP_AT_10, False, False, False),
    (actor(Role.PARENT, frozenset({10})), GROUP_AT_10, True, False, False),
    (actor(Role.ADMIN), GROUP_AT_10, False, False, False),
    (actor(Role.CHILD), GROUP_AT_10, True, False, False),
]


@pytest.mark.parametrize(("who", "group", "member", "plan", "menu"), POLICY)
def test_who_writes_ugeplan_and_madplan(who: Actor, group: access.GroupFacts, member: bool, plan: bool,
                                        menu: bool) -> None:
    assert access.can_write_group_plan(who, group, member).allowed is plan
    assert access.can_write_menu(who, 10).allowed is menu
    assert access.can_write_plans(who).allowed is (who.role in (Role.STAFF, Role.LEADER))
    assert access.can_write_group_plan(who, group, member).reason


@pytest.mark.parametrize(("role", "allowed"), [(Role.PARENT, True), (Role.CHILD, False), (Role.ADMIN, False)])
def test_a_widget_loads_only_for_its_roles(role: Role, allowed: bool) -> None:
    assert access.can_see_widget(actor(role), ADULTS).allowed is allowed


@pytest.mark.parametrize(("born", "monday", "expected"), [
    (date(2016, 2, 29), date(2027, 2, 22), (6, 11)),   # kept on Sunday 28 February 2027
    (date(2016, 2, 29), date(2028, 2, 28), (1, 12)),   # a leap year: Tuesday 29 February 2028
    (date(2016, 2, 28), date(2028, 2, 28), (0, 12)),
    (date(2018, 1, 2), date(2026, 12, 28), (5, 9)),    # a week that crosses the new year
    (date(2018, 3, 9), date(2026, 3, 2), None),
    (date(2026, 3, 4), date(2026, 3, 2), None),        # born this week: no birthday yet
])
def test_birthday_in_week(born: date, monday: date, expected: tuple[int, int] | None) -> None:
    assert birthday_in_week(born, monday) == expected


def test_29_february_is_kept_on_28_february_outside_leap_years() -> None:
    assert celebrated_on(date(2020, 2, 29), 2027) == date(2027, 2, 28)
    assert celebrated_on(date(2020, 2, 29), 2028) == date(2028, 2, 29)


@pytest.mark.parametrize(("url", "dev", "ok"), [
    ("https://www.example.dk", False, True), ("http://example.dk", False, False), ("https://", False, False),
    ("http://localhost:8080/x", True, True), ("http://localhost:8080/x", False, False),
    ("javascript:alert(1)", True, False),
])
def test_link_addresses(url: str, dev: bool, ok: bool) -> None:
    assert valid_url(url, dev) is ok
