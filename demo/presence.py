"""Demo KommeGå: settings, a paired wall screen, standard weeks, today's plans and a week of check-ins."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.consents import CONSENT_TABLES
from demo.rows import Demo, RowBook, insert_tables
from domain.clock import COPENHAGEN
from domain.gdpr.consents import MANAGED_TYPES
from domain.organisation.model import DAYCARE_KINDS, InstitutionKind
from domain.presence.model import PRESENCE_KINDS, Action, ConsentKind, DeviceKind, Status, next_status
from domain.presence.pickups import ALONE_LABEL, choices_from
from persistence.gdpr import ChildConsent, ConsentType
from persistence.organisation import Group, Institution
from persistence.people import Custody, Employment, Enrolment, GroupMembership, Person, PickupPerson
from persistence.presence import PlanEntry, PresenceChange, PresenceDay, PresenceSettings, WallScreen

PRESENCE_TABLES: list[type[Model]] = [PresenceSettings, WallScreen, PlanEntry, PresenceDay, PresenceChange]
DEMO_WALL_SCREEN_SECRET = "demo-skovly-bfo-vaegskaerm"  # noqa: S105 - fictitious demo data, published in the README
DEMO_WALL_SCREEN_TOKEN = f"1.{DEMO_WALL_SCREEN_SECRET}"
DEMO_WALL_SCREEN_INSTITUTION = "999301"
HISTORY_DAYS = 7
ALL_WEEK = [0, 1, 2, 3, 4, 5, 6]  # the demo is open every day, so its board is full whichever day it is tried
NOTES = ["Skal til tandlæge", "Har sovet dårligt i nat", "Skal til fødselsdag bagefter",
         "Husk at give medicin efter frokost", "Glemte madpakken, vi kommer med den"]
HOURS = {"daycare": (390, 1020), "bfo": (390, 1020), "klub": (780, 1110)}
LOCATIONS = {"daycare": ["Legepladsen", "Salen", "Skoven"], "bfo": ["Legepladsen", "Hallen", "Værkstedet"],
             "klub": ["Hallen", "Musikrummet", "Boldbanen"]}


@dataclass
class Plan:
    """One child's standard day in the demo (minutes after midnight)."""

    arrival: int
    pickup: int | None
    key: str
    label: str
    alone: int | None


def _family(kind: InstitutionKind) -> str:
    return "daycare" if kind in DAYCARE_KINDS else kind.value


def _utc(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60), COPENHAGEN).astimezone(UTC)


