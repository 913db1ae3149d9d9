"""Beskeder rules without a database: CPR-shaped text, who may write to whom, and who reads a seat."""

from __future__ import annotations

import pytest

from domain import access
from domain.identity.model import Actor, Role
from domain.messages.compose import prefixed, snippet
from domain.messages.sensitive import looks_like_cpr


@pytest.mark.parametrize("text", ["150318-1234", "cpr: 1503181234.", "født 290200-1234", "010190 1234",
                                  "Annas nummer er 311299-4321 ok"])
def test_cpr_shaped_text_with_a_real_date_is_recognised(text: str) -> None:
    assert looks_like_cpr(text)


@pytest.mark.parametrize("text", ["320118-1234", "151318-1234", "000118-1234", "290201-1234", "310418-1234",
                                  "12345678901", "tlf 12345678", "15.03.18 kl. 12-34", "1503181234567", ""])
def test_text_that_is_not_a_cpr_number_is_left_alone(text: str) -> None:
    assert not looks_like_cpr(text)


def _actor(role: Role, **facts: object) -> Actor:
    return Actor(person_id=100, name="T", role=role, roles=frozenset({role}), **facts)  # type: ignore[arg-type]


PLACES = access.SenderFacts(municipality_id=1, institution_ids=frozenset({10}), group_ids=frozenset({5}))


def test_each_role_reaches_only_its_own_circle() -> None:
    staff = access.message_reach(_actor(Role.STAFF, staff_institutions=frozenset({10})), PLACES)
    assert staff.all_staff and staff.guardians_at == {10} and staff.children_at == {10} and staff.role_groups
    parent = access.message_reach(_actor(Role.PARENT, guardian_of=frozenset({1})), PLACES)
    assert (parent.staff_at, parent.guardians_in_groups, parent.inboxes_at) == ({10}, {5}, {10})
    assert not parent.role_groups and not parent.all_staff and not parent.children_at
    child = access.message_reach(_actor(Role.CHILD), PLACES)
    assert (child.staff_at, child.children_in_groups, child.guardians_at) == ({10}, {5}, frozenset())
    ppr = access.message_reach(_actor(Role.PPR, ppr_children=frozenset({1})), PLACES)
    assert (ppr.staff_at, ppr.guardians_of, ppr.all_inboxes) == ({10}, {1}, False)
    admin = access.message_reach(_actor(Role.ADMIN), PLACES)
    assert admin.all_staff and not admin.guardians_at and not admin.role_groups and admin.cross_groups
    team = access.message_reach(_actor(Role.PROJECT_TEAM), PLACES)
    assert team.all_staff and not team.cross_groups


def test_the_municipal_admin_reaches_the_roles_in_cross_groups_but_not_in_an_institutions_groups() -> None:
    admin = _actor(Role.ADMIN)
    reach = access.message_reach(admin, PLACES)
    cross = access.GroupFacts(group_id=7, institution_id=None, member_institution_ids=frozenset({10, 11}))
    assert access.can_message_group(admin, reach, cross)
    assert not access.can_message_group(admin, reach, access.GroupFacts(group_id=5, institution_id=10))
    team = _actor(Role.PROJECT_TEAM)
    assert not access.can_message_group(team, access.message_reach(team, PLACES), cross)


def test_role_groups_are_for_staff_who_can_view_the_group() -> None:
    group = access.GroupFacts(group_id=5, institution_id=10)
    staff = _actor(Role.STAFF, staff_institutions=frozenset({10}))
    elsewhere = _actor(Role.STAFF, staff_institutions=frozenset({20}))
    parent = _actor(Role.PARENT, guardian_of=frozenset({1}))
    assert access.can_message_group(staff, access.message_reach(staff, PLACES), group)
    assert not access.can_message_group(elsewhere, access.message_reach(elsewhere, PLACES), group)
    assert not access.can_message_group(parent, access.message_reach(parent, PLACES), group)


def test_a_seat_is_read_by_its_person_while_still_guardian_or_by_staff_of_the_inbox() -> None:
    parent = _actor(Role.PARENT, guardian_of=frozenset({1}))
    assert access.can_read_seat(parent, access.SeatFacts(100, None, False, via_child_id=1))
    assert access.can_read_seat(parent, access.SeatFacts(100, None, False, via_child_id=2)).reason == \
        "no_longer_guardian"
    assert not access.can_read_seat(parent, access.SeatFacts(100, None, True))
    assert not access.can_read_seat(parent, access.SeatFacts(101, None, False))
    assert not access.can_read_seat(parent, access.SeatFacts(None, 10, False))
    staff = _actor(Role.STAFF, staff_institutions=frozenset({10}))
    assert access.can_read_seat(staff, access.SeatFacts(None, 10, False))
    assert not access.can_read_seat(_actor(Role.PPR), access.SeatFacts(None, 10, False))
    assert not access.can_read_sensitive(parent) and access.can_read_sensitive(
        Actor(100, "T", Role.PARENT, frozenset({Role.PARENT}), acr="3"))


def test_previews_never_carry_sensitive_text_and_prefixes_are_not_doubled() -> None:
    assert snippet("Hemmeligt", sensitive=True) == ""
    assert snippet("  to \n linjer  ", sensitive=False) == "to linjer"
    assert len(snippet("x" * 500, sensitive=False)) == 120
    assert prefixed("Sv: ", "Sv: Tur") == "Sv: Tur" and prefixed("Vs: ", "Tur") == "Vs: Tur"
