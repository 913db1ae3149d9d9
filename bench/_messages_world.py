"""A school with a role group of 2,000 guardians and 100,000 messages in 15,000 threads, built with bulk inserts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random
from typing import TypeVar

from tortoise.models import Model

from domain.identity.facts import load_person_facts
from domain.identity.model import Actor, Role
from domain.messages.compose import snippet
from domain.organisation.model import GroupKind, InstitutionKind, StaffRole
from persistence.messages import Message, Participant, Thread
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Custody, Employment, Enrolment, GroupMembership, Person
from persistence.queries import ints

M = TypeVar("M", bound=Model)
CHILDREN = 1_000  # two guardians each: the role group "alle forældre i Hele skolen" reaches 2,000 people
THREADS = 15_000
MESSAGES = 100_000
HEAVY_THREADS = 5_000
LIGHT_THREADS = 10
SEARCH_WORD = "cykelhjelm"  # in about one message in a hundred
BATCH = 5_000
WORDS = ("madpakke", "tur", "skiftetøj", "forældremøde", "afhentning", "syg", "lektier", "fødselsdag", "regntøj",
         "skoven", "hallen", "frugt", "billeder", "ugeplan", "lus", "legeaftale", "tandlæge", "medicin")


@dataclass(frozen=True)
class MessagesWorld:
    """The ids the benchmark needs."""

    group_id: int
    staff_id: int
    heavy_id: int  # a guardian in HEAVY_THREADS threads
    light_id: int  # a guardian in LIGHT_THREADS threads
    seats: int

    async def actor(self, person_id: int, role: Role, day: date) -> Actor:
        """A person as the signed-in actor (assurance level 3, so sensitive rules never shortcut anything)."""
        facts = await load_person_facts(person_id, day)
        assert facts is not None
        return facts.actor(role, "3")


def _body(rng: Random, n: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
    extra = f" Husk {SEARCH_WORD} på fredag." if n % 100 == 7 else ""
    return f"Hej\n\nBesked nummer {n} om {words}.{extra}\n\nVenlig hilsen"


async def _bulk(rows: list[M], model: type[M]) -> None:
    for first in range(0, len(rows), BATCH):
        await model.bulk_create(rows[first:first + BATCH])


async def _people(day: date) -> tuple[Municipality, Institution, Group, Person, list[int]]:
    """The school, the group, 1,000 children with 2,000 guardians, and one teacher in the group."""
    m = await Municipality.create(code="BENCHM", name="Målby")
    school = await Institution.create(municipality=m, number="990101", name="Målby Skole", kind=InstitutionKind.SKOLE)
    group = await Group.create(municipality=m, institution=school, name="Hele skolen", kind=GroupKind.HOLD)
    born = day - timedelta(days=9 * 365)
    await _bulk([Person(municipality=m, first_name=f"Barn{n:04d}", last_name="Målesen", is_child=True,
                        birth_date=born, cpr=f"97{n:08d}") for n in range(CHILDREN)], Person)
    await _bulk([Person(municipality=m, first_name=f"Forælder{n:04d}", last_name="Målesen", cpr=f"96{n:08d}")
                 for n in range(2 * CHILDREN)], Person)
    kids = ints(await Person.filter(municipality=m, is_child=True).order_by("id").values_list("id", flat=True))
    adults = ints(await Person.filter(municipality=m, is_child=False).order_by("id").values_list("id", flat=True))
    start = day - timedelta(days=200)
    await _bulk([Enrolment(child_id=k, institution=school, group=group, start=start) for k in kids], Enrolment)
    await _bulk([Custody(guardian_id=adults[2 * n + side], child_id=k, valid_from=born)
                 for n, k in enumerate(kids) for side in (0, 1)], Custody)
    teacher = await Person.create(municipality=m, first_name="Anne", last_name="Målesen", cpr="9500000001")
    await Employment.create(person=teacher, institution=school, role=StaffRole.LAERER, start=start)
    await GroupMembership.create(group=group, person=teacher)
    return m, school, group, teacher, adults


def _message_counts(rng: Random) -> list[int]:
    """Messages per thread, 1 to 13, adding up to exactly MESSAGES."""
    counts = [rng.randint(1, 12) for _ in range(THREADS)]
    n = 0
    while sum(counts) != MESSAGES:
        step = 1 if sum(counts) < MESSAGES else -1
        if 1 <= counts[n % THREADS] + step <= 13:
            counts[n % THREADS] += step
        n += 1
    return counts


async def build_world(day: date, now: datetime) -> MessagesWorld:
    """Everything with bulk inserts: ids are read back in order rather than guessed."""
    rng = Random(20261128)
    _, _, group, teacher, adults = await _people(day)
    heavy, light, others = adults[0], adults[1], adults[2:]
    counts = _message_counts(rng)
    plans: list[tuple[list[int], list[datetime]]] = []
    for t in range(THREADS):
        first = now - timedelta(minutes=rng.randint(60, 180 * 24 * 60))
        stamps = [first + timedelta(minutes=17 * k) for k in range(counts[t])]
        owner = heavy if t < HEAVY_THREADS else light if t < HEAVY_THREADS + LIGHT_THREADS else rng.choice(others)
        seats = [owner, teacher.id] if rng.random() < 0.5 else [owner, *rng.sample(others, rng.randint(1, 2))]
        plans.append((list(dict.fromkeys(seats)), stamps))
    names = {teacher.id: "Anne Målesen"}
    await _bulk([Thread(subject=f"Emne {t} om {rng.choice(WORDS)}", created_at=stamps[0], created_by_id=seats[0],
                        last_message_at=stamps[-1], last_sender_name=names.get(seats[0], "Forælder"),
                        last_snippet=snippet(f"Besked {t}", False), message_count=len(stamps))
                 for t, (seats, stamps) in enumerate(plans)], Thread)
    thread_ids = ints(await Thread.all().order_by("id").values_list("id", flat=True))
    messages: list[Message] = []
    seat_rows: list[Participant] = []
    n = 0
    for thread_id, (seats, stamps) in zip(thread_ids, plans, strict=True):
        for k, at in enumerate(stamps):
            sender = seats[k % len(seats)]
            messages.append(Message(thread_id=thread_id, sender_id=sender, sender_name=names.get(sender, "Forælder"),
                                    body=_body(rng, n), created_at=at))
            n += 1
        for pid in seats:
            unread = rng.randint(1, 3) if rng.random() < 0.06 else 0
            seat_rows.append(Participant(thread_id=thread_id, person_id=pid, joined_at=stamps[0],
                                         last_message_at=stamps[-1], unread=unread))
    await _bulk(seat_rows, Participant)
    await _bulk(messages, Message)
    return MessagesWorld(group.id, teacher.id, heavy, light, len(seat_rows))