def _step(rng: Random, low: int, high: int) -> int:
    return low + 5 * rng.randint(0, (high - low) // 5)


def build_presence_demo(demo: Demo, mette: Person, now_min: int) -> None:
    """Add KommeGå rows for every child in daycare, BFO and klub (own randomness: the rest stays as it was).

    Each child's standard week comes from a random stream of its own and each day's history from one of that child
    and date, so a child's plan and consents do not change with the day the demo is seeded (they did: the stream
    was seeded by today's date, and Oscar's consent to go home alone came and went from one day to the next).
    """
    book = demo.book
    for table in [*PRESENCE_TABLES, *CONSENT_TABLES]:  # its consents join the others and are inserted with them
        book.rows.setdefault(table, [])
    institutions = {i.id: i for i in book.all(Institution) if InstitutionKind(i.kind) in PRESENCE_KINDS}
    for inst in institutions.values():
        opens, closes = HOURS[_family(InstitutionKind(inst.kind))]
        book.add(PresenceSettings, institution_id=inst.id, opens_min=opens, closes_min=closes,
                 locations=LOCATIONS[_family(InstitutionKind(inst.kind))], open_weekdays=ALL_WEEK,
                 closing_days=[{"day": (demo.today + timedelta(days=n)).isoformat(), "reason": reason}
                               for n, reason in ((12, "Planlægningsdag"), (26, "Lukkedag"))],
                 kiosk_pin=False)
        if inst.number == DEMO_WALL_SCREEN_INSTITUTION:
            book.add(WallScreen, institution_id=inst.id, name="Vægskærm i garderoben",
                     secret_hash=hashlib.sha256(DEMO_WALL_SCREEN_SECRET.encode()).hexdigest(),
                     created_at=_utc(demo.today - timedelta(days=30), 600),
                     paired_at=_utc(demo.today - timedelta(days=30), 605))
    _Week(demo, institutions, now_min, _kristensens(demo, mette)).build()


def _kristensens(demo: Demo, mette: Person) -> set[int]:
    """Farmor may pick up Mette's children (the README and the end-to-end tests use her); their ids are returned."""
    children = set()
    for row in demo.book.all(Custody):
        if row.guardian_id == mette.id:
            children.add(row.child_id)
            demo.book.add(PickupPerson, child_id=row.child_id, name="Inge Kristensen", relation="Farmor",
                          phone="+45 20 30 40 50", added_by_id=mette.id)
    return children


class _Week:
    """The last seven days and today, child by child."""

    def __init__(self, demo: Demo, institutions: dict[int, Institution], now_min: int, kristensens: set[int]) -> None:
        self.demo, self.institutions, self.now_min = demo, institutions, now_min
        self.kristensens = kristensens
        self.alone_type_id: int | None = None
        book, today = demo.book, demo.today
        self.people = {p.id: p for p in book.all(Person)}
        self.guardians: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for c in book.all(Custody):
            if c.valid_to is None or c.valid_to >= today:
                self.guardians[c.child_id].append((c.guardian_id, self.people[c.guardian_id].first_name))
        self.others: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for p in book.all(PickupPerson):
            self.others[p.child_id].append((p.id, p.name, p.relation))
        self.staff: dict[int, list[str]] = defaultdict(list)
        for e in book.all(Employment):
            if e.institution_id in institutions:
                self.staff[e.institution_id].append(self.people[e.person_id].first_name)
        self.members: dict[int, list[int]] = defaultdict(list)
        for m in book.all(GroupMembership):
            if not self.people[m.person_id].is_child:
                self.members[m.group_id].append(m.person_id)
        self.screen = {s.institution_id: s for s in book.all(WallScreen)}

    def build(self) -> None:
        """Plans, consents, history and today's state for each enrolled child, then the staff on duty."""
        today = self.demo.today
        for e in self.demo.book.all(Enrolment):
            if e.institution_id in self.institutions and e.start <= today and (e.end is None or e.end >= today):
                self._child(e.child_id, self.institutions[e.institution_id])
        if self.now_min < 420:
            return
        on_duty: set[tuple[int, int]] = set()
        for group in self.demo.book.all(Group):
            if group.institution_id not in self.institutions:
                continue
            for person_id in self.members[group.id][:2]:
                if (person_id, group.institution_id) not in on_duty:
                    on_duty.add((person_id, group.institution_id))
                    self._on_duty(person_id, group)

    def _alone_type(self, created_at: datetime) -> int:
        """The municipality's managed "må gå hjem selv" consent type, added with the first consent."""
        if self.alone_type_id is None:
            name, description = MANAGED_TYPES[ConsentKind.GO_HOME_ALONE.value]
            self.alone_type_id = self.demo.book.add(
                ConsentType, municipality_id=self.demo.municipality_id, key=ConsentKind.GO_HOME_ALONE.value,
                name=name, description=description, active=True, created_at=created_at).id
        return self.alone_type_id

    def _plan(self, child_id: int, kind: str) -> Plan:
        rng = Random(f"presence-plan:{child_id}")
        choices = choices_from(self.guardians[child_id], self.others[child_id])
        guardians = [c for c in choices if c.key.startswith("g:")] or choices
        chosen = guardians[0] if rng.random() < 0.75 or len(choices) == len(guardians) else choices[-1]
        if kind == "klub":
            return Plan(_step(rng, 810, 900), None, "", "", _step(rng, 990, 1080))
        arrival = _step(rng, 405, 525) if kind == "daycare" else _step(rng, 705, 795)
        pickup = _step(rng, 870, 1005)
        if kind == "bfo" and rng.random() < 0.25:
            return Plan(arrival, None, "", "", _step(rng, 870, 960))
        return Plan(arrival, pickup, chosen.key, chosen.label, None)

    def _child(self, child_id: int, inst: Institution) -> None:
        book, today, kind = self.demo.book, self.demo.today, _family(InstitutionKind(inst.kind))
        plan = self._plan(child_id, kind)
        stamp = _utc(today - timedelta(days=HISTORY_DAYS + 7), 1200)
        guardian = self.guardians[child_id][0][0] if self.guardians[child_id] else None
        if guardian is None:
            plan.alone = None
        # Mette has let Oscar walk home from the BFO on days she says so, though his standard week has him picked up.
        if guardian is not None and (plan.alone is not None or (kind == "bfo" and child_id in self.kristensens)):
            book.add(ChildConsent, child_id=child_id, consent_type_id=self._alone_type(stamp), given=True,
                     decided_by_id=guardian, decided_at=stamp)
        for weekday in ALL_WEEK:
            pickup = plan.pickup - 60 if plan.pickup is not None and weekday == 4 else plan.pickup
            book.add(PlanEntry, child_id=child_id, weekday=weekday, arrival_min=plan.arrival, pickup_min=pickup,
                     pickup_key=plan.key, pickup_label=plan.label, alone_min=plan.alone, updated_at=stamp,
                     updated_by=self.guardians[child_id][0][1] if self.guardians[child_id] else "")
        own_day = Random(f"presence-own-day:{child_id}:{today.isoformat()}")
        if plan.pickup is not None and own_day.random() < 0.1:
            plan.pickup = max(plan.arrival + 60, plan.pickup - 60)
            book.add(PlanEntry, child_id=child_id, day=today, arrival_min=plan.arrival, pickup_min=plan.pickup,
                     pickup_key=plan.key, pickup_label=plan.label, note=own_day.choice(NOTES),
                     updated_at=_utc(today, 400), updated_by=self.guardians[child_id][0][1])
        for back in range(HISTORY_DAYS, -1, -1):
            self._day(child_id, inst, kind, plan, today - timedelta(days=back), until=self.now_min if back == 0
                      else 24 * 60)

    def _day(self, child_id: int, inst: Institution, kind: str, plan: Plan, day: date, until: int) -> None:
        rng, staff = Random(f"presence-day:{child_id}:{day.isoformat()}"), self.staff[inst.id] or ["Personalet"]
        steps: list[tuple[int, Action, str, str, DeviceKind, str]] = []
        roll = rng.random()
        if roll < 0.08:
            guardian = self.guardians[child_id][0][1] if self.guardians[child_id] else "Forælder"
            action = Action.REPORT_SICK if roll < 0.05 else Action.REPORT_VACATION
            steps.append((_step(rng, 360, 420), action, guardian, "", DeviceKind.PHONE, ""))
        elif not (day == self.demo.today and rng.random() < 0.04):  # a few no-shows today, for the alerts
            kiosk = kind != "daycare" and inst.id in self.screen and rng.random() < 0.4
            by, device = (self.screen[inst.id].name, DeviceKind.KIOSK) if kiosk else (rng.choice(staff),
                                                                                      DeviceKind.TABLET)
            arrived = plan.arrival + rng.randint(-10, 15)
            steps.append((arrived, Action.CHECK_IN, by, "", device, ""))
            planned = plan.alone if plan.alone is not None else plan.pickup if plan.pickup is not None else 1020
            if kind != "daycare" and rng.random() < 0.3 and arrived + 105 < planned - 30:
                place = rng.choice(LOCATIONS[kind])
                steps += [(arrived + 45, Action.GO_TO_LOCATION, rng.choice(staff), place, DeviceKind.TABLET, ""),
                          (arrived + 105, Action.RETURN, rng.choice(staff), "", DeviceKind.TABLET, "")]
            if InstitutionKind(inst.kind) is InstitutionKind.VUGGESTUE:
                steps += [(690, Action.SLEEP, rng.choice(staff), "", DeviceKind.TABLET, ""),
                          (780, Action.WAKE, rng.choice(staff), "", DeviceKind.TABLET, "")]
            overdue = day == self.demo.today and rng.random() < 0.05
            if not overdue:
                label = ALONE_LABEL if plan.alone is not None else plan.label
                steps.append((planned + rng.randint(-20, 10), Action.CHECK_OUT, rng.choice(staff), "",
                              DeviceKind.TABLET, label))
        self._apply(child_id, inst.id, day, sorted(s for s in steps if s[0] <= until))

    def _apply(self, child_id: int, institution_id: int, day: date,
               steps: list[tuple[int, Action, str, str, DeviceKind, str]]) -> None:
        if not steps:
            return
        book, status = self.demo.book, Status.NOT_ARRIVED
        kind = InstitutionKind(self.institutions[institution_id].kind)
        arrived_at = left_at = None
        location = label = ""
        for minutes, action, by, place, device, pickup in steps:
            target = next_status(status, action, kind)  # the domain's own state machine, not a copy of it
            book.add(PresenceChange, person_id=child_id, institution_id=institution_id, day=day,
                     at=_utc(day, minutes), action=action, from_status=status, to_status=target, location=place,
                     pickup_label=pickup, actor_name=by, device=device,
                     wall_screen_id=self.screen[institution_id].id if device is DeviceKind.KIOSK else None)
            status, location = target, place
            if action is Action.CHECK_IN:
                arrived_at = _utc(day, minutes)
            if action is Action.CHECK_OUT:
                left_at, label = _utc(day, minutes), pickup
        last = steps[-1]
        book.add(PresenceDay, person_id=child_id, institution_id=institution_id, day=day, status=status,
                 location=location, pickup_label=label, version=len(steps), arrived_at=arrived_at, left_at=left_at,
                 changed_at=_utc(day, last[0]), changed_by=last[2])

    def _on_duty(self, person_id: int, group: Group) -> None:
        self.demo.book.add(PresenceDay, person_id=person_id, institution_id=group.institution_id,
                           day=self.demo.today, is_staff=True, group_id=group.id, status=Status.PRESENT,
                           changed_at=_utc(self.demo.today, 420), changed_by=self.people[person_id].first_name,
                           version=1)



async def insert_presence_demo(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the KommeGå rows inside the seed's transaction and move PostgreSQL sequences past them."""
    await insert_tables(book, conn, PRESENCE_TABLES)
