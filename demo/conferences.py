"""Demo samtaler: one open round for 2.A at Skovlyskolen next week, partly booked, the named parent's child not yet."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from random import Random

from tortoise.models import Model

from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.conferences.slots import BreakInput, DayInput, generate
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.organisation import Group
from persistence.people import Custody, Enrolment, GroupMembership, Person

CONFERENCE_TABLES: list[type[Model]] = [ConferenceRound, ConferenceSlot]
GROUP_NAME = "2.A"
BOOKED_SHARE = 0.6


def build_conference_demo(demo: Demo, teacher: Person, guardian: Person) -> None:
    """Add the round and its slots to the book; some families have booked, the guardian's children have not."""
    for table in CONFERENCE_TABLES:
        demo.book.rows.setdefault(table, [])
    book, today = demo.book, demo.today
    mine = {m.group_id for m in book.all(GroupMembership) if m.person_id == teacher.id}
    group = next(g for g in book.all(Group) if g.id in mine and g.name == GROUP_NAME)
    children = sorted({e.child_id for e in book.all(Enrolment) if e.group_id == group.id and e.start <= today
                       and (e.end is None or e.end >= today)})
    guardians: dict[int, list[int]] = defaultdict(list)
    for c in book.all(Custody):
        if c.valid_to is None or c.valid_to >= today:
            guardians[c.child_id].append(c.guardian_id)
    monday = today + timedelta(days=7 - today.weekday())
    days = [DayInput(monday + timedelta(days=1), "14:00", "17:00"), DayInput(monday + timedelta(days=2), "14:00",
                                                                               "17:00")]
    breaks = [BreakInput("15:30", "15:45")]
    created = datetime.combine(today - timedelta(days=3), time(9, 0), COPENHAGEN).astimezone(UTC)
    rnd = book.add(ConferenceRound, group_id=group.id, organiser_id=teacher.id,
                   organiser_name=f"{teacher.first_name} {teacher.last_name}", title="Skole-hjem-samtaler",
                   place="Klasselokalet, 2.A", slot_minutes=15, child_takes_part=True,
                   days=[{"day": d.day.isoformat(), "start": d.start, "end": d.end} for d in days],
                   breaks=[{"start": b.start, "end": b.end} for b in breaks],
                   booking_deadline=datetime.combine(monday, time(12, 0), COPENHAGEN).astimezone(UTC),
                   reminder_hours=24, created_at=created, closed_at=None)
    slots = [book.add(ConferenceSlot, round_id=rnd.id, starts_at=s, ends_at=e, child_id=None, booked_by_id=None,
                      booked_at=None, reminded_at=None) for s, e in generate(days, breaks, 15)]
    rng = Random("demo-conferences")  # own randomness: the rest of the demo stays as it was
    families = [c for c in children if guardian.id not in guardians[c] and guardians[c]]
    booked = rng.sample(families, min(len(slots), round(len(families) * BOOKED_SHARE)))
    for child_id, slot in zip(booked, rng.sample(slots, len(booked)), strict=True):
        slot.child_id, slot.booked_by_id = child_id, rng.choice(guardians[child_id])
        slot.booked_at = created + timedelta(hours=rng.randint(2, 60))
