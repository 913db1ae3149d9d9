"""Conference booking over SQLite and PostgreSQL: creating rounds, the booking race, moving, deadlines, access."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta

import pytest

from domain.conferences import queries, reminders, service
from domain.conferences.model import RoundsChanged, SlotsChanged
from domain.conferences.service import RoundInput
from domain.conferences.slots import BreakInput, DayInput, local_moment, parse_time
from domain.errors import AccessDenied, DomainError
from domain.events import Event, bus
from domain.identity.model import Actor, Role
from domain.organisation.model import GroupKind
from domain.settings import SmtpSettings
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, Person
from tests.clocks import START
from tests.factory import World, build_world, person
from tests.messages_world import actor_of
from tests.querycount import count_queries
from tests.smtp_support import Inbox, free_port, text_of
from tests.smtp_support import smtp_server as running_smtp

NOW = START.astimezone(UTC)  # the instant every test starts at (SAMMEN_TEST_NOW, or when the run began)


@dataclass
class ConferenceWorld:
    """The factory world with actors: Gitte (Anna's guardian), Olga (Carl's), Tina the teacher, a stranger."""

    w: World
    day: date
    teacher: Actor
    gitte: Actor
    olga: Actor
    stranger: Actor
    far_leader: Actor


@pytest.fixture
async def cw(database: str) -> ConferenceWorld:
    w = await build_world()
    other = await Group.create(municipality_id=w.school.municipality_id, institution=w.school, name="5.B",
                               kind=GroupKind.KLASSE)
    kid = await person(await w.school.municipality, "Dina", child=True, born=w.today - timedelta(days=3700))
    await Enrolment.create(child=kid, institution=w.school, group=other, start=w.today - timedelta(days=300))
    stranger = await person(await w.school.municipality, "Sven", subject="t-stranger")
    await Custody.create(guardian=stranger, child=kid, valid_from=kid.birth_date)
    return ConferenceWorld(w, w.today + timedelta(days=7), await actor_of(w.teacher, Role.STAFF),
                           await actor_of(w.guardian, Role.PARENT), await actor_of(w.other_guardian, Role.PARENT),
                           await actor_of(stranger, Role.PARENT), await actor_of(w.leader, Role.LEADER))


def spec(cw: ConferenceWorld, **changes: object) -> RoundInput:
    values: dict[str, object] = dict(
        group_id=cw.w.class_2a.id, title="Skole-hjem-samtaler", place="Klasselokalet", slot_minutes=15,
        days=[DayInput(cw.day, "14:00", "16:00")], breaks=[BreakInput("15:00", "15:15")],
        booking_deadline=local_moment(cw.day - timedelta(days=2), parse_time("12:00")), reminder_hours=24)
    values.update(changes)
    return RoundInput(**values)  # type: ignore[arg-type]


async def slots_of(round_id: int) -> list[ConferenceSlot]:
    return await ConferenceSlot.filter(round_id=round_id).order_by("starts_at")


async def test_a_teacher_creates_a_round_and_a_guardian_books_without_seeing_other_families(
        cw: ConferenceWorld) -> None:
    heard: list[Event] = []
    sub = bus.subscribe(f"conference-group:{cw.w.class_2a.id}", heard.append)
    try:
        round_id = await service.do_create_round(cw.teacher, spec(cw), now=NOW)
    finally:
        sub.cancel()
    assert [type(e) for e in heard] == [RoundsChanged]
    slots = await slots_of(round_id)
    assert len(slots) == 7  # 14:00-16:00 in quarters, less the break at 15:00
    assert [s.starts_at.astimezone(local_moment(cw.day, parse_time("0:00")).tzinfo) for s in slots][0] == \
        local_moment(cw.day, parse_time("14:00"))
    pending = await queries.pending_for_guardian(cw.gitte, now=NOW)
    assert [(p.round_id, p.child_first_name) for p in pending] == [(round_id, "Anna")]

    changed: list[Event] = []
    sub = bus.subscribe(f"conference:{round_id}", changed.append)
    try:
        await service.do_book(cw.olga, slot_id=slots[0].id, child_id=cw.w.other_child.id, now=NOW)
        with count_queries() as booking:
            await service.do_book(cw.gitte, slot_id=slots[1].id, child_id=cw.w.child.id, now=NOW)
    finally:
        sub.cancel()
    # slot and round, the child in the group (2), the held slot, the conditional update; then the notification to
    # the guardians and the organiser: the guardians (1) and the outbox (8, whatever the number of people)
    assert len(booking) == 14
    assert [type(e) for e in changed] == [SlotsChanged, SlotsChanged]
    assert isinstance(changed[1], SlotsChanged) and changed[1].changes[0]["child_id"] == cw.w.child.id
    with count_queries() as overblik:
        assert await queries.pending_for_guardian(cw.gitte, now=NOW) == []
    assert len(overblik) == 5  # the family's groups (2), their rounds, the rounds' spans, the children's slots
    seen = await queries.round_view(cw.gitte, round_id, now=NOW)
    assert seen.slots[0].taken and seen.slots[0].child_name == "" and seen.slots[0].child_id is None
    assert seen.slots[1].child_name == "Anna Testesen" and [c.name for c in seen.children] == ["Anna Testesen"]
    schedule = await queries.round_view(cw.teacher, round_id, now=NOW)
    assert (schedule.slots[0].child_name, schedule.slots[1].booked_by_name) == ("Carl Testesen", "Gitte Testesen")
    assert [s.booked for s in await queries.rounds_for_staff(cw.teacher, now=NOW)] == [2]


async def test_bad_input_is_refused_with_a_reason_and_nothing_is_stored(cw: ConferenceWorld) -> None:
    cases = {
        "conferences.slot_length": spec(cw, slot_minutes=0),
        "conferences.no_days": spec(cw, days=[], breaks=[]),
        "conferences.day_in_past": spec(cw, days=[DayInput(cw.w.today - timedelta(days=1), "14:00", "16:00")]),
        "conferences.day_order": spec(cw, days=[DayInput(cw.day, "16:00", "14:00")]),
        "conferences.break_outside": spec(cw, breaks=[BreakInput("18:00", "18:30")]),
        "conferences.bad_time": spec(cw, days=[DayInput(cw.day, "25:00", "26:00")]),
        "conferences.deadline_past": spec(cw, booking_deadline=NOW - timedelta(hours=1)),
        "conferences.deadline_after_start": spec(cw, booking_deadline=local_moment(cw.day, parse_time("15:00"))),
        "conferences.title_empty": spec(cw, title="  "),
        "conferences.reminder_hours": spec(cw, reminder_hours=0),
    }
    for key, bad in cases.items():
        with pytest.raises(DomainError) as refused:
            await service.do_create_round(cw.teacher, bad, now=NOW)
        assert refused.value.key == key
    assert not await ConferenceRound.exists() and not await ConferenceSlot.exists()


async def test_two_families_racing_for_one_slot_end_with_exactly_one_booking(cw: ConferenceWorld) -> None:
    round_id = await service.do_create_round(cw.teacher, spec(cw), now=NOW)
    slots = await slots_of(round_id)
    anna, carl = cw.w.child.id, cw.w.other_child.id
    for slot in slots[:4]:
        results = await asyncio.gather(
            service.do_book(cw.gitte, slot_id=slot.id, child_id=anna, now=NOW),
            service.do_book(cw.olga, slot_id=slot.id, child_id=carl, now=NOW), return_exceptions=True)
        refusals = [r for r in results if isinstance(r, BaseException)]
        assert len(refusals) == 1, results
        assert isinstance(refusals[0], DomainError) and refusals[0].key == "conferences.slot_taken"
        booked = await ConferenceSlot.get(id=slot.id)
        assert booked.child_id in (anna, carl)
        for child in (anna, carl):
            assert await ConferenceSlot.filter(round_id=round_id, child_id=child).count() <= 1
    # Two devices of one family booking two slots for the same child at once: still one slot for the child.
    results = await asyncio.gather(
        service.do_book(cw.gitte, slot_id=slots[5].id, child_id=anna, now=NOW),
        service.do_book(cw.gitte, slot_id=slots[6].id, child_id=anna, now=NOW), return_exceptions=True)
    assert all(r is None or (isinstance(r, DomainError) and r.key == "conferences.child_has_slot") for r in results)
    assert await ConferenceSlot.filter(round_id=round_id, child_id=anna).count() == 1


async def test_moving_keeps_one_slot_and_a_lost_move_keeps_the_old_booking(cw: ConferenceWorld) -> None:
    round_id = await service.do_create_round(cw.teacher, spec(cw), now=NOW)
    slots = await slots_of(round_id)
    anna, carl = cw.w.child.id, cw.w.other_child.id
    await service.do_book(cw.gitte, slot_id=slots[0].id, child_id=anna, now=NOW)
    await service.do_book(cw.gitte, slot_id=slots[2].id, child_id=anna, now=NOW)
    assert [s.id for s in await ConferenceSlot.filter(child_id=anna)] == [slots[2].id]
    await service.do_book(cw.olga, slot_id=slots[3].id, child_id=carl, now=NOW)
    with pytest.raises(DomainError, match="conferences.slot_taken"):
        await service.do_book(cw.gitte, slot_id=slots[3].id, child_id=anna, now=NOW)
    assert [s.id for s in await ConferenceSlot.filter(child_id=anna)] == [slots[2].id]  # rolled back, old kept
    await service.do_cancel(cw.gitte, slot_id=slots[2].id, now=NOW)
    assert not await ConferenceSlot.filter(child_id=anna).exists()


async def test_after_the_deadline_guardians_cannot_book_or_cancel_but_the_organiser_can(
        cw: ConferenceWorld) -> None:
    round_id = await service.do_create_round(cw.teacher, spec(cw), now=NOW)
    slots = await slots_of(round_id)
    await service.do_book(cw.olga, slot_id=slots[0].id, child_id=cw.w.other_child.id, now=NOW)
    late = local_moment(cw.day - timedelta(days=1), parse_time("08:00"))
    for attempt in (service.do_book(cw.gitte, slot_id=slots[1].id, child_id=cw.w.child.id, now=late),
                    service.do_cancel(cw.olga, slot_id=slots[0].id, now=late)):
        with pytest.raises(DomainError, match="conferences.deadline_passed"):
            await attempt
    await service.do_book(cw.teacher, slot_id=slots[1].id, child_id=cw.w.child.id, now=late)  # on the family's behalf
    await service.do_close_round(cw.teacher, round_id=round_id, now=late)
    with pytest.raises(DomainError, match="conferences.closed"):
        await service.do_cancel(cw.teacher, slot_id=slots[1].id, now=late)
    assert await ConferenceSlot.filter(round_id=round_id, child_id__isnull=False).count() == 2


async def test_a_guardian_of_another_group_cannot_book_or_see_the_schedule(cw: ConferenceWorld) -> None:
    round_id = await service.do_create_round(cw.teacher, spec(cw), now=NOW)
    slots = await slots_of(round_id)
    with pytest.raises(AccessDenied):
        await queries.round_view(cw.stranger, round_id, now=NOW)
    with pytest.raises(AccessDenied):  # Carl is not the stranger's child
        await service.do_book(cw.stranger, slot_id=slots[0].id, child_id=cw.w.other_child.id, now=NOW)
    with pytest.raises(AccessDenied):  # Gitte's Bo is not in 2.A
        await service.do_book(cw.gitte, slot_id=slots[0].id, child_id=cw.w.sibling.id, now=NOW)
    with pytest.raises(AccessDenied):  # a leader of another institution neither creates nor reads the schedule
        await service.do_create_round(cw.far_leader, spec(cw), now=NOW)
    with pytest.raises(AccessDenied):
        await queries.round_view(cw.far_leader, round_id, now=NOW)
    assert await queries.pending_for_guardian(cw.stranger, now=NOW) == []
    assert not await ConferenceSlot.filter(child_id__isnull=False).exists()


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    with running_smtp("skole@sammenby.dk") as server:
        yield server


async def test_guardians_get_one_reminder_before_their_slot_and_a_failed_send_is_retried(
        cw: ConferenceWorld, smtp_server: tuple[Inbox, SmtpSettings]) -> None:
    inbox, smtp = smtp_server
    for who, address in ((cw.w.guardian, "gitte@example.dk"), (cw.w.other_guardian, "olga@example.dk"),
                         (cw.w.former_guardian, "finn@example.dk")):
        await Person.filter(id=who.id).update(email=address)
    round_id = await service.do_create_round(cw.teacher, spec(cw), now=NOW)
    slots = await slots_of(round_id)
    await service.do_book(cw.gitte, slot_id=slots[0].id, child_id=cw.w.child.id, now=NOW)
    await service.do_book(cw.olga, slot_id=slots[1].id, child_id=cw.w.other_child.id, now=NOW)
    public = "https://sammen.example.dk"
    first = slots[0].starts_at - timedelta(hours=24)
    assert await reminders.send_due_reminders(smtp, public, now=first - timedelta(minutes=1)) == 0  # not yet
    assert await reminders.send_due_reminders(smtp, public, now=first) == 1  # Anna's; Carl's is 15 minutes later
    down = replace(smtp, port=free_port())
    later = first + timedelta(minutes=20)
    assert await reminders.send_due_reminders(down, public, now=later) == 0
    assert not await ConferenceSlot.filter(id=slots[1].id, reminded_at__isnull=False).exists()  # given back
    assert await reminders.send_due_reminders(smtp, public, now=later + timedelta(minutes=1)) == 1
    assert await reminders.send_due_reminders(smtp, public, now=later + timedelta(minutes=2)) == 0
    assert [m["To"] for m in inbox.messages] == ["gitte@example.dk", "olga@example.dk"]  # never the former guardian
    text = text_of(inbox.messages[0])
    assert "Skole-hjem-samtaler" in inbox.messages[0]["Subject"] and "Anna" in text
    assert f"{public}/kalender/samtaler/{round_id}" in text and "kl. 14.00" in text


async def test_a_round_with_fewer_slots_than_children_is_reported_before_it_is_created(cw: ConferenceWorld) -> None:
    assert await service.check_shortfall(cw.teacher, spec(cw), now=NOW) is None  # 7 slots for the class's children
    children = await service.children_in_group(cw.w.class_2a.id, cw.w.today)
    short = spec(cw, days=[DayInput(cw.day, "14:00", "14:15")], breaks=[])
    found = await service.check_shortfall(cw.teacher, short, now=NOW)
    assert found == service.Shortfall(slots=1, children=len(children)) and found.missing == len(children) - 1 > 0
    assert not await ConferenceRound.exists()  # only reported: the organiser decides to create it anyway or not
    with pytest.raises(AccessDenied):
        await service.check_shortfall(cw.stranger, short, now=NOW)
