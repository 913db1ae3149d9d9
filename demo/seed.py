"""The deterministic demo municipality: built in memory, inserted in one transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random
from time import perf_counter

from faker import Faker
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo import names
from demo.access import build_accounts, build_cross_members, build_municipal
from demo.broadcasts import build_broadcast_demo, insert_broadcast_demo
from demo.calendar import build_calendar_demo
from demo.conferences import build_conference_demo
from demo.consents import build_consents_demo, insert_consents_demo
from demo.families import build_families
from demo.forms import build_forms_demo
from demo.gallery import build_gallery_demo, insert_gallery_demo
from demo.institutions import build_organisation
from demo.messages import build_message_demo
from demo.named import build_named
from demo.notifications import insert_notifications_demo
from demo.posts import build_posts_demo
from demo.presence import build_presence_demo, insert_presence_demo
from demo.rollout import build_rollout, insert_rollout
from demo.rows import TABLES, Demo, Progress, RowBook, reset_sequences
from demo.staff import build_staff
from demo.stamkort import build_stamkort_demo, insert_stamkort_demo
from demo.surveys import build_surveys
from demo.vacation import build_vacation_demo
from demo.waves import build_waves, insert_waves
from demo.widgets import build_widget_demo, insert_widget_demo
from persistence.audit import AuditEntry
from persistence.db import transaction
from persistence.identity import LoginRecord, UserAccount
from persistence.organisation import Group, Institution, Municipality
from persistence.people import Custody, Employment, Person

CHILDREN_AT_FULL_SCALE = 2400
BATCH = 1000
BUILD_SHARE = 0.45
DEMO_TIME_OF_DAY = 600  # 10:00: the morning's check-ins have happened; the command line passes the real time


@dataclass(frozen=True)
class SeedSummary:
    """What the demo seed created and how long it took."""

    institutions: int
    groups: int
    children: int
    guardians: int
    staff: int
    accounts: int
    seconds: float


class DatabaseNotEmpty(Exception):
    """The database already holds a municipality, so the demo is not loaded on top of it."""

    def __init__(self) -> None:
        super().__init__("Databasen indeholder allerede en kommune. Demokommunen kan kun indlæses i en tom database.")


def _no_progress(_fraction: float, _message: str) -> None:
    """Progress is ignored unless the caller asks for it."""


async def seed_demo(
    *,
    today: date,
    scale: float = 1.0,
    seed: int = 20260801,
    now_min: int = DEMO_TIME_OF_DAY,
    progress: Callable[[float, str], None] = _no_progress,
) -> SeedSummary:
    """Create Sammenby Kommune with its institutions, children, families, staff and demo users."""
    started = perf_counter()
    if await Municipality.exists():
        raise DatabaseNotEmpty()
    progress(0.0, "Bygger demokommunen")
    book = build_rows(today=today, scale=scale, seed=seed, now_min=now_min,
                      progress=lambda f, m: progress(f * BUILD_SHARE, m))
    async with transaction() as conn:
        await _insert(book, conn, progress)
        await reset_sequences(conn, TABLES)
        progress(0.99, "Gemmer udrulningsplaner og beregner tilslutning for de sidste 30 dage")
        await insert_rollout(book, conn, today)
        await insert_waves(book, conn)
        await insert_widget_demo(book, conn)
        await insert_presence_demo(book, conn)
        await insert_broadcast_demo(book, conn)
        await insert_consents_demo(book, conn)
        await insert_gallery_demo(book, conn)
        await insert_stamkort_demo(book, conn)
        await insert_notifications_demo(conn, today)
    summary = _summary(book, perf_counter() - started)
    progress(1.0, f"Demokommunen er klar: {summary.children} børn og {summary.staff} ansatte")
    return summary


def build_rows(*, today: date, scale: float, seed: int, now_min: int = 600,
               progress: Progress = _no_progress) -> RowBook:
    """Every row of the demo municipality in memory (Tortoise must be initialised), same seed and day, same rows."""
    fake = Faker("da_DK")
    fake.seed_instance(seed)
    demo = Demo(today=today, rng=Random(seed), fake=fake)
    org = build_organisation(demo)
    progress(0.02, "Opretter institutioner og grupper")
    named = build_named(demo, org)
    target = max(0, round(CHILDREN_AT_FULL_SCALE * scale) - len(demo.children))
    build_families(demo, org, target, lambda f, m: progress(0.05 + 0.75 * f, m))
    build_staff(demo, org, lambda f, m: progress(0.8 + 0.1 * f, m))
    build_municipal(demo, named)
    build_cross_members(demo, org, named)
    build_accounts(demo, named)
    build_rollout(demo, named)
    build_waves(demo)
    build_surveys(demo, named)
    build_widget_demo(demo)
    build_presence_demo(demo, named.people["demo-foraelder"], now_min)
    build_vacation_demo(demo, named)  # after KommeGå: its answers add KommeGå rows
    build_message_demo(demo, named, now_min)
    build_posts_demo(demo)
    build_conference_demo(demo, named.people["demo-laerer"], named.people["demo-foraelder"])
    build_forms_demo(demo, named)
    build_calendar_demo(demo, named)  # after KommeGå: it adds closing days to the presence settings
    build_broadcast_demo(demo, named.people["demo-admin"])
    build_consents_demo(demo, named)
    build_gallery_demo(demo, named)  # after the consents: only children with photo consent are tagged
    build_stamkort_demo(demo, named)
    progress(1.0, "Opretter brugerkonti, udrulningsplaner og loginhistorik")
    return demo.book


async def _insert(book: RowBook, conn: BaseDBAsyncClient, progress: Progress) -> None:
    """Bulk insert every table in foreign-key order, in batches."""
    total = max(book.total(), 1)
    done = 0
    for table in TABLES:
        rows = book.all(table)
        for first in range(0, len(rows), BATCH):
            batch = rows[first : first + BATCH]
            await table.bulk_create(batch, using_db=conn)
            done += len(batch)
            share = BUILD_SHARE + (1 - BUILD_SHARE) * done / total
            progress(min(share, 0.99), f"Gemmer {table._meta.db_table} ({done} af {total} rækker)")


def _summary(book: RowBook, seconds: float) -> SeedSummary:
    """Counts of what was created."""
    people = book.all(Person)
    return SeedSummary(
        institutions=len(book.all(Institution)),
        groups=len(book.all(Group)),
        children=sum(1 for person in people if person.is_child),
        guardians=len({row.guardian_id for row in book.all(Custody)}),
        staff=len({row.person_id for row in book.all(Employment)}),
        accounts=len(book.all(UserAccount)),
        seconds=round(seconds, 2),
    )


async def demo_facts() -> dict[str, int]:
    """Row counts per table, for tests and the command line summary."""
    tables: list[type[Model]] = [*TABLES, LoginRecord, AuditEntry]
    return {table._meta.db_table: await table.all().count() for table in tables}


async def demo_municipality_present() -> bool:
    """Whether the database holds the demo municipality."""
    return await Municipality.filter(code=names.MUNICIPALITY_CODE).exists()
