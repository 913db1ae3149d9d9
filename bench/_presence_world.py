"""A BFO with 300 children in 12 groups, plans for all, some present, and one member of staff who can log in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.clock import COPENHAGEN
from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from domain.presence.model import Status
from persistence.identity import UserAccount
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Employment, Enrolment, Person
from persistence.presence import PlanEntry, PresenceDay, PresenceSettings

CHILDREN = 300
GROUPS = 12
PRESENT_EVERY = 3  # every third child is already checked in when the board is built
STAFF_SUBJECT = "demo-paedagog-bfo"  # the embedded dev IdP offers only the demo subjects


def minute_of(now: datetime) -> int:
    """Minutes after midnight in Copenhagen."""
    local = now.astimezone(COPENHAGEN)
    return local.hour * 60 + local.minute


def _clamp(minute: int) -> int:
    return min(max(minute, 0), 24 * 60 - 1)


def _plan(n: int, child_id: int, day: date, now: datetime) -> PlanEntry:
    """Plans relative to the clock, so the board shows a realistic handful of alerts at any time of day."""
    now_min = minute_of(now)
    no_show = n % 20 == 1  # about 15 children an hour late
    overdue = n % 30 == 0  # about 10 present children not fetched in time
    arrival = _clamp(now_min - 60 if no_show else now_min + 30 + n % 60)
    pickup = _clamp(now_min - 60 if overdue else now_min + 120 + (n % 8) * 15)
    return PlanEntry(child_id=child_id, weekday=day.weekday(), arrival_min=arrival, pickup_min=pickup,
                     pickup_label="Mor" if n % 2 else "Far", alone_min=_clamp(now_min + 90) if n % 10 == 5 else None,
                     note="Husk madpakke" if n % 7 == 0 else "", updated_at=now, updated_by="Bench")


def cycling(world_children: dict[int, str]) -> list[int]:
    """Children not present at the start and without alerts either way: checking them in and out moves no alert."""
    return [cid for n, cid in enumerate(world_children) if n % PRESENT_EVERY and n % 20 != 1]


@dataclass(frozen=True)
class BenchWorld:
    """The ids the benchmark needs."""

    institution_id: int
    staff_id: int
    children: dict[int, str]  # child id -> unique first name, so a websocket update can be recognised

    async def staff(self, day: date) -> Actor:
        """The member of staff as an actor on a day."""
        facts = await load_person_facts(self.staff_id, day)
        assert facts is not None
        return facts.actor(Role.STAFF, "3")


async def build_world(day: date, now: datetime) -> BenchWorld:
    """Create the institution with bulk inserts (a few hundred milliseconds)."""
    m = await Municipality.create(code="BENCH", name="Målby")
    bfo = await Institution.create(municipality=m, number="990001", name="Målby BFO", kind=InstitutionKind.BFO)
    # Open every weekday so the board is never "closed today", whatever day the benchmark runs.
    await PresenceSettings.create(institution=bfo, open_weekdays=list(range(7)), locations=["Legepladsen", "Hallen"])
    await Group.bulk_create([Group(municipality=m, institution=bfo, name=f"Hold {g + 1:02d}", kind=GroupKind.HOLD)
                             for g in range(GROUPS)])
    groups = [g.id for g in await Group.filter(institution=bfo).order_by("id")]
    born = day - timedelta(days=8 * 365)
    await Person.bulk_create([Person(municipality=m, first_name=f"Barn{n:03d}", last_name=f"Efternavn{n % 40}",
                                     is_child=True, birth_date=born, cpr=f"99{n:08d}") for n in range(CHILDREN)])
    kids = await Person.filter(municipality=m, is_child=True).order_by("id").values_list("id", "first_name")
    start = day - timedelta(days=200)
    await Enrolment.bulk_create([Enrolment(child_id=cid, institution=bfo, group_id=groups[n % GROUPS], start=start)
                                 for n, (cid, _) in enumerate(kids)])
    await PlanEntry.bulk_create([_plan(n, cid, day, now) for n, (cid, _) in enumerate(kids)])
    await PresenceDay.bulk_create([
        PresenceDay(person_id=cid, institution=bfo, day=day, status=Status.PRESENT, changed_at=now, changed_by="Bench",
                    arrived_at=now, version=1)
        for n, (cid, _) in enumerate(kids) if n % PRESENT_EVERY == 0])
    staff = await Person.create(municipality=m, first_name="Sofie", last_name="Målesen", cpr="9800000001")
    await Employment.create(person=staff, institution=bfo, role=StaffRole.PAEDAGOG, start=start)
    await UserAccount.create(person=staff, oidc_subject=STAFF_SUBJECT)
    return BenchWorld(bfo.id, staff.id, dict(kids))
