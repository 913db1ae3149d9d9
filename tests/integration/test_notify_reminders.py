"""Reminders in the notification centre, from the minute job, whether or not e-mail is on: once per occurrence."""

from __future__ import annotations

from datetime import timedelta

from domain.calendar import invitations, service
from domain.calendar.recurrence import occurrence_key
from domain.conferences import service as conferences
from domain.conferences.service import RoundInput
from domain.conferences.slots import DayInput, local_moment, parse_time
from domain.dates import show_day
from domain.due_notifications import DueNotifications
from domain.identity.model import Role
from persistence.conferences import ConferenceSlot
from tests.calendar_world import NOW, aware, build_calendar_world, local
from tests.messages_world import actor_of
from tests.notify_world import told, told_like


async def test_an_event_reminds_its_invitees_who_did_not_say_no_once_per_occurrence(database: str) -> None:
    cw = await build_calendar_world()
    w = cw.w
    day = w.today + timedelta(days=3)
    event_id = await service.do_create_event(
        cw.teacher, scope="group", group_id=w.class_2a.id, title="Forældremøde", description="Om Carls trivsel",
        place="Lokale 12", all_day=False, start=local(day, 17), end=local(day, 19), repeat="weekly",
        repeat_until=day + timedelta(days=14), invite=True, reminder_minutes=60, now=NOW)
    await invitations.do_answer(cw.other_guardian, event_id, "nej", now=NOW)
    start, jobs = aware(day, 17), DueNotifications()
    assert await jobs.run(start - timedelta(minutes=61)) == 0
    assert await jobs.run(start - timedelta(minutes=59)) == 1  # no SMTP anywhere: the centre does not need it
    assert await jobs.run(start - timedelta(minutes=30)) == 0
    got = await told(f"event:{event_id}:reminder:{occurrence_key(start)}")
    assert got == {w.guardian.id: ("reminder", f"Påmindelse: Forældremøde {show_day(day)} kl. 17:00",
                                   f"/kalender?dato={day.isoformat()}")}
    assert await jobs.run(start + timedelta(days=7, minutes=-45)) == 1  # next week's occurrence, in its turn
    assert len(await told_like(f"event:{event_id}:reminder:")) == 2


async def test_a_person_event_reminds_its_owner_only(database: str) -> None:
    cw = await build_calendar_world()
    day = cw.w.today + timedelta(days=2)
    event_id = await service.do_create_event(
        cw.guardian, scope="person", title="Tandlæge", description="Annas rodbehandling", all_day=False,
        start=local(day, 9), end=local(day, 10), reminder_minutes=24 * 60, private=True, now=NOW)
    assert await DueNotifications().run(aware(day, 9) - timedelta(hours=23)) == 1
    ((source, people),) = (await told_like(f"event:{event_id}:reminder:")).items()
    assert people == {cw.w.guardian.id} and "rodbehandling" not in (await told(source))[cw.w.guardian.id][1]


async def test_a_booked_conference_reminds_the_childs_guardians_once(database: str) -> None:
    cw = await build_calendar_world()
    w = cw.w
    day = w.today + timedelta(days=7)
    round_id = await conferences.do_create_round(cw.teacher, RoundInput(
        group_id=w.class_2a.id, title="Skole-hjem-samtaler", place="", slot_minutes=20,
        days=[DayInput(day, "14:00", "15:00")], reminder_hours=24,
        booking_deadline=local_moment(day - timedelta(days=2), parse_time("12:00"))), now=NOW)
    slot = await ConferenceSlot.filter(round_id=round_id).order_by("starts_at").first()
    assert slot is not None
    await conferences.do_book(await actor_of(w.guardian, Role.PARENT), slot_id=slot.id, child_id=w.child.id,
                              now=NOW)
    jobs = DueNotifications()
    assert await jobs.run(slot.starts_at - timedelta(hours=25)) == 0
    assert await jobs.run(slot.starts_at - timedelta(hours=23)) == 1
    assert await jobs.run(slot.starts_at - timedelta(hours=2)) == 0
    ((source, people),) = (await told_like(f"conference:{slot.id}:reminder:")).items()
    assert people == {w.guardian.id}  # not Olga, not the teacher
    assert (await told(source))[w.guardian.id] == (
        "reminder", f"Påmindelse: Skole-hjem-samtaler {show_day(day)} kl. 14:00", f"/kalender/samtaler/{round_id}")
