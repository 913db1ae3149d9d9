"""Conference notifications: a slot booked, moved or given up tells the family and the organiser, not the others."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from domain.conferences import service
from domain.conferences.service import RoundInput
from domain.conferences.slots import BreakInput, DayInput, local_moment, parse_time
from domain.dates import show_day
from domain.identity.model import Actor, Role
from persistence.conferences import ConferenceSlot
from tests.clocks import START
from tests.factory import World, build_world
from tests.messages_world import actor_of
from tests.notify_world import other_class, told, told_like

NOW = START.astimezone(UTC)


@pytest.fixture
async def w(database: str) -> World:
    return await build_world()


async def _round(w: World, teacher: Actor, reminder_hours: int | None = 24) -> list[int]:
    day = w.today + timedelta(days=7)
    spec = RoundInput(group_id=w.class_2a.id, title="Skole-hjem-samtaler", place="Klasselokalet", slot_minutes=20,
                      days=[DayInput(day, "14:00", "16:00")], breaks=[BreakInput("15:00", "15:20")],
                      booking_deadline=local_moment(day - timedelta(days=2), parse_time("12:00")),
                      reminder_hours=reminder_hours)
    round_id = await service.do_create_round(teacher, spec, now=NOW)
    return [s.id for s in await ConferenceSlot.filter(round_id=round_id).order_by("starts_at")]


def _at(w: World, hour: int, minute: int) -> str:
    return f"{show_day(w.today + timedelta(days=7))} kl. {hour:02d}:{minute:02d}"


async def test_a_booking_tells_the_organiser_and_the_childs_other_guardians_only(w: World) -> None:
    _, strangers = await other_class(w, 1)
    teacher, olga = await actor_of(w.teacher, Role.STAFF), await actor_of(w.other_guardian, Role.PARENT)
    slots = await _round(w, teacher)
    await service.do_book(olga, slot_id=slots[0], child_id=w.other_child.id, now=NOW)
    booked = await told_like(f"conference:{slots[0]}:booked:")
    assert list(booked.values()) == [{w.teacher.id}]  # not Olga who booked, not Gitte, not 5.B's guardian
    await service.do_book(olga, slot_id=slots[0], child_id=w.other_child.id, now=NOW)  # already hers: nothing
    assert len(await told_like("conference:")) == 1
    await service.do_book(olga, slot_id=slots[1], child_id=w.other_child.id, now=NOW + timedelta(seconds=5))
    moved = await told_like(f"conference:{slots[1]}:moved:")
    assert list(moved.values()) == [{w.teacher.id}]
    # the teacher books Anna's time: Gitte hears of it, with the time and no child's name
    await service.do_book(teacher, slot_id=slots[2], child_id=w.child.id, now=NOW)
    ((source, people),) = (await told_like(f"conference:{slots[2]}:booked:")).items()
    assert people == {w.guardian.id}
    category, title, link = (await told(source))[w.guardian.id]
    assert (category, title) == ("conference", f"Samtale booket: {_at(w, 14, 40)}")
    assert link.startswith("/kalender/samtaler/") and "Anna" not in title
    await service.do_cancel(teacher, slot_id=slots[2], now=NOW)
    assert list((await told_like(f"conference:{slots[2]}:cancelled:")).values()) == [{w.guardian.id}]
    everyone = {p for found in (await told_like("conference:")).values() for p in found}
    assert strangers[0].id not in everyone and w.former_guardian.id not in everyone
