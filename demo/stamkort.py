"""Demo stamkort: allergies and diets for some children (and Oscar Kristensen), so the board shows its marks."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from random import Random

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.named import Named
from demo.rows import Demo, RowBook, insert_tables
from persistence.people import Custody, Person
from persistence.stamkort import Stamkort

STAMKORT_TABLES: list[type[Model]] = [Stamkort]
ALLERGIES = ("Jordnødder", "Nødder og mandler", "Æg", "Mælkeprotein", "Gluten (cøliaki)", "Fisk og skaldyr",
             "Kiwi", "Bistik — har EpiPen i tasken")
DIETS = ("Laktosefri", "Ingen svinekød", "Vegetar", "Halal", "Glutenfri")
ALLERGY_SHARE, DIET_SHARE = 0.07, 0.06


def build_stamkort_demo(demo: Demo, named: Named) -> None:
    """A stamkort for Oscar Kristensen and, at random with its own seed, for some other children."""
    book = demo.book
    for table in STAMKORT_TABLES:
        book.rows.setdefault(table, [])
    rng = Random("demo-stamkort")  # own randomness: the rest of the demo stays as it was
    guardians: dict[int, list[int]] = defaultdict(list)
    for c in book.all(Custody):
        if c.valid_to is None or c.valid_to >= demo.today:
            guardians[c.child_id].append(c.guardian_id)
    mette = named.people["demo-foraelder"].id
    children = [p for p in book.all(Person) if p.is_child and guardians.get(p.id)]
    for child in children:
        oscar = child.first_name == "Oscar" and mette in guardians[child.id]
        allergies = "Jordnødder og nødder" if oscar else (
            rng.choice(ALLERGIES) if rng.random() < ALLERGY_SHARE else "")
        diet = "Ingen nødder i madpakken" if oscar else (rng.choice(DIETS) if rng.random() < DIET_SHARE else "")
        if not (allergies or diet):
            continue
        at = datetime.combine(demo.today - timedelta(days=rng.randint(5, 300)), time(rng.randint(7, 21)), UTC)
        book.add(Stamkort, child_id=child.id, allergies=allergies, diet=diet,
                 doctor_name="Lægerne i Sammenby" if oscar else "", doctor_phone="+45 70 20 30 40" if oscar else "",
                 practical="Har briller med på tur" if oscar else "", updated_at=at,
                 updated_by_id=mette if oscar else rng.choice(guardians[child.id]))


async def insert_stamkort_demo(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the stamkort rows in the seed's transaction and move PostgreSQL's sequence."""
    await insert_tables(book, conn, STAMKORT_TABLES)
