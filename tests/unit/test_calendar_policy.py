"""The calendar's access policy as pure functions: who creates, edits, sees and answers."""

from __future__ import annotations

from domain.access import (
    CalendarReach,
    EventFacts,
    GroupFacts,
    can_answer_invitation,
    can_create_event,
    can_edit_event,
    can_see_invitation_counts,
    can_view_event,
)
from domain.identity.model import Actor, Role

GROUP = EventFacts("group", 1, group=GroupFacts(7, 10), institution_id=10, organiser_id=50)
PRIVATE = EventFacts("group", 1, group=GroupFacts(7, 10), institution_id=10, organiser_id=50, private=True)


def actor(role: Role, person_id: int = 1, **kw: frozenset[int]) -> Actor:
    return Actor(person_id=person_id, name="X Y", role=role, roles=frozenset({role}), **kw)


def test_who_creates_where() -> None:
    teacher = actor(Role.STAFF, 50, staff_institutions=frozenset({10}))
    leader = actor(Role.LEADER, 60, staff_institutions=frozenset({10}), leader_institutions=frozenset({10}))
    parent = actor(Role.PARENT, 70, guardian_of=frozenset({5}))
    assert can_create_event(teacher, GROUP) and not can_create_event(parent, GROUP)
    assert not can_create_event(actor(Role.STAFF, 51, staff_institutions=frozenset({11})), GROUP)
    house = EventFacts("institution", 1, institution_id=10)
    assert can_create_event(leader, house) and not can_create_event(teacher, house)
    kommune = EventFacts("municipality", 1)
    assert can_create_event(actor(Role.ADMIN), kommune) and not can_create_event(leader, kommune)
    own = EventFacts("person", 1, person_id=70)
    assert can_create_event(parent, own) and not can_create_event(teacher, own)


def test_who_edits_sees_and_answers() -> None:
    teacher = actor(Role.STAFF, 50, staff_institutions=frozenset({10}))
    colleague = actor(Role.STAFF, 52, staff_institutions=frozenset({10}))
    parent = actor(Role.PARENT, 70, guardian_of=frozenset({5}))
    assert can_edit_event(teacher, GROUP) and not can_edit_event(colleague, GROUP)
    family = CalendarReach(1, frozenset({10}), frozenset({7}))
    staff = CalendarReach(1, frozenset({10}), frozenset({7}), staff=True)
    assert can_view_event(parent, GROUP, family) and not can_view_event(parent, PRIVATE, family)
    assert can_view_event(colleague, PRIVATE, staff)
    assert not can_view_event(parent, GROUP, CalendarReach(1, frozenset({11}), frozenset({8})))
    assert can_see_invitation_counts(colleague, GROUP, staff) and not can_see_invitation_counts(parent, GROUP, family)
    assert can_answer_invitation(parent, True, 5) and not can_answer_invitation(parent, True, 6)
    assert not can_answer_invitation(parent, False, None)
