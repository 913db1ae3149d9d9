"""Calendar events over SQLite and PostgreSQL: who creates and sees what, validation, invitations, live events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.calendar import invitations, service, views
from domain.calendar.model import CalendarChanged, InvitationAnswered
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from persistence.audit import AuditEntry
from persistence.calendar import CalendarEvent, Invitation
from tests.calendar_world import NOW, CalendarWorld, build_calendar_world, local

DEC = date(2026, 12, 7)


@pytest.fixture
async def cw(database: str) -> CalendarWorld:
    return await build_calendar_world()


async def _group_event(cw: CalendarWorld, **kw: object) -> int:
    args: dict[str, object] = dict(scope="group", group_id=cw.w.class_2a.id, title="Forældremøde 2.A",
                                   description="Vi taler om lejrskolen", place="Lokale 12", all_day=False,
                                   start=local(DEC, 17), end=local(DEC, 19), now=NOW)
    args.update(kw)
    return await service.do_create_event(cw.teacher, **args)  # type: ignore[arg-type]


async def test_a_guardian_sees_the_class_event_of_her_child_and_never_another_groups(cw: CalendarWorld) -> None:
    event_id = await _group_event(cw)
    other = await service.do_create_event(cw.leader, scope="institution", institution_id=cw.w.kindergarten.id,
                                          title="Sommerfest", all_day=True, start=local(DEC), end=local(DEC),
                                          now=NOW)
    mine = await views.items_between(cw.guardian, DEC, DEC)
    events = {i.event_id: i for i in mine if i.kind == "event"}
    assert set(events) == {event_id, other}  # Anna in 2.A, Bo in the kindergarten
    assert events[event_id].child_ids == (cw.w.child.id,) and events[other].child_ids == (cw.w.sibling.id,)
    assert events[event_id].scope_label == "2.A" and not events[event_id].can_edit
    olga = await views.items_between(cw.other_guardian, DEC, DEC)
    assert [i.event_id for i in olga if i.kind == "event"] == [event_id]
    assert not [i for i in await views.items_between(cw.former, DEC, DEC) if i.kind == "event"]
    only_bo = await views.items_between(cw.guardian, DEC, DEC, child_ids={cw.w.sibling.id})
    assert {i.event_id for i in only_bo if i.kind == "event"} == {other}
    with pytest.raises(AccessDenied):
        await views.event_detail(cw.former, event_id)
    assert await AuditEntry.filter(action="calendar.view_event", outcome="refused").exists()


async def test_bad_input_is_refused_with_a_key_and_stores_nothing(cw: CalendarWorld) -> None:
    cases = [
        ("calendar.end_before_start", dict(end=local(DEC, 16))),
        ("calendar.title_empty", dict(title="  ")),
        ("calendar.title_too_long", dict(title="x" * 201)),
        ("calendar.recurrence_too_long", dict(repeat="weekly")),
        ("calendar.recurrence_too_long", dict(repeat="weekly", repeat_until=DEC + timedelta(days=6 * 365))),
        ("calendar.repeat_until_before_start", dict(repeat="biweekly", repeat_until=DEC - timedelta(days=1))),
        ("calendar.bad_reminder", dict(reminder_minutes=4)),
        ("calendar.bad_reminder", dict(reminder_minutes=14 * 24 * 60 + 1)),
        ("calendar.bad_repeat", dict(repeat="daily", repeat_until=DEC)),
    ]
    for key, kw in cases:
        with pytest.raises(DomainError) as caught:
            await _group_event(cw, invite=True, **kw)
        assert caught.value.key == key, kw
    assert await CalendarEvent.all().count() == 0 and await Invitation.all().count() == 0


async def test_only_the_right_people_create_and_edit(cw: CalendarWorld) -> None:
    with pytest.raises(AccessDenied):
        await service.do_create_event(cw.guardian, scope="group", group_id=cw.w.class_2a.id, title="x",
                                      all_day=True, start=local(DEC), end=local(DEC), now=NOW)
    with pytest.raises(AccessDenied):
        await service.do_create_event(cw.teacher, scope="institution", institution_id=cw.w.school.id, title="x",
                                      all_day=True, start=local(DEC), end=local(DEC), now=NOW)
    own = await service.do_create_event(cw.guardian, scope="person", title="Tandlæge", description="Anna",
                                        all_day=False, start=local(DEC, 9), end=local(DEC, 10), now=NOW)
    event_id = await _group_event(cw)
    with pytest.raises(AccessDenied):
        await service.do_cancel_event(cw.other_guardian, event_id, now=NOW)
    with pytest.raises(AccessDenied):
        await views.event_detail(cw.other_guardian, own)
    await service.do_cancel_event(cw.admin, event_id, now=NOW)
    assert [i.event_id for i in await views.items_between(cw.guardian, DEC, DEC) if i.kind == "event"] == [own]


async def test_invitations_go_to_current_guardians_and_answers_are_counted_live(cw: CalendarWorld) -> None:
    heard: list[Event] = []
    bus.clear()
    bus.subscribe(f"calendar-group:{cw.w.class_2a.id}", heard.append)
    event_id = await _group_event(cw, invite=True)
    assert [type(e) for e in heard] == [CalendarChanged]
    invited = dict(await Invitation.filter(event_id=event_id).values_list("person_id", "via_child_id"))
    assert invited == {cw.w.guardian.id: cw.w.child.id, cw.w.other_guardian.id: cw.w.other_child.id}
    bus.subscribe(f"event:{event_id}", heard.append)
    await invitations.do_answer(cw.guardian, event_id, "ja", now=NOW)
    answered = heard[-1]
    assert isinstance(answered, InvitationAnswered) and (answered.ja, answered.not_answered) == (1, 1)
    with pytest.raises(DomainError):
        await invitations.do_answer(cw.guardian, event_id, "maybe", now=NOW)
    with pytest.raises(AccessDenied):
        await invitations.do_answer(cw.former, event_id, "nej", now=NOW)
    counts = await invitations.invitation_counts(cw.teacher, event_id)
    assert (counts.ja, counts.nej, counts.maaske, counts.not_answered) == (1, 0, 0, 1)
    with pytest.raises(AccessDenied):
        await invitations.invitation_counts(cw.guardian, event_id)
    item = next(i for i in await views.items_between(cw.guardian, DEC, DEC) if i.event_id == event_id)
    assert item.my_answer == "ja"
    bus.clear()


async def test_private_events_stay_with_staff_and_the_kommunes_events_reach_everyone(cw: CalendarWorld) -> None:
    private = await _group_event(cw, title="Personalemøde", description="Om Carl", private=True)
    kommune = await service.do_create_event(cw.admin, scope="municipality", title="Kommunal fridag",
                                            all_day=True, start=local(DEC), end=local(DEC), now=NOW)
    guardian = {i.event_id for i in await views.items_between(cw.guardian, DEC, DEC) if i.kind == "event"}
    assert guardian == {kommune}
    with pytest.raises(AccessDenied):
        await views.event_detail(cw.guardian, private)
    staff = {i.event_id: i for i in await views.items_between(cw.teacher, DEC, DEC) if i.kind == "event"}
    assert set(staff) == {private, kommune} and staff[private].description == "Om Carl"  # the organiser's own
    detail = await views.event_detail(cw.leader, kommune)
    assert detail.scope == "municipality" and detail.scope_label == "Testby" and not detail.can_edit
    with pytest.raises(AccessDenied):
        await service.do_create_event(cw.guardian, scope="person", person_id=cw.w.other_guardian.id, title="x",
                                      all_day=True, start=local(DEC), end=local(DEC), now=NOW)
    with pytest.raises(AccessDenied):
        await service.do_create_event(cw.leader, scope="municipality", title="x", all_day=True, start=local(DEC),
                                      end=local(DEC), now=NOW)


async def test_a_series_loses_a_skipped_day_and_an_edit_keeps_the_answers(cw: CalendarWorld) -> None:
    event_id = await _group_event(cw, repeat="weekly", repeat_until=DEC + timedelta(days=21), invite=True)
    await invitations.do_answer(cw.guardian, event_id, "maaske", now=NOW)
    await service.do_skip_occurrence(cw.teacher, event_id, "2026-12-14T17:00", now=NOW)
    with pytest.raises(DomainError) as caught:
        await service.do_skip_occurrence(cw.teacher, event_id, "2026-12-15T17:00", now=NOW)
    assert caught.value.key == "calendar.no_such_occurrence"
    keys = [i.key for i in await views.items_between(cw.guardian, DEC, DEC + timedelta(days=30))
            if i.kind == "event"]
    assert keys == [f"event:{event_id}:2026-12-{d}T17:00" for d in ("07", "21", "28")]
    await service.do_update_event(cw.teacher, event_id, scope="group", group_id=cw.w.class_2a.id,
                                  title="Forældremøde (flyttet)", all_day=False, start=local(DEC, 18),
                                  end=local(DEC, 20), repeat="weekly", repeat_until=DEC + timedelta(days=21),
                                  invite=True, now=NOW)
    detail = await views.event_detail(cw.teacher, event_id)
    assert detail.title == "Forældremøde (flyttet)" and detail.recurrence_text == "Hver uge til 28.12.2026"
    assert detail.counts is not None and (detail.counts.maaske, detail.counts.not_answered) == (1, 1)
    assert detail.skipped == () and detail.can_edit  # the times moved, so the old skipped 17:00 is gone
    with pytest.raises(AccessDenied):
        await service.do_update_event(cw.other_guardian, event_id, scope="group", group_id=cw.w.class_2a.id,
                                      title="x", all_day=True, start=local(DEC), end=local(DEC), now=NOW)
