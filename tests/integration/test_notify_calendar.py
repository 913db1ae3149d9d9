"""Calendar notifications: an invitation, a move, a cancellation, each to the invited only, once, in few statements."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.calendar import service
from domain.dates import show_day
from domain.errors import NotFound
from persistence.notifications import Notification
from tests.calendar_world import NOW, CalendarWorld, build_calendar_world, local
from tests.notify_world import other_class, told, told_like
from tests.querycount import count_queries


@pytest.fixture
async def cw(database: str) -> CalendarWorld:
    return await build_calendar_world()


async def _event(cw: CalendarWorld, group_id: int, *, title: str = "Juleklip", invite: bool = True,
                 days: int = 3, hour: int = 17) -> int:
    day = cw.w.today + timedelta(days=days)
    return await service.do_create_event(
        cw.teacher, scope="group", group_id=group_id, title=title, description="Om Carls trivsel", place="Aulaen",
        all_day=False, start=local(day, hour), end=local(day, hour + 2), invite=invite, now=NOW)


async def test_an_invitation_reaches_the_invited_guardians_only_once(cw: CalendarWorld) -> None:
    w = cw.w
    _, strangers = await other_class(w, 1)
    event_id = await _event(cw, w.class_2a.id)
    day = show_day(w.today + timedelta(days=3))
    got = await told(f"event:{event_id}:invited")
    assert set(got) == {w.guardian.id, w.other_guardian.id}  # not the organiser, a former guardian or 5.B's
    assert strangers[0].id not in got and w.teacher.id not in got and w.former_guardian.id not in got
    category, title, link = got[w.guardian.id]
    assert (category, title) == ("invitation", f"Invitation: Juleklip {day} kl. 17:00")
    assert link == f"/kalender?dato={(w.today + timedelta(days=3)).isoformat()}"
    assert "Carl" not in title and "Anna" not in title  # no child's name, no description
    # an event without invitations tells nobody
    quiet = await _event(cw, w.class_2a.id, title="Skolefoto", invite=False)
    assert await told_like(f"event:{quiet}:") == {}
    # nor does a private one, which is not in a guardian's calendar
    day = w.today + timedelta(days=3)
    hidden = await service.do_create_event(cw.teacher, scope="group", group_id=w.class_2a.id, title="Samtale om Carl",
                                           all_day=False, start=local(day, 8), end=local(day, 9), invite=True,
                                           private=True, now=NOW)
    await service.do_cancel_event(cw.teacher, hidden, now=NOW)
    assert await told_like(f"event:{hidden}:") == {}


async def test_a_move_tells_those_still_invited_and_a_save_without_a_move_tells_no_one(cw: CalendarWorld) -> None:
    w = cw.w
    event_id = await _event(cw, w.class_2a.id, title="Forældremøde 2.A")
    later = w.today + timedelta(days=4)

    async def save(day_offset: int, hour: int) -> None:
        day = w.today + timedelta(days=day_offset)
        await service.do_update_event(cw.teacher, event_id, scope="group", group_id=w.class_2a.id,
                                      title="Forældremøde 2.A", all_day=False, start=local(day, hour),
                                      end=local(day, hour + 1), invite=True, now=NOW)

    await save(4, 18)
    moved = await told_like(f"event:{event_id}:moved:")
    assert list(moved.values()) == [{w.guardian.id, w.other_guardian.id}]
    (source,) = moved
    assert (await told(source))[w.guardian.id][:2] == (
        "event", f"Flyttet: Forældremøde 2.A {show_day(later)} kl. 18:00")
    await save(4, 18)  # the same time again: nothing moved
    assert len(await told_like(f"event:{event_id}:moved:")) == 1
    assert await Notification.filter(source__startswith=f"event:{event_id}:invited").count() == 2


async def test_a_cancellation_tells_the_invited_once(cw: CalendarWorld) -> None:
    w = cw.w
    event_id = await _event(cw, w.class_2a.id, title="Forældremøde 2.A", days=1, hour=19)
    await service.do_cancel_event(cw.teacher, event_id, now=NOW)
    with pytest.raises(NotFound):  # cancelled is gone: a second click tells no one again
        await service.do_cancel_event(cw.teacher, event_id, now=NOW + timedelta(minutes=1))
    got = await told(f"event:{event_id}:cancelled")
    assert set(got) == {w.guardian.id, w.other_guardian.id}
    assert got[w.other_guardian.id][:2] == (
        "event", f"Aflyst: Forældremøde 2.A {show_day(w.today + timedelta(days=1))} kl. 19:00")
    assert await Notification.filter(source__startswith=f"event:{event_id}:").count() == 4  # 2 invited, 2 cancelled


async def test_a_big_invitation_costs_the_statements_of_a_small_one(cw: CalendarWorld) -> None:
    big, guardians = await other_class(cw.w, 60)
    with count_queries() as small_run:
        small = await _event(cw, cw.w.class_2a.id)
    with count_queries() as big_run:
        large = await _event(cw, big.id)
    assert len(await told(f"event:{small}:invited")) == 2
    assert set(await told(f"event:{large}:invited")) == {g.id for g in guardians}
    assert len(big_run) == len(small_run) <= 30


async def test_a_skipped_occurrence_tells_the_invited_its_day_once(cw: CalendarWorld) -> None:
    w = cw.w
    day = w.today + timedelta(days=2)
    event_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Svømning", all_day=False, start=local(day, 10),
        end=local(day, 11), repeat="weekly", repeat_until=day + timedelta(days=21), invite=True, now=NOW)
    second = local(day + timedelta(days=7), 10)
    await service.do_skip_occurrence(cw.teacher, event_id, second, now=NOW)
    await service.do_skip_occurrence(cw.teacher, event_id, second, now=NOW)  # already skipped: nothing new
    ((source, people),) = (await told_like(f"event:{event_id}:skipped:")).items()
    assert people == {w.guardian.id, w.other_guardian.id}
    assert (await told(source))[w.guardian.id][1] == f"Aflyst: Svømning {show_day(second.date())} kl. 10:00"
