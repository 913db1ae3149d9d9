"""Shared by the demo seed tests: the fixed day, a fresh seeded-database fixture, lookups of named users."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from persistence.db import apply_migrations, open_database
from persistence.identity import UserAccount
from persistence.people import Custody, Enrolment, Person

TODAY = date(2026, 3, 15)


async def fresh_database(path: Path) -> str:
    """Migrate and open an empty SQLite database file."""
    url = f"sqlite://{path}"
    await apply_migrations(url)
    await open_database(url)
    return url


async def person_of(subject: str) -> Person:
    """The person behind a named demo user."""
    account = await UserAccount.get(oidc_subject=subject).prefetch_related("person")
    return account.person


async def current_enrolments(child: Person) -> list[Enrolment]:
    """A child's enrolments that are running today."""
    rows = await Enrolment.filter(child=child).prefetch_related("institution", "group")
    return [row for row in rows if row.start <= TODAY and (row.end is None or row.end >= TODAY)]


async def children_of(guardian: Person) -> list[Person]:
    """The children a guardian has custody of today."""
    rows = await Custody.filter(guardian=guardian, valid_to=None).prefetch_related("child")
    return sorted((row.child for row in rows), key=lambda child: child.birth_date or TODAY)
