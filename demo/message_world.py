"""Where the demo message history happens: business-hour timestamps and who is where today."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from demo.rows import Demo
from domain.clock import COPENHAGEN
from domain.organisation.model import StaffRole
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, GroupMembership, Person

DAY = 24 * 60
OPENS, CLOSES = 7 * 60, 17 * 60  # business hours in Copenhagen, in minutes after midnight
HISTORY_DAYS = 42


class Clock:
    """Local minute stamps (day ordinal * 1440 + minute) in business hours, all before the seed's now."""

    def __init__(self, today: date, now_min: int, rng: Random) -> None:
        self.rng, self.today, self.now = rng, today.toordinal(), today.toordinal() * DAY + now_min
        first = today.toordinal() - HISTORY_DAYS
        self.days = [d for d in range(first, today.toordinal() + 1) if date.fromordinal(d).weekday() < 5]
        self.offsets: dict[int, timedelta] = {}

    def moment(self) -> int | None:
        """A random business-hours minute in the last six weeks (None when the draw lands after now)."""
        stamp = self.rng.choice(self.days) * DAY + self.rng.randrange(OPENS, CLOSES)
        return stamp if stamp < self.now else None

    def back(self, days: int, minute: int) -> int:
        """A minute on the business day that lies the given number of business days before today."""
        past = [d for d in self.days if d < self.today]
        return past[-days] * DAY + minute

    def after(self, stamp: int) -> int:
        """When an answer comes: minutes or hours later, moved to the next morning outside business hours."""
        roll = self.rng.random()
        gap = self.rng.randint(5, 90) if roll < 0.5 else self.rng.randint(90, 360) if roll < 0.85 else DAY
        day, minute = divmod(stamp + gap, DAY)
        if minute >= CLOSES or date.fromordinal(day).weekday() >= 5 or minute < OPENS:
            day = day + 1 if minute >= OPENS else day
            while date.fromordinal(day).weekday() >= 5:
                day += 1
            minute = OPENS + self.rng.randint(0, 120)
        return day * DAY + minute

    def utc(self, stamp: int) -> datetime:
        """The stamp as an aware UTC datetime (business hours never cross a daylight-saving change)."""
        day, minute = divmod(stamp, DAY)
        if day not in self.offsets:
            noon = datetime.combine(date.fromordinal(day), time(12), COPENHAGEN)
            self.offsets[day] = noon.utcoffset() or timedelta(0)
        local = datetime.combine(date.fromordinal(day), time(minute // 60, minute % 60))
        return (local - self.offsets[day]).replace(tzinfo=UTC)


class World:
    """Who is where today, read once from the book."""

    def __init__(self, demo: Demo) -> None:
        book, today = demo.book, demo.today
        self.people = {p.id: p for p in book.all(Person)}
        self.institutions = {i.id: i for i in book.all(Institution)}
        self.guardians: dict[int, list[int]] = defaultdict(list)
        for c in book.all(Custody):
            if c.valid_from <= today and (c.valid_to is None or c.valid_to >= today):
                self.guardians[c.child_id].append(c.guardian_id)
        self.group_children: dict[int, list[int]] = defaultdict(list)
        self.places: dict[int, list[tuple[int, int]]] = defaultdict(list)  # child -> (institution, group)
        self.inst_children: dict[int, list[int]] = defaultdict(list)
        for e in book.all(Enrolment):
            if e.group_id is not None and e.start <= today and (e.end is None or e.end >= today):
                self.group_children[e.group_id].append(e.child_id)
                self.places[e.child_id].append((e.institution_id, e.group_id))
                self.inst_children[e.institution_id].append(e.child_id)
        self.group_staff: dict[int, list[int]] = defaultdict(list)
        for m in book.all(GroupMembership):
            if self.people[m.person_id].is_child:
                self.group_children[m.group_id].append(m.person_id)
            else:
                self.group_staff[m.group_id].append(m.person_id)
        self.staff: dict[int, list[int]] = defaultdict(list)
        self.leader: dict[int, int] = {}
        for job in book.all(Employment):
            if job.end is None or job.end >= today:
                self.staff[job.institution_id].append(job.person_id)
                if job.role == StaffRole.LEDER:
                    self.leader.setdefault(job.institution_id, job.person_id)
        self.groups = [g for g in book.all(Group) if g.institution_id is not None and self.group_children[g.id]]
