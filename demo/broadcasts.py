"""Demo urgent broadcast: one past storm closure to every guardian, ended, most of them read it."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from demo.rows import Demo, RowBook, insert_tables
from domain.clock import COPENHAGEN
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.people import Custody, Enrolment, Person

BROADCAST_TABLES: list[type[Model]] = [Broadcast, BroadcastRecipient]
DAYS_AGO = 40
READ_SHARE = 0.93
EMAIL_AFTER_MINUTES = 60
TITLE = "Stormvarsel: skoler og dagtilbud holder lukket fredag"
BODY = ("DMI varsler orkan fra torsdag aften. Alle skoler, BFO'er, klubber og dagtilbud i Sammenby Kommune holder "
        "derfor lukket fredag.\n\nBørn af forældre i samfundskritiske funktioner kan passes i nødpasning. Kontakt "
        "institutionens leder senest torsdag kl. 16.\n\nVi forventer at åbne som normalt mandag.")


def _active(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end >= day)


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), COPENHAGEN).astimezone(UTC)


def build_broadcast_demo(demo: Demo, admin: Person) -> None:
    """Add the past broadcast and one row per guardian per institution (own randomness: the rest stays as it was)."""
    book = demo.book
    for table in BROADCAST_TABLES:
        book.rows.setdefault(table, [])
    rng = Random("demo-broadcasts")
    day = demo.today - timedelta(days=DAYS_AGO)
    sent = _at(day, 7, 15)
    places: dict[int, set[int]] = defaultdict(set)
    for e in book.all(Enrolment):
        if _active(e.start, e.end, day):
            places[e.child_id].add(e.institution_id)
    pairs = sorted({(c.guardian_id, place) for c in book.all(Custody) if _active(c.valid_from, c.valid_to, day)
                    for place in places.get(c.child_id, ())})
    if not pairs:
        return
    broadcast = book.add(Broadcast, municipality_id=demo.municipality_id, sender_id=admin.id, title=TITLE, body=BODY,
                         created_at=sent, email_after_minutes=EMAIL_AFTER_MINUTES,
                         emailed_at=sent + timedelta(minutes=EMAIL_AFTER_MINUTES),
                         ended_at=_at(day + timedelta(days=3), 9, 0))
    emails = {p.id for p in book.all(Person) if p.email and not p.is_child}
    read_at: dict[int, datetime | None] = {}
    for guardian_id, _ in pairs:
        if guardian_id not in read_at:
            read_at[guardian_id] = sent + timedelta(minutes=rng.randint(1, 600)) if rng.random() < READ_SHARE \
                else None
    emailed = sent + timedelta(minutes=EMAIL_AFTER_MINUTES)
    for guardian_id, institution_id in pairs:
        read = read_at[guardian_id]
        late = read is None or read > emailed
        book.add(BroadcastRecipient, broadcast_id=broadcast.id, guardian_id=guardian_id, institution_id=institution_id,
                 read_at=read, emailed_at=emailed if late and guardian_id in emails else None)


async def insert_broadcast_demo(book: RowBook, conn: BaseDBAsyncClient) -> None:
    """Insert the broadcast rows inside the seed's transaction and move PostgreSQL sequences past them."""
    await insert_tables(book, conn, BROADCAST_TABLES)
