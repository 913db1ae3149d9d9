"""The rows of the demo municipality, built in memory with explicit ids before one bulk insert."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any, TypeVar

from faker import Faker
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.names import ascii_slug
from persistence.calendar import CalendarEvent, Invitation
from persistence.conferences import ConferenceRound, ConferenceSlot
from persistence.crossgroups import CrossGroup
from persistence.forms import Form, FormAnswer
from persistence.identity import UserAccount
from persistence.messages import AutoReply, Folder, Message, Participant, SharedInbox, Thread
from persistence.organisation import Group, Institution, Municipality
from persistence.people import (
    Custody,
    Employment,
    Enrolment,
    GroupMembership,
    MunicipalAssignment,
    Person,
    PickupPerson,
    ProfessionalAccess,
)
from persistence.posts import ContentReport, Post, PostComment, PostGroup
from persistence.vacation import VacationAnswer, VacationRequest

M = TypeVar("M", bound=Model)
TOWNS = ["9999 Sammenby", "9998 Skovly", "9997 Engby"]

# Insert order: every table after the tables its foreign keys point to.
TABLES: list[type[Model]] = [
    Municipality,
    Institution,
    Group,
    Person,
    Custody,
    Enrolment,
    GroupMembership,
    Employment,
    MunicipalAssignment,
    ProfessionalAccess,
    PickupPerson,
    UserAccount,
    Thread,
    SharedInbox,
    Folder,
    Participant,
    Message,
    AutoReply,
    Post,
    PostGroup,
    PostComment,
    ContentReport,
    VacationRequest,
    VacationAnswer,
    ConferenceRound,
    ConferenceSlot,
    Form,
    FormAnswer,
    CalendarEvent,
    Invitation,
    CrossGroup,
]

Progress = Callable[[float, str], None]


class RowBook:
    """Rows per table, each given the next integer id of its table, counting from 1."""

    def __init__(self) -> None:
        self.rows: dict[type[Model], list[Any]] = {table: [] for table in TABLES}

    def add(self, model: type[M], **values: Any) -> M:
        """Create one row with the next id of its table and keep it for insertion."""
        rows = self.rows[model]
        row = model(id=len(rows) + 1, **values)
        rows.append(row)
        return row

    def all(self, model: type[M]) -> list[M]:
        """Every row of one table, in id order."""
        return self.rows[model]

    def total(self) -> int:
        """How many rows there are in all tables together."""
        return sum(len(rows) for rows in self.rows.values())


@dataclass
class ChildInfo:
    """What the generator remembers of a child for later choices (cross groups, PPR, accounts)."""

    person: Person
    family: int
    school: str | None = None
    grade: int | None = None


@dataclass
class Demo:
    """The generator's state: deterministic randomness, the injected day and the rows so far."""

    today: date
    rng: Random
    fake: Faker
    municipality_id: int = 1
    book: RowBook = field(default_factory=RowBook)
    children: list[ChildInfo] = field(default_factory=list)
    usernames: set[str] = field(default_factory=set)
    cprs: set[str] = field(default_factory=set)
    families: int = 0

    def cpr(self, birth: date, male: bool) -> str:
        """A unique fictitious CPR-like number 'DDMMYY' + 9xxx, odd last digit for a boy."""
        while True:
            serial = self.rng.randrange(4500, 5000) * 2 + (1 if male else 0)
            number = f"{birth:%d%m%y}{serial:04d}"
            if number not in self.cprs:
                self.cprs.add(number)
                return number

    def address(self) -> str:
        """A Danish-looking street address."""
        return f"{self.fake.street_address()}, {self.rng.choice(TOWNS)}"

    def phone(self) -> str:
        """A Danish mobile number."""
        digits = f"{self.rng.randrange(20_000_000, 99_999_999):08d}"
        return f"+45 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"

    def first_name(self, male: bool) -> str:
        """A Danish first name."""
        return self.fake.first_name_male() if male else self.fake.first_name_female()

    def person(self, first: str, last: str, birth: date, *, male: bool, child: bool, **extra: Any) -> Person:
        """A new person with a CPR-like number."""
        return self.book.add(
            Person,
            municipality_id=self.municipality_id,
            first_name=first,
            last_name=last,
            birth_date=birth,
            cpr=self.cpr(birth, male),
            is_child=child,
            **extra,
        )

    def adult(self, first: str, last: str, birth: date, *, male: bool, address: str) -> Person:
        """A guardian: an adult with the e-mail 'fornavn.efternavn.N@example.dk' and a phone."""
        person = self.person(first, last, birth, male=male, child=False, address=address, phone=self.phone())
        person.email = f"{ascii_slug(first)}.{ascii_slug(last)}.{person.id}@example.dk"
        return person

    def username(self, person: Person) -> str:
        """A unique UNI-Login style user name: four letters and four digits."""
        letters = (ascii_slug(person.first_name)[:2] + ascii_slug(person.last_name)[:2] + "xxxx")[:4]
        while True:
            name = f"{letters}{self.rng.randrange(1000, 10000)}"
            if name not in self.usernames:
                self.usernames.add(name)
                return name

    def days_ago(self, low: int, high: int) -> date:
        """A day between low and high days before today."""
        return self.today - timedelta(days=self.rng.randint(low, high))


async def reset_sequences(conn: BaseDBAsyncClient, tables: list[type[Model]]) -> None:
    """On PostgreSQL, move each table's id sequence past the explicit ids so later inserts do not collide."""
    if conn.capabilities.dialect != "postgres":
        return
    for table in tables:
        name = table._meta.db_table
        await conn.execute_script(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "  # noqa: S608 - fixed table names
            f'(SELECT COALESCE(MAX(id), 1) FROM "{name}"))'
        )


async def insert_tables(book: RowBook, conn: BaseDBAsyncClient, tables: list[type[Model]]) -> None:
    """Insert the book's rows of some tables outside TABLES, in batches, and move their sequences."""
    for table in tables:
        rows = book.rows.get(table, [])
        for first in range(0, len(rows), 2000):
            await table.bulk_create(rows[first:first + 2000], using_db=conn)
    await reset_sequences(conn, tables)
