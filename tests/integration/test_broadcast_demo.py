"""The demo's past broadcast: ended, sent to every current guardian once per institution, most have read it."""

from __future__ import annotations

from demo.broadcasts import insert_broadcast_demo
from demo.seed import _insert, build_rows
from domain.broadcast import stats
from domain.clock import today_local, utcnow
from domain.identity.service import current_actor
from persistence.broadcast import BroadcastRecipient
from persistence.db import transaction
from persistence.people import Person


async def test_the_demo_broadcast_is_ended_and_read_by_most_guardians(sqlite_database: str) -> None:
    today = today_local()
    book = build_rows(today=today, scale=0.05, seed=20260801)  # the seed builds the broadcast with the rest
    admin = next(p for p in book.all(Person) if (p.first_name, p.last_name) == ("Henrik", "Dahl"))
    rows = book.all(BroadcastRecipient)
    assert len({(r.guardian_id, r.institution_id) for r in rows}) == len(rows) > 50
    async with transaction() as conn:
        await _insert(book, conn, lambda _f, _m: None)
        await insert_broadcast_demo(book, conn)
    summary = (await stats.list_broadcasts(await current_actor(admin.id, "admin", "2", now=utcnow())))[0]
    assert not summary.active and 0.85 <= summary.read / summary.recipients < 1
    assert 0 < summary.emailed < summary.recipients
    assert not await BroadcastRecipient.filter(read_at__isnull=True, emailed_at__isnull=True,
                                               guardian__email__not="").exists()
